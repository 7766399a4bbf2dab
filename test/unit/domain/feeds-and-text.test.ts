import { describe, expect, it } from '@jest/globals';
import { feedPrefix, feedsOf } from '../../../shared/domain/feeds';
import { slugify, xmlSafe } from '../../../shared/domain/text';

const published = { status: 'published' as const, language: 'en', tags: ['msp', 'seminar'] };

describe('feedsOf', () => {
  it('puts a published announcement in the site, its language and each tag feed', () => {
    expect(feedsOf(published)).toEqual(['site', 'lang:en', 'tag:msp', 'tag:seminar']);
  });

  it.each(['draft', 'retracted'] as const)('puts a %s announcement in no feed', (status) => {
    expect(feedsOf({ ...published, status })).toEqual([]);
  });

  it.each([
    ['site', 'feeds/'],
    ['lang:pt-BR', 'feeds/pt-BR/'],
    ['tag:7msp', 'feeds/tags/7msp/'],
  ])('maps %s to the bucket prefix %s', (key, prefix) => {
    expect(feedPrefix(key)).toBe(prefix);
  });

  it('refuses an unknown feed key', () => {
    expect(() => feedPrefix('author:x')).toThrow('unknown feed key');
  });
});

describe('xmlSafe and slugify', () => {
  it('drops C0 controls, U+FFFE/U+FFFF and lone surrogates but keeps tab, newlines and pairs', () => {
    expect(xmlSafe('a\u0000b\u001Fc\tD\nE\rF\uFFFEG\uD800H\uDC00I😀')).toBe('abc\tD\nE\rFGHI😀');
  });

  it('makes an ASCII slug from accented titles', () => {
    expect(slugify('Septième Assemblée des États parties')).toBe('septieme-assemblee-des-etats-parties');
  });

  it('gives an empty slug when nothing usable is left (emoji only)', () => {
    expect(slugify('🎉 🎉 ✨')).toBe('');
  });

  it('cuts at the limit without a trailing hyphen', () => {
    expect(slugify('Regional seminar in Rakitje', 17)).toBe('regional-seminar');
  });
});
