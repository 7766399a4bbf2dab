import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLocalServer } from '../../infra/local/http-server';
import { json } from '../../shared/http/responses';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let server: Server;
let base = '';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

beforeAll(async () => {
  emu = await startEmulators();
  server = createLocalServer({ api: async () => json(200, {}), s3: emu.s3, bucket: emu.bucket, logger: quiet, siteUrl: () => base });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await emu.stop();
});

const put = (key: string, body: string, sha256?: string) =>
  emu.s3.send(
    new PutObjectCommand({
      Bucket: emu.bucket,
      Key: key,
      Body: body,
      ContentType: 'application/rss+xml; charset=utf-8',
      ...(sha256 ? { Metadata: { sha256 } } : {}),
    }),
  );

describe('the local server in front of s3rver', () => {
  it('serves a published object whole, with its length', async () => {
    const xml = '<rss version="2.0"><channel><title>ok</title></channel></rss>';
    await put('feeds/ok/rss.xml', xml, sha(xml));
    const res = await fetch(`${base}/feeds/ok/rss.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(xml)));
    expect(await res.text()).toBe(xml);
  });

  it('serves objects the publisher did not write as they are', async () => {
    await put('index.html', '<p>hello</p>');
    expect(await (await fetch(`${base}/`)).text()).toBe('<p>hello</p>');
  });
});
