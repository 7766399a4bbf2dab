// Stands in for @smithy/core/event-streams in Lambda bundles. The S3 client
// builds an event-stream marshaller for SelectObjectContent at construction
// and the protocol loads its serde for event-stream operations; Herald calls
// none (no DynamoDB, S3, SQS, SSM or Secrets Manager operation it uses
// streams events), yet the codec cost about 14 KB of every bundle with S3.
const absent = () => {
  throw new Error('event streams are not bundled (infra/bundle/no-event-streams.mjs)');
};

export const eventStreamSerdeProvider = () => ({ serialize: absent, deserialize: absent });
export const resolveEventStreamSerdeConfig = (input) => Object.assign(input, { eventStreamMarshaller: input.eventStreamSerdeProvider(input) });
export class EventStreamSerde {
  constructor() {
    absent();
  }
}
