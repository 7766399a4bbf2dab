import { describe, expect, it } from '@jest/globals';
import { runInNewContext } from 'node:vm';
import { KVS_IMPORT, redirectsFunctionCode } from '../../../infra/edge/redirects-code';

const SITE = 'https://news.example.org';
type Answer = { statusCode?: number; headers?: Record<string, { value: string }>; uri?: string };
type Request = { method: string; uri: string; querystring?: Record<string, { value: string; multiValue?: { value: string }[] }> };

/**
 * The viewer-request function's source as synthesized, run in node:vm with a
 * fake `cf.kvs()` whose get() throws for a missing key, as CloudFront's does.
 */
function load(store: Record<string, string>) {
  const code = redirectsFunctionCode(SITE);
  expect(code.startsWith(KVS_IMPORT)).toBe(true);
  const lookups: string[] = [];
  const cf = {
    kvs: () => ({
      get: (key: string) => {
        lookups.push(key);
        return Object.hasOwn(store, key) ? Promise.resolve(store[key]) : Promise.reject(new Error(`The key ${key} is not found`));
      },
    }),
  };
  const context: Record<string, unknown> = { cf };
  runInNewContext(`${code.replace(KVS_IMPORT, '')}\nthis.handler = handler;`, context);
  const handler = context.handler as (e: { request: Request }) => Promise<Answer>;
  return { run: (request: Request) => handler({ request: { querystring: {}, ...request } }), lookups };
}

describe('the redirects CloudFront Function', () => {
  const store = { '/?p=123': '/news/msp7-1a2b3c4d/', '/2017/09/msp7/': '/news/msp7-1a2b3c4d/', '/about/': '/' };

  it('answers 301 to SITE_URL + to for a stored path', async () => {
    const { run } = load(store);
    const res = await run({ method: 'GET', uri: '/2017/09/msp7/' });
    expect(res.statusCode).toBe(301);
    expect(res.headers?.location?.value).toBe(`${SITE}/news/msp7-1a2b3c4d/`);
  });

  it('looks a query-form path up with its query, for HEAD too', async () => {
    const { run, lookups } = load(store);
    const res = await run({ method: 'HEAD', uri: '/', querystring: { p: { value: '123' } } });
    expect(res.headers?.location?.value).toBe(`${SITE}/news/msp7-1a2b3c4d/`);
    expect(lookups).toEqual(['/?p=123']);
  });

  it('falls back to the path alone when the query is unknown', async () => {
    const { run, lookups } = load(store);
    const res = await run({ method: 'GET', uri: '/about/', querystring: { utm_source: { value: 'x' } } });
    expect(res.headers?.location?.value).toBe(`${SITE}/`);
    expect(lookups).toEqual(['/about/?utm_source=x', '/about/']);
  });

  it('rebuilds repeated query parameters in order', async () => {
    const { run, lookups } = load({});
    await run({ method: 'GET', uri: '/s', querystring: { a: { value: '1', multiValue: [{ value: '1' }, { value: '2' }] }, b: { value: '' } } });
    expect(lookups[0]).toBe('/s?a=1&a=2&b');
  });

  it('hands a path without a redirect to the directory index', async () => {
    const { run } = load(store);
    expect(await run({ method: 'GET', uri: '/news/other/' })).toMatchObject({ uri: '/news/other/index.html' });
    expect(await run({ method: 'GET', uri: '/admin' })).toMatchObject({ statusCode: 301, headers: { location: { value: '/admin/' } } });
  });

  it('never redirects a method other than GET or HEAD', async () => {
    const { run, lookups } = load(store);
    expect((await run({ method: 'OPTIONS', uri: '/about/' })).statusCode).toBe(405);
    expect(lookups).toEqual([]);
  });
});
