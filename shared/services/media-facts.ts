import type { AnnouncementInput, Attachment, Image } from '../domain/announcement';
import { ValidationError, type ErrorDetail } from '../domain/errors';
import type { Media, MediaFile } from '../domain/media';
import { isImageType } from '../domain/media-types';
import type { MediaStore } from '../ports/media-store';

/** All the facts need of the media store: one item by id. */
export type MediaLookup = Pick<MediaStore, 'get'>;

/** Where a URL points inside Herald's media: the item id and the file name. */
export type MediaRef = { id: string; file: string };

const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The media item and file a URL names when it is under SITE_URL/media/ (same
 * origin, compared as URLs so the host's case or a default port cannot slip a
 * media URL past the facts); `null` for a media URL that cannot name a file
 * (a query, a fragment, a deeper path, not an id); undefined for any other URL.
 */
export function mediaRefOf(siteUrl: string, url: string): MediaRef | null | undefined {
  let site: URL;
  let u: URL;
  try {
    [site, u] = [new URL(siteUrl), new URL(url)];
  } catch {
    return undefined;
  }
  const prefix = `${site.pathname.replace(/\/+$/, '')}/media/`;
  if (u.origin !== site.origin || !u.pathname.startsWith(prefix)) return undefined;
  const [id, file, ...more] = u.pathname.slice(prefix.length).split('/');
  if (u.search || u.hash || more.length || !id || !MEDIA_ID.test(id) || !file) return null;
  return { id, file };
}

/** Every stored file of a ready item: the original, then its variants. */
function filesOf(m: Media): MediaFile[] {
  const original: MediaFile[] = m.url
    ? [{ name: m.url.slice(m.url.lastIndexOf('/') + 1), url: m.url, type: m.type, length: m.length, ...(m.width ? { width: m.width, height: m.height } : {}) }]
    : [];
  return [...original, ...[m.variants?.web, m.variants?.og].filter((f): f is MediaFile => !!f)];
}

/**
 * Makes an announcement's images and attachments carry the facts of the
 * Herald media files they point at (type, length, width, height and, for
 * images, the OpenGraph variant), because the stored bytes are the truth and
 * an editor's numbers are not: contradicting values are replaced. A media URL
 * naming no completed item or file is a 400 naming the field; other URLs are
 * left as given (only an `og` an editor sent is dropped: it is Herald's to set).
 */
export function makeMediaFacts(deps: { media: MediaLookup; siteUrl: string }) {
  return async function withMediaFacts(input: AnnouncementInput): Promise<AnnouncementInput> {
    const refs = (files: { url: string }[]) => files.map((f) => mediaRefOf(deps.siteUrl, f.url));
    const [imageRefs, attachmentRefs] = [refs(input.images), refs(input.attachments)];
    const ids = new Set([...imageRefs, ...attachmentRefs].flatMap((r) => (r ? [r.id] : [])));
    const items = new Map(await Promise.all([...ids].map(async (id) => [id, await deps.media.get(id)] as const)));
    const problems: ErrorDetail[] = [];

    function fileOf(path: string, ref: MediaRef | null): { item: Media; file: MediaFile } | undefined {
      const item = ref ? items.get(ref.id) : undefined;
      if (!ref || !item) {
        problems.push({ path, message: 'is under /media/ but names no Herald media file; upload it with POST /api/media' });
        return undefined;
      }
      if (item.status !== 'ready') {
        problems.push({ path, message: `media ${item.id} is not complete: POST /api/media/${item.id}/complete first` });
        return undefined;
      }
      const file = filesOf(item).find((f) => f.name === ref.file);
      if (!file) problems.push({ path, message: `media ${item.id} has no file ${ref.file.slice(0, 100)}` });
      return file ? { item, file } : undefined;
    }

    const images = input.images.map((image, i): Image => {
      const { og: _editors, ...given } = image;
      const ref = imageRefs[i];
      if (ref === undefined) return given;
      const found = fileOf(`images.${i}.url`, ref);
      if (!found) return given;
      const { item, file } = found;
      if (!isImageType(file.type)) {
        problems.push({ path: `images.${i}.url`, message: `media ${item.id} is a document (${file.type}), not an image; list it under attachments` });
        return given;
      }
      const og = item.variants?.og;
      return {
        ...given,
        url: file.url,
        type: file.type,
        length: file.length,
        ...(file.width ? { width: file.width, height: file.height } : {}),
        ...(og?.width && og.height ? { og: { url: og.url, type: og.type, width: og.width, height: og.height } } : {}),
      };
    });
    const attachments = input.attachments.map((attachment, i): Attachment => {
      const ref = attachmentRefs[i];
      const found = ref === undefined ? undefined : fileOf(`attachments.${i}.url`, ref);
      return found ? { ...attachment, url: found.file.url, type: found.file.type, length: found.file.length } : attachment;
    });
    if (problems.length) throw new ValidationError(`invalid body: ${problems.map((p) => p.path).join(', ')}`, problems);
    return { ...input, images, attachments };
  };
}

/** Fills an announcement input's media facts (see makeMediaFacts). */
export type MediaFacts = ReturnType<typeof makeMediaFacts>;
