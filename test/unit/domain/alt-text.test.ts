import { describe, expect, it } from '@jest/globals';
import { AnnouncementInput } from '../../../shared/domain/announcement';

const image = (alt: string) => ({ url: 'https://www.example.org/img/bangkok.jpeg', alt, credit: '(c) CMC' });
const base = { title: 'Regional seminar in Bangkok', language: 'en' };
const issuesOf = (input: unknown) => {
  const r = AnnouncementInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('alt text before publishing', () => {
  it('lets a draft wait for its alt text', () => {
    expect(issuesOf({ ...base, status: 'draft', images: [image('')] })).toEqual([]);
  });

  it('refuses to publish or schedule an image without alt text, naming each image', () => {
    const images = [image('Delegates seated around a table'), image('   '), image('')];
    expect(issuesOf({ ...base, status: 'published', images })).toEqual(['images.1.alt', 'images.2.alt']);
    expect(issuesOf({ ...base, status: 'scheduled', publishAt: '2030-01-01T09:00:00+07:00', images: [image('')] })).toEqual(['images.0.alt']);
  });

  it('publishes an image with alt text', () => {
    expect(issuesOf({ ...base, status: 'published', images: [image('Delegates seated around a table')] })).toEqual([]);
  });
});
