import { AnnouncementInput } from '../../../shared/domain/announcement';
import type { Announcement } from '../types';

/**
 * The form's state and its two translations: from a stored announcement, and
 * to the body the API takes. Validation is the API's own zod schema, so the
 * form names the same fields with the same messages a 400 would.
 */
export type AuthorForm = { name: string; email: string; url: string };
export type ImageForm = { url: string; alt: string; caption: string; credit: string; type?: string; length?: number; width?: number; height?: number };
export type AttachmentForm = { url: string; title: string; type: string; length?: number };
export type EventForm = { start: string; end: string; allDay: boolean; timeZone: string; venue: string; city: string; country: string; onlineUrl: string; cancelled: boolean };
export type FormState = {
  title: string;
  summary: string;
  body: string;
  language: string;
  tags: string;
  authors: AuthorForm[];
  images: ImageForm[];
  attachments: AttachmentForm[];
  slug: string;
  canonicalUrl: string;
  translationOf: string;
  hasEvent: boolean;
  event: EventForm;
  /** Local wall time in the editor's zone, YYYY-MM-DDTHH:MM, for scheduling. */
  publishAt: string;
};
export type Errors = Record<string, string>;
export type SaveStatus = 'draft' | 'scheduled' | 'published';

/** The editor's own time zone, which scheduling shows and reads times in. */
export const editorZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const emptyEvent = (): EventForm => ({ start: '', end: '', allDay: false, timeZone: editorZone(), venue: '', city: '', country: '', onlineUrl: '', cancelled: false });

/** A blank form. */
export const emptyForm = (): FormState => ({
  title: '', summary: '', body: '', language: 'en', tags: '', authors: [], images: [], attachments: [],
  slug: '', canonicalUrl: '', translationOf: '', hasEvent: false, event: emptyEvent(), publishAt: '',
});

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as a local wall time (for datetime-local inputs). */
export const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
/** A local wall time as ISO 8601 with the editor's current offset (2026-03-16T09:00:00+01:00). */
export const withOffset = (local: string) => {
  const d = new Date(local);
  if (Number.isNaN(d.getTime())) return local;
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${local.length === 16 ? `${local}:00` : local}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
};

/** The form of a stored announcement. */
export function fromAnnouncement(a: Announcement): FormState {
  const s = (v: string | undefined) => v ?? '';
  return {
    title: a.title, summary: a.summary, body: a.body, language: a.language, tags: a.tags.join(', '),
    authors: a.authors.map((x) => ({ name: x.name, email: s(x.email), url: s(x.url) })),
    images: a.images.map((i) => ({ url: i.url, alt: i.alt, caption: s(i.caption), credit: s(i.credit), type: i.type, length: i.length, width: i.width, height: i.height })),
    attachments: a.attachments.map((x) => ({ url: x.url, title: x.title, type: x.type, length: x.length })),
    slug: a.slug, canonicalUrl: s(a.canonicalUrl), translationOf: s(a.translationOf),
    hasEvent: Boolean(a.event),
    event: a.event ? { ...emptyEvent(), ...a.event, venue: s(a.event.venue), city: s(a.event.city), country: s(a.event.country), onlineUrl: s(a.event.onlineUrl), start: a.event.start.slice(0, a.event.allDay ? 10 : 16), end: a.event.end.slice(0, a.event.allDay ? 10 : 16) } : emptyEvent(),
    publishAt: a.publishAt ? toLocalInput(a.publishAt) : '',
  };
}

const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The request body for `status`, before validation (empty optional fields left out). */
export function toInput(f: FormState, status: SaveStatus): Record<string, unknown> {
  return defined({
    title: f.title, summary: f.summary, body: f.body, language: f.language.trim(),
    tags: f.tags.split(',').map((x) => x.trim()).filter(Boolean),
    authors: f.authors.map((a) => defined({ name: a.name, email: opt(a.email), url: opt(a.url) })),
    images: f.images.map((i) => defined({ url: i.url, alt: i.alt, caption: opt(i.caption), credit: opt(i.credit), type: i.type, length: i.length, width: i.width, height: i.height })),
    attachments: f.attachments.map((a) => defined({ url: a.url, title: a.title, type: a.type, length: a.length })),
    slug: opt(f.slug), canonicalUrl: opt(f.canonicalUrl), translationOf: opt(f.translationOf),
    event: f.hasEvent ? defined({ ...f.event, venue: opt(f.event.venue), city: opt(f.event.city), country: opt(f.event.country), onlineUrl: opt(f.event.onlineUrl) }) : undefined,
    status,
    publishAt: status === 'scheduled' ? (f.publishAt ? withOffset(f.publishAt) : undefined) : undefined,
  });
}

/** The zod issues of `input`, by dotted path, as the API's 400 `details` would name them. */
export function validate(input: Record<string, unknown>, status: SaveStatus): Errors {
  const errors: Errors = {};
  const result = AnnouncementInput.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.') || 'body';
      errors[path] ??= issue.message;
    }
  }
  // Alt text is what a screen reader says for the photo: required before anything goes public.
  if (status !== 'draft') {
    (input.images as { alt: string }[]).forEach((img, i) => {
      if (!img.alt.trim()) errors[`images.${i}.alt`] ??= 'is required before publishing';
    });
  }
  return errors;
}

/** Errors from an API 400's details. */
export const errorsOf = (details: { path: string; message: string }[]): Errors =>
  Object.fromEntries(details.flatMap((d) => d.path.split(', ').map((p) => [p, d.message])));
