import { describe, expect, it } from '@jest/globals';
import {
  ConflictException,
  DescribeKeyValueStoreCommand,
  UpdateKeysCommand,
  type CloudFrontKeyValueStoreClient,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import { KvsRedirectEdge } from '../../../shared/adapters/kvs-redirect-edge';

const ARN = 'arn:aws:cloudfront::123456789012:key-value-store/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';

/** A stand-in for the KeyValueStore API: an ETag that moves on every write, and faults injected on demand. */
function fakeKvs(conflicts = 0) {
  const keys = new Map<string, string>();
  let etag = 1;
  let toFail = conflicts;
  const calls: string[] = [];
  const client = {
    send(command: unknown) {
      if (command instanceof DescribeKeyValueStoreCommand) {
        calls.push('describe');
        return Promise.resolve({ ETag: `E${etag}` });
      }
      if (command instanceof UpdateKeysCommand) {
        const input = command.input;
        calls.push(`update ${input.IfMatch} ${input.Puts?.length ?? 0}/${input.Deletes?.length ?? 0}`);
        if (toFail > 0) {
          toFail--;
          // Another writer got in between: the store moved on.
          etag++;
          return Promise.reject(new ConflictException({ message: 'Pre-Condition failed', $metadata: {} }));
        }
        if (input.IfMatch !== `E${etag}`) return Promise.reject(new ConflictException({ message: 'stale', $metadata: {} }));
        for (const p of input.Puts ?? []) keys.set(p.Key!, p.Value!);
        for (const d of input.Deletes ?? []) keys.delete(d.Key!);
        etag++;
        return Promise.resolve({ ETag: `E${etag}` });
      }
      return Promise.reject(new Error('unexpected command'));
    },
  };
  return { client: client as unknown as CloudFrontKeyValueStoreClient, keys, calls };
}

describe('the KeyValueStore edge', () => {
  it('puts pairs with the current ETag, 50 keys per call', async () => {
    const kvs = fakeKvs();
    const pairs = Array.from({ length: 60 }, (_, i) => ({ from: `/?p=${i}`, to: `/news/${i}/` }));

    await new KvsRedirectEdge(kvs.client, ARN).put(pairs);

    expect(kvs.keys.size).toBe(60);
    expect(kvs.keys.get('/?p=7')).toBe('/news/7/');
    expect(kvs.calls).toEqual(['describe', 'update E1 50/0', 'describe', 'update E2 10/0']);
  });

  it('reads the ETag again and retries after a precondition failure', async () => {
    const kvs = fakeKvs(2);

    await new KvsRedirectEdge(kvs.client, ARN).put([{ from: '/old/', to: '/new/' }]);

    expect(kvs.keys.get('/old/')).toBe('/new/');
    expect(kvs.calls).toEqual(['describe', 'update E1 1/0', 'describe', 'update E2 1/0', 'describe', 'update E3 1/0']);
  });

  it('gives up after four stale tries and reports it', async () => {
    const kvs = fakeKvs(10);
    await expect(new KvsRedirectEdge(kvs.client, ARN).put([{ from: '/old/', to: '/new/' }])).rejects.toThrow(ConflictException);
    expect(kvs.calls.filter((c) => c.startsWith('update'))).toHaveLength(4);
  });

  it('removes keys', async () => {
    const kvs = fakeKvs();
    const edge = new KvsRedirectEdge(kvs.client, ARN);
    await edge.put([{ from: '/old/', to: '/new/' }]);
    await edge.remove(['/old/']);
    expect(kvs.keys.size).toBe(0);
  });
});
