import { describe, expect, it } from '@jest/globals';
import { directionOf, isolate, RTL_LANGUAGES } from '../../../shared/domain/direction';
import { feedContext } from '../../../shared/render/feed-context';

describe('directionOf', () => {
  it('is rtl for every language of the fallback list, through Intl and through the list alone', () => {
    // iw and ji are the old codes of Hebrew and Yiddish; Intl maps them to he and yi.
    for (const lang of RTL_LANGUAGES) {
      expect({ lang, intl: directionOf(lang) }).toEqual({ lang, intl: 'rtl' });
      expect({ lang, list: directionOf(lang, false) }).toEqual({ lang, list: 'rtl' });
    }
  });

  it('is rtl for the issue\'s languages with regions, both ways', () => {
    for (const lang of ['ar-EG', 'he-IL', 'fa-IR', 'ur-PK', 'ps-AF', 'ckb-IQ']) {
      expect([lang, directionOf(lang), directionOf(lang, false)]).toEqual([lang, 'rtl', 'rtl']);
    }
  });

  it('follows an explicit script subtag over the language', () => {
    expect(directionOf('pa-Arab')).toBe('rtl');
    expect(directionOf('pa-Arab', false)).toBe('rtl');
    expect(directionOf('az-Latn', false)).toBe('ltr');
    expect(directionOf('ku-Arab', false)).toBe('rtl');
  });

  it('is ltr for left-to-right languages, unknown tags and malformed ones', () => {
    for (const lang of ['en', 'fr', 'es', 'pt-BR', 'ru', 'zh', 'hi', 'el', 'am', 'xx']) {
      expect([lang, directionOf(lang), directionOf(lang, false)]).toEqual([lang, 'ltr', 'ltr']);
    }
    expect(directionOf('not a tag')).toBe('ltr');
    expect(directionOf('')).toBe('ltr');
  });
});

describe('isolate (plain-text bdi)', () => {
  it('wraps right-to-left text in FSI ... PDI and leaves any other text byte for byte', () => {
    expect(isolate('حقوق-الإنسان')).toBe('\u2068حقوق-الإنسان\u2069');
    expect(isolate('שלום 2026')).toBe('\u2068שלום 2026\u2069');
    for (const text of ['7msp', 'Réunion à Genève', 'Седьмое', '裁军', '']) expect(isolate(text)).toBe(text);
  });

  it('isolates an Arabic tag and an Arabic site title inside feed titles; Latin ones stay as they were', () => {
    const site = { siteUrl: 'https://news.example.org', siteTitle: 'CMC news', siteDescription: '', hubs: [] };
    expect(feedContext(site, 'tag:حقوق-الإنسان').title).toBe('CMC news: \u2068حقوق-الإنسان\u2069');
    expect(feedContext(site, 'tag:7msp').title).toBe('CMC news: 7msp');
    expect(feedContext({ ...site, siteTitle: 'أخبار التحالف' }, 'lang:en').title).toBe('\u2068أخبار التحالف\u2069 (en)');
  });
});
