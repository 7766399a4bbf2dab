import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoFileHashes, fileHashKey } from '../../shared/adapters/dynamo-file-hashes';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let hashes: DynamoFileHashes;
beforeAll(async () => {
  emu = await startEmulators();
  hashes = new DynamoFileHashes(emu.doc, emu.table);
});
afterAll(() => emu.stop());

const keys = (n: number, prefix = 'feeds/tags/t') => Array.from({ length: n }, (_, i) => `${prefix}${i}/rss.xml`);

describe('DynamoFileHashes on DynamoDB Local', () => {
  it('records more hashes than one BatchWriteItem takes and reads 100 keys in one BatchGetItem, absent keys left out', async () => {
    const written = keys(60);
    await hashes.putMany(new Map(written.map((k, i) => [k, `h${i}`])));
    const asked = [...written, ...keys(40, 'feeds/none/n')];
    const found = await hashes.getMany(asked);
    expect(found.size).toBe(60);
    expect(found.get('feeds/tags/t59/rss.xml')).toBe('h59');
    expect(found.has('feeds/none/n0/rss.xml')).toBe(false);
  });

  it('keeps one small item per bucket key under the file-hash prefix', async () => {
    await hashes.putMany(new Map([['news/a-1234abcd/index.html', 'abc']]));
    const out = await emu.doc.send(new GetCommand({ TableName: emu.table, Key: fileHashKey('news/a-1234abcd/index.html') }));
    expect(out.Item).toEqual({ pk: 'FILE#news/a-1234abcd/index.html', sk: 'F', type: 'file-hash', sha256: 'abc' });
  });

  it('overwrites a record and forgets deleted keys', async () => {
    await hashes.putMany(new Map([['index.html', 'one']]));
    await hashes.putMany(new Map([['index.html', 'two']]));
    expect((await hashes.getMany(['index.html'])).get('index.html')).toBe('two');
    await hashes.deleteMany(['index.html', 'index.html']);
    expect((await hashes.getMany(['index.html'])).size).toBe(0);
  });
});
