import { describe, expect, it } from '@jest/globals';
import { makeFediverseHttpApp, MAX_ACTIVITY_BYTES } from '../../../functions/fediverse/app';
import type { HeraldFederation } from '../../../shared/fediverse/federation';
import { apiEvent, recordingLogger } from '../../support/fakes';

/** A federation stand-in that records the Request it was handed and answers with `reply`. */
function recorder(reply: Response) {
  const seen: Request[] = [];
  const federation = { fetch: async (r: Request) => (seen.push(r), reply) } as unknown as HeraldFederation;
  return { seen, app: makeFediverseHttpApp({ federation, siteUrl: 'https://news.example.org', logger: recordingLogger() }) };
}

describe('the fediverse HTTP bridge', () => {
  it('hands Fedify the request on the public origin, with the host senders signed, and its body', async () => {
    const { seen, app } = recorder(new Response('{}', { status: 202, headers: { 'content-type': 'application/activity+json' } }));
    const event = apiEvent({ method: 'POST', path: '/ap/inbox', body: '{"type":"Follow"}', headers: { host: 'abc.execute-api.us-east-1.amazonaws.com', signature: 'keyId="x"' } });
    const result = await app({ ...event, rawQueryString: 'a=1' });
    expect(result.statusCode).toBe(202);
    expect(result.body).toBe('{}');
    expect(seen[0]!.url).toBe('https://news.example.org/ap/inbox?a=1');
    expect(seen[0]!.headers.get('host')).toBe('news.example.org');
    expect(seen[0]!.headers.get('signature')).toBe('keyId="x"');
    expect(await seen[0]!.text()).toBe('{"type":"Follow"}');
  });

  it('refuses a body over the limit with 413 before Fedify reads it', async () => {
    const { seen, app } = recorder(new Response(null, { status: 202 }));
    const result = await app(apiEvent({ method: 'POST', path: '/ap/inbox', body: 'x'.repeat(MAX_ACTIVITY_BYTES + 1) }));
    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body!)).toMatchObject({ error: 'payload_too_large', details: [{ path: 'body' }] });
    expect(seen).toHaveLength(0);
  });
});
