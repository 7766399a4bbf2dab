import { describe, expect, it } from '@jest/globals';
import { directionOf, RTL_LANGUAGES } from '../../../shared/domain/direction';

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
