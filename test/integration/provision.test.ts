import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HeadBucketCommand, ListBucketsCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { ensureBucket } from '../../infra/local/provision';
import { makeS3Client } from '../../shared/adapters/aws-clients';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * The local start provisions its bucket on every run. A HeadBucket that
 * fails although the bucket is there (s3rver lists the bucket to answer it,
 * and a torn object after a kill -9 once failed that in CI) must not stop
 * Herald from starting.
 */
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(() => emu.stop());

/** An S3 client on the same emulator whose HeadBucket always fails with a 500. */
function clientWithFailingHead() {
  const s3 = makeS3Client({ region: 'us-east-1', s3Endpoint: emu.endpoints.s3 });
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === HeadBucketCommand.name) {
        throw new S3ServiceException({ name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 } });
      }
      return next(args);
    },
    { step: 'initialize', name: 'failHeadBucket' },
  );
  return s3;
}

describe('ensureBucket on the S3 emulator', () => {
  it('succeeds when HeadBucket fails but the bucket exists, and creates nothing new', async () => {
    const before = await emu.s3.send(new ListBucketsCommand({}));
    await expect(ensureBucket(clientWithFailingHead(), emu.bucket)).resolves.toBeUndefined();
    const after = await emu.s3.send(new ListBucketsCommand({}));
    expect(after.Buckets?.map((b) => b.Name)).toEqual(before.Buckets?.map((b) => b.Name));
  });

  it('creates a missing bucket, then finds it on the next run', async () => {
    await ensureBucket(emu.s3, 'herald-provision-new');
    await expect(emu.s3.send(new HeadBucketCommand({ Bucket: 'herald-provision-new' }))).resolves.toBeDefined();
    await expect(ensureBucket(clientWithFailingHead(), 'herald-provision-new')).resolves.toBeUndefined();
  });

  it('still fails loudly on an error that is not "already exists"', async () => {
    await expect(ensureBucket(clientWithFailingHead(), 'x')).rejects.toThrow(/bucket name/i);
  });
});
