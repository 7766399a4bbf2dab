import { describe, expect, it } from '@jest/globals';
import { checkTarget, isBlockedAddress } from '../../../shared/webhooks/target-guard';
import { makeWebhookSender } from '../../../shared/webhooks/sender';

const resolveTo = (addresses: string[]) => async () => addresses;

describe('the webhook SSRF guard (cloud setting: private targets refused)', () => {
  it.each(['10.1.2.3', '127.0.0.1', '169.254.169.254', '172.16.5.4', '192.168.1.1', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1'])(
    'blocks %s',
    (ip) => expect(isBlockedAddress(ip)).toBe(true),
  );

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8'])('lets %s through', (ip) => expect(isBlockedAddress(ip)).toBe(false));

  it('refuses a name that resolves to a private address, naming the url field', async () => {
    const err = await checkTarget('https://hooks.example.com/x', { allowPrivate: false, resolve: resolveTo(['93.184.216.34', '10.0.0.7']) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, details: [{ path: 'url' }] });
  });

  it('refuses a literal loopback or metadata address, and plain http', async () => {
    for (const url of ['https://127.0.0.1/hook', 'https://[::1]/hook', 'https://169.254.169.254/latest', 'http://hooks.example.com/x']) {
      await expect(checkTarget(url, { allowPrivate: false, resolve: resolveTo(['93.184.216.34']) })).rejects.toMatchObject({ details: [{ path: 'url' }] });
    }
  });

  it('refuses a name that does not resolve', async () => {
    const resolve = () => Promise.reject(new Error('ENOTFOUND'));
    await expect(checkTarget('https://nowhere.invalid/x', { allowPrivate: false, resolve })).rejects.toMatchObject({ details: [{ path: 'url', message: expect.stringContaining('does not resolve') }] });
  });

  it('accepts a public https target', async () => {
    await expect(checkTarget('https://hooks.example.com/x', { allowPrivate: false, resolve: resolveTo(['93.184.216.34']) })).resolves.toBeUndefined();
  });

  it('allows private targets when the local runtime says so', async () => {
    await expect(checkTarget('http://127.0.0.1:9999/x', { allowPrivate: true })).resolves.toBeUndefined();
  });

  it('at send time, refuses to connect to a host that resolves to loopback (no request leaves)', async () => {
    const send = makeWebhookSender({ allowPrivate: false, timeoutMs: 2000 });
    const result = await send({ url: 'https://localhost:1/hook', secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}` }, 'published.x.v1', '{}', new Date());
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/private, loopback or link-local/);
  });

  it('at send time, refuses an IP literal in a blocked range (which no DNS lookup would see)', async () => {
    const send = makeWebhookSender({ allowPrivate: false, timeoutMs: 2000 });
    for (const url of ['https://169.254.169.254/latest/meta-data', 'https://[::1]:1/x', 'https://10.0.0.1/x']) {
      const result = await send({ url, secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}` }, 'published.x.v1', '{}', new Date());
      expect(result).toMatchObject({ error: expect.stringMatching(/^refused: .* private, loopback or link-local/) });
    }
  });
});
