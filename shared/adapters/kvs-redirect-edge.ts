import {
  ConflictException,
  DescribeKeyValueStoreCommand,
  UpdateKeysCommand,
  type CloudFrontKeyValueStoreClient,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { RedirectEdge } from '../ports/redirect-store';
import type { RedirectPair } from '../redirects/redirect';

/** Keys per UpdateKeys call (the service takes at most 50 puts and deletes at once). */
const KEYS_PER_CALL = 50;
/** Tries per call when another writer moved the store's ETag meanwhile. */
const ATTEMPTS = 4;

type Change = { Puts?: { Key: string; Value: string }[]; Deletes?: { Key: string }[] };

/** A stale ETag: the store changed between DescribeKeyValueStore and UpdateKeys. */
const isStale = (err: unknown) =>
  err instanceof ConflictException || (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 412;

/**
 * The CloudFront KeyValueStore the viewer-request function reads: key the old
 * path (with its query), value the new path. Each UpdateKeys call names the
 * store's current ETag; on a precondition failure the ETag is read again and the
 * call retried. The client must be able to sign SigV4a (@aws-sdk/signature-v4a).
 */
export class KvsRedirectEdge implements RedirectEdge {
  constructor(
    private readonly kvs: CloudFrontKeyValueStoreClient,
    private readonly arn: string,
  ) {}

  async put(pairs: readonly RedirectPair[]): Promise<void> {
    for (let i = 0; i < pairs.length; i += KEYS_PER_CALL) {
      await this.update({ Puts: pairs.slice(i, i + KEYS_PER_CALL).map((p) => ({ Key: p.from, Value: p.to })) });
    }
  }

  async remove(froms: readonly string[]): Promise<void> {
    for (let i = 0; i < froms.length; i += KEYS_PER_CALL) {
      await this.update({ Deletes: froms.slice(i, i + KEYS_PER_CALL).map((Key) => ({ Key })) });
    }
  }

  private async update(change: Change): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const { ETag } = await this.kvs.send(new DescribeKeyValueStoreCommand({ KvsARN: this.arn }));
      try {
        await this.kvs.send(new UpdateKeysCommand({ KvsARN: this.arn, IfMatch: ETag, ...change }));
        return;
      } catch (err) {
        if (!isStale(err) || attempt >= ATTEMPTS) throw err;
      }
    }
  }
}
