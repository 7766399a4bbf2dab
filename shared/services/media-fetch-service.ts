import { DOCUMENT_LIMIT_BYTES, extensionsOf, isMediaType, limitOf, UnsupportedMediaError, type MediaType } from '../domain/media';
import { FetchTooLargeError, type MediaFetchRequest } from '../domain/media-fetch';
import type { Principal } from '../principal';
import type { Download } from '../ports/downloader';
import type { MediaObjects } from '../ports/media-store';
import { uploadKey, type CompletedMedia, type MediaService } from './media-service';

type Deps = {
  media: Pick<MediaService, 'create' | 'complete'>;
  /** Where `complete` reads an upload: the fetched bytes are put there as a browser's POST would. */
  objects: Pick<MediaObjects, 'restoreUpload'>;
  download: Download;
  /** The real type of the bytes (file-type), or undefined. */
  detect: (bytes: Buffer) => Promise<string | undefined>;
};

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** A file name for the fetched bytes: the one asked for or the URL's last segment, with an extension of its real type. */
function nameFor(input: MediaFetchRequest, finalUrl: string, type: MediaType): string {
  const segment = safeDecode(new URL(finalUrl).pathname.split('/').pop() ?? '').replace(/[\u0000-\u001f/\\]/g, '');
  const base = (input.filename ?? segment).trim().slice(0, 190) || 'download';
  const ext = base.toLowerCase().split('.').pop() ?? '';
  return base.includes('.') && extensionsOf(type).includes(ext) ? base : `${base}.${extensionsOf(type)[0]!}`;
}

/**
 * Media from a URL (import --rehost): the server downloads it, then it goes
 * through the same path as a browser upload (create, bytes into uploads/,
 * complete), so the same checks and processing apply: real type from the
 * bytes, the type's size limit, metadata stripped, variants made.
 */
export function makeMediaFetchService(deps: Deps) {
  return {
    async fetch(input: MediaFetchRequest, by: Principal): Promise<CompletedMedia> {
      const { bytes, url } = await deps.download(input.url, DOCUMENT_LIMIT_BYTES);
      const type = await deps.detect(bytes);
      if (type === undefined || !isMediaType(type)) {
        throw new UnsupportedMediaError('url', `${input.url.slice(0, 200)} is ${type ?? 'not a recognised file type'}; accepted: JPEG, PNG, WebP, AVIF, GIF, PDF or an Office/OpenDocument file`);
      }
      if (bytes.length > limitOf(type)) throw new FetchTooLargeError(input.url, limitOf(type));
      const { id } = await deps.media.create({ filename: nameFor(input, url, type), type, length: bytes.length }, by);
      await deps.objects.restoreUpload(uploadKey(id), bytes, type);
      return deps.media.complete(id);
    },
  };
}

/** The media fetch service's interface. */
export type MediaFetchService = ReturnType<typeof makeMediaFetchService>;
