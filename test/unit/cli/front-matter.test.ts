import { describe, expect, it } from '@jest/globals';
import { FileFormatError, announcementFromMarkdown } from '../../../cli/front-matter';

describe('announcementFromMarkdown', () => {
  it('turns front matter into fields and the rest into the body, keeping times as written', () => {
    const file = [
      '---',
      'title: Seventh Meeting of States Parties',
      'summary: 4-6 September 2017, Palais des Nations, Geneva.',
      'language: en',
      'tags: [msp, geneva]',
      'status: scheduled',
      'publishAt: 2017-09-04T09:00:00+02:00',
      'images:',
      '  - url: https://example.org/logo.png',
      '    alt: Meeting logo',
      '    credit: (c) CMC',
      'attachments:',
      '  - { url: "https://example.org/agenda.pdf", title: Agenda, type: application/pdf, length: 102400 }',
      '---',
      '',
      'The meeting is presided over by an **ambassador**.',
      '',
    ].join('\n');
    expect(announcementFromMarkdown(file)).toEqual({
      title: 'Seventh Meeting of States Parties',
      summary: '4-6 September 2017, Palais des Nations, Geneva.',
      language: 'en',
      tags: ['msp', 'geneva'],
      status: 'scheduled',
      publishAt: '2017-09-04T09:00:00+02:00',
      images: [{ url: 'https://example.org/logo.png', alt: 'Meeting logo', credit: '(c) CMC' }],
      attachments: [{ url: 'https://example.org/agenda.pdf', title: 'Agenda', type: 'application/pdf', length: 102400 }],
      body: 'The meeting is presided over by an **ambassador**.',
    });
  });

  it('accepts CRLF line ends and a byte-order mark', () => {
    expect(announcementFromMarkdown('\uFEFF---\r\ntitle: T\r\nlanguage: fr\r\n---\r\nCorps')).toEqual({ title: 'T', language: 'fr', body: 'Corps' });
  });

  it.each([
    ['no front matter', '# Just Markdown', 'must start with YAML front matter'],
    ['unclosed front matter', '---\ntitle: x\n', 'must start with YAML front matter'],
    ['invalid YAML', '---\ntitle: [unclosed\n---\n', 'not valid YAML'],
    ['a list, not a mapping', '---\n- a\n- b\n---\n', 'must be a YAML mapping'],
    ['a body key', '---\ntitle: x\nbody: y\n---\n', 'below the front matter'],
  ])('refuses %s with a clear message', (_what, text, message) => {
    expect(() => announcementFromMarkdown(text)).toThrow(FileFormatError);
    expect(() => announcementFromMarkdown(text)).toThrow(message);
  });
});
