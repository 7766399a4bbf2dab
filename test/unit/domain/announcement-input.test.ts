import { describe, expect, it } from '@jest/globals';
import { AnnouncementInput } from '../../../shared/domain/announcement';
import { ValidationError } from '../../../shared/domain/errors';
import { parseOrThrow } from '../../../shared/domain/validation';
import { msp7En } from '../../support/fixtures';

/** Parses and returns the ValidationError, failing the test if parsing succeeds. */
function rejection(body: unknown): ValidationError {
  const result = (() => {
    try {
      return parseOrThrow(AnnouncementInput, body);
    } catch (err) {
      return err;
    }
  })();
  expect(result).toBeInstanceOf(ValidationError);
  return result as ValidationError;
}

const paths = (err: ValidationError) => err.details.map((d) => d.path);
const minimal = { title: 'Seventh Meeting of States Parties', language: 'en' };
const image = { url: 'https://www.example.org/img/bangkok.jpg', alt: 'Participants' };

describe('AnnouncementInput: rejected bodies name the field', () => {
  it.each<[string, unknown, string]>([
    ['a missing title', { language: 'en' }, 'title'],
    ['an empty title', { ...minimal, title: ' \n ' }, 'title'],
    ['a title of the wrong type', { ...minimal, title: 7 }, 'title'],
    ['tags of the wrong type', { ...minimal, tags: 'msp' }, 'tags'],
    ['an unknown top-level field', { ...minimal, colour: 'red' }, 'colour'],
    ['an unknown field inside an image', { ...minimal, images: [{ ...image, photographer: 'x' }] }, 'images.0.photographer'],
    ['a javascript: canonical URL', { ...minimal, canonicalUrl: 'javascript:alert(1)' }, 'canonicalUrl'],
    ['a data: image URL', { ...minimal, images: [{ ...image, url: 'data:image/png;base64,AA' }] }, 'images.0.url'],
    ['a relative attachment URL', { ...minimal, attachments: [{ url: '/agenda.pdf', title: 'Agenda', type: 'application/pdf' }] }, 'attachments.0.url'],
    ['image/jpg', { ...minimal, images: [{ ...image, type: 'image/jpg' }] }, 'images.0.type'],
    ['duplicate tags', { ...minimal, tags: ['msp', 'seminar', 'msp'] }, 'tags'],
    ['an upper-case tag', { ...minimal, tags: ['MSP'] }, 'tags.0'],
    ['a language that is not a BCP 47 tag', { ...minimal, language: 'English' }, 'language'],
    ['a negative attachment length', { ...minimal, attachments: [{ url: 'https://a.org/a.pdf', title: 'A', type: 'application/pdf', length: -1 }] }, 'attachments.0.length'],
    ['the retracted status (only the API may retract)', { ...minimal, status: 'retracted' }, 'status'],
  ])('rejects %s', (_name, body, path) => {
    // Act
    const err = rejection(body);
    // Assess
    expect(err.status).toBe(400);
    expect(paths(err)).toContain(path);
    expect(err.message).toContain(path);
  });

  it('names every invalid field at once', () => {
    const err = rejection({ title: 1, language: 'English', extra: true });
    expect(new Set(paths(err))).toEqual(new Set(['title', 'language', 'extra']));
  });

  it('names the body itself when it is not an object', () => {
    expect(paths(rejection(['not', 'an', 'object']))).toEqual(['body']);
  });
});

describe('AnnouncementInput: accepted bodies', () => {
  it('applies the defaults to a minimal body', () => {
    expect(parseOrThrow(AnnouncementInput, minimal)).toEqual({
      ...minimal,
      summary: '',
      body: '',
      tags: [],
      authors: [],
      images: [],
      attachments: [],
      status: 'draft',
    });
  });

  it('collapses white space in the title and drops characters XML cannot carry', () => {
    const parsed = parseOrThrow(AnnouncementInput, { ...minimal, title: '  Seventh\u0001 Meeting\n\tof\uD800 States Parties ' });
    expect(parsed.title).toBe('Seventh Meeting of States Parties');
  });

  it('accepts a full fixture unchanged, so fixtures are valid request bodies', () => {
    expect(parseOrThrow(AnnouncementInput, JSON.parse(JSON.stringify(msp7En)))).toEqual(msp7En);
  });

  it('accepts region subtags such as pt-BR', () => {
    expect(parseOrThrow(AnnouncementInput, { ...minimal, language: 'pt-BR' }).language).toBe('pt-BR');
  });
});
