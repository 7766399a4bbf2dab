import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '../../../shared/domain/errors';
import { parseOrThrow } from '../../../shared/domain/validation';
import { lookupKeys, PutRedirects, RedirectDeleteQuery } from '../../../shared/redirects/redirect';

const put = (from: string, to = '/news/seventh-meeting-1a2b3c4d/') => parseOrThrow(PutRedirects, { redirects: [{ from, to }] });
const refusal = (input: unknown) => {
  try {
    parseOrThrow(PutRedirects, input);
  } catch (err) {
    if (err instanceof ValidationError) return err.details.map((d) => d.path);
    throw err;
  }
  throw new Error('accepted');
};

describe('a redirect pair', () => {
  it('keeps a path and its query, as a browser sends them', () => {
    expect(put('/?p=123').redirects[0]).toEqual({ from: '/?p=123', to: '/news/seventh-meeting-1a2b3c4d/' });
    expect(put('/2017/09/msp7/').redirects[0]!.from).toBe('/2017/09/msp7/');
  });

  it('percent-encodes non-ASCII and spaces and resolves dot segments, so lookups see what browsers send', () => {
    expect(put('/actualités/genève 2017/').redirects[0]!.from).toBe('/actualit%C3%A9s/gen%C3%A8ve%202017/');
    expect(put('/a/../b/').redirects[0]!.from).toBe('/b/');
  });

  it.each([
    ['//evil.example/x', 'redirects.0.to'],
    ['https://evil.example/', 'redirects.0.to'],
    ['/\\evil.example', 'redirects.0.to'],
    ['evil', 'redirects.0.to'],
    ['/ok\r\nSet-Cookie: a=b', 'redirects.0.to'],
    ['/page#top', 'redirects.0.to'],
    [`/${'a'.repeat(1024)}`, 'redirects.0.to'],
  ])('refuses the open-redirect or broken to %j, naming the field', (to, path) => {
    expect(refusal({ redirects: [{ from: '/old/', to }] })).toEqual([path]);
  });

  it.each([
    ['https://old.example/page'],
    ['//old.example/page'],
    ['old/page'],
    ['/old\u0000/'],
    ['/old\t/'],
    [`/${'x'.repeat(512)}`],
    ['/old#frag'],
    [''],
  ])('refuses the from %j, naming the field', (from) => {
    expect(refusal({ redirects: [{ from, to: '/news/' }] })).toEqual(['redirects.0.from']);
  });

  it('counts the 512-byte limit on the encoded form', () => {
    expect(put(`/${'a'.repeat(511)}`).redirects[0]!.from).toHaveLength(512);
    expect(refusal({ redirects: [{ from: `/${'é'.repeat(100)}`, to: '/n/' }] })).toEqual(['redirects.0.from']);
  });

  it('takes 1 to 100 pairs, each from once, and no other field', () => {
    expect(refusal({ redirects: [] })).toEqual(['redirects']);
    expect(refusal({ redirects: Array.from({ length: 101 }, (_, i) => ({ from: `/p${i}`, to: '/n/' })) })).toEqual(['redirects']);
    expect(refusal({ redirects: [{ from: '/a', to: '/n/' }, { from: '/a', to: '/m/' }] })).toEqual(['redirects.1.from']);
    expect(refusal({ redirects: [{ from: '/a', to: '/n/', code: 302 }] })).toEqual(['redirects.0.code']);
  });

  it('names the from of a DELETE the same way', () => {
    expect(parseOrThrow(RedirectDeleteQuery, { from: '/?p=1' }, 'query')).toEqual({ from: '/?p=1' });
    expect(() => parseOrThrow(RedirectDeleteQuery, {}, 'query')).toThrow(ValidationError);
  });
});

describe('lookup keys', () => {
  it('try the path with its query first, then the path alone', () => {
    expect(lookupKeys('/', '?p=123')).toEqual(['/?p=123', '/']);
    expect(lookupKeys('/about/', '')).toEqual(['/about/']);
  });
});
