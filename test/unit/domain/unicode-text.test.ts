import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Slug, TagName } from '../../../shared/domain/announcement';
import { slugify } from '../../../shared/domain/text';
import { hashtagsOf, socialText } from '../../../shared/render/social';

const graphemes = (s: string) => [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

describe('slugify, beyond Latin', () => {
  it.each([
    ['Arabic', 'الاجتماع السابع للدول الأطراف في جنيف', 'الاجتماع-السابع-للدول-الأطراف-في-جنيف'],
    ['Russian', 'Седьмое совещание государств-участников', 'седьмое-совещание-государств-участников'],
    ['Greek', 'Έβδομη Συνάντηση των Κρατών', 'έβδομη-συνάντηση-των-κρατών'],
    ['Chinese', '第七次缔约国会议在日内瓦举行', '第七次缔约国会议在日内瓦举行'],
    ['Hindi (matras kept)', 'हिन्दी समाचार', 'हिन्दी-समाचार'],
    ['mixed scripts', 'Arabic العربية MSP 7', 'arabic-العربية-msp-7'],
  ])('%s: a readable slug the Slug schema accepts', (_name, title, slug) => {
    expect(slugify(title)).toBe(slug);
    expect(Slug.safeParse(slug).success).toBe(true);
  });

  it('keeps Latin slugs as they were: accents dropped, ASCII only', () => {
    expect(slugify('Réunion à Genève — l\'État')).toBe('reunion-a-geneve-l-etat');
    expect(slugify('ﬁve ½ x²')).toBe('five-1-2-x2');
  });

  it('is empty for an emoji-only title (the service then uses the date)', () => {
    expect(slugify('🎉🎉')).toBe('');
  });

  it('never cuts inside a grapheme at the limit', () => {
    // Each Devanagari syllable here is two code points (consonant + matra).
    const slug = slugify('नमस्ते '.repeat(30), 7);
    expect(graphemes(slug).join('')).toBe(slug);
    expect('नमस्ते'.startsWith(slug.replace(/-.*/, ''))).toBe(true);
    expect([...slug].length).toBeLessThanOrEqual(7);
    expect(slug.length).toBeGreaterThan(0);
  });

  it('gives only what the schemas accept, for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (title) => {
        const slug = slugify(title);
        return slug === '' || (Slug.safeParse(slug).success && TagName.safeParse(slug).success);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses slugs and tags with capitals, spaces, bidi controls or punctuation', () => {
    for (const bad of ['Abc', 'a b', 'a\u202Eb', 'a--b', '-a', 'a/b', 'مؤتمر.جنيف']) {
      expect([bad, Slug.safeParse(bad).success, TagName.safeParse(bad).success]).toEqual([bad, false, false]);
    }
  });
});

describe('social text and hashtags, beyond Latin', () => {
  it('never cuts between a letter and its marks (Arabic harakat, Devanagari matras)', () => {
    const arabic = 'يُعْقَدُ الاجْتِمَاعُ السَّابِعُ لِلدُّوَلِ الأَطْرَافِ '.repeat(20);
    const devanagari = 'राष्ट्रों की बैठक जिनेवा में होगी '.repeat(20);
    for (const summary of [arabic, devanagari]) {
      for (const max of [17, 50, 101, 280]) {
        const text = socialText({ summary, title: 't' }, max);
        expect([...text].length).toBeLessThanOrEqual(max);
        const kept = text.slice(0, -1);
        // What is kept is whole graphemes of the source, in order.
        expect(summary.startsWith(kept)).toBe(true);
        const source = graphemes(summary.slice(0, kept.length + 1));
        expect(graphemes(kept)).toEqual(source.slice(0, graphemes(kept).length));
        expect(/\p{M}/u.test(summary[kept.length] ?? '')).toBe(false);
      }
    }
  });

  it('cuts any text only at grapheme boundaries (property)', () => {
    const seg = new Intl.Segmenter('und', { granularity: 'grapheme' });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }), fc.integer({ min: 5, max: 60 }), (summary, max) => {
        const collapsed = summary.replace(/\s+/g, ' ').trim();
        const text = socialText({ summary, title: 'x' }, max);
        if ([...text].length > max) return false;
        if (text === collapsed || !collapsed) return true;
        const kept = text.slice(0, -1);
        const boundaries = new Set([...seg.segment(collapsed)].map((g) => g.index).concat(collapsed.length));
        return text.endsWith('…') && collapsed.startsWith(kept) && boundaries.has(kept.length);
      }),
      { numRuns: 300 },
    );
  });

  it('makes Mastodon hashtags of non-Latin tags: letters of any script, underscore where there is no case', () => {
    const tags = ['حقوق-الإنسان', 'ядерное-разоружение', '裁军', 'victim-assistance', '7msp', '2026-msp'];
    const got = hashtagsOf({ tags });
    expect(got).toEqual(['#حقوق_الإنسان', '#ЯдерноеРазоружение', '#裁军', '#VictimAssistance', '#7msp', '#2026Msp']);
    // Mastodon's hashtag: word characters of any script and underscore, not only digits.
    for (const h of got) expect(h).toMatch(/^#[\p{L}\p{M}\p{N}_]*[\p{L}_][\p{L}\p{M}\p{N}_]*$/u);
  });
});
