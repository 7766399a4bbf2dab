import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { checkRequest, limitOf, MediaTooLargeError, type Media, type MediaFile, type MediaRequest, type MediaType } from '../domain/media';
import type { Principal } from '../principal';
import type { MediaObjects, MediaProcessor, MediaStore, PresignedUpload, ProcessedFile } from '../ports/media-store';

/** How long a presigned upload is valid, and how long a pending item waits (the uploads/ lifecycle rule is 1 day too). */
export const UPLOAD_WINDOW_SECONDS = 3600;
export const PENDING_TTL_SECONDS = 24 * 3600;

/** Where an upload waits for `complete`, and where its public files live. */
export const uploadKey = (id: string) => `uploads/${id}`;
export const mediaObjectKey = (id: string, file: string) => `media/${id}/${file}`;

type Deps = { store: MediaStore; objects: MediaObjects; processor: MediaProcessor; clock: () => Date; newId: () => string; siteUrl: string };

/** What `complete` answers: the original's facts and each variant's. */
export type CompletedMedia = Pick<Media, 'id' | 'url' | 'type' | 'length' | 'width' | 'height' | 'variants'>;

/**
 * The media workflow: a presigned upload into uploads/, then `complete` checks
 * the bytes (real type, declared length, limits), re-encodes images without
 * metadata and writes the public files under media/{id}/. Nothing public is
 * written unless every check passed; a refused upload's bytes are deleted.
 */
export function makeMediaService(deps: Deps) {
  const publicUrl = (id: string, file: string) => `${deps.siteUrl}/${mediaObjectKey(id, file)}`;
  const fileFacts = (id: string, f: ProcessedFile): MediaFile => ({
    name: f.name, url: publicUrl(id, f.name), type: f.type, length: f.body.length,
    ...(f.width !== undefined ? { width: f.width, height: f.height } : {}),
  });

  async function pending(id: string): Promise<Media> {
    const media = await deps.store.get(id);
    if (!media) throw new NotFoundError(`no media with id ${id}`);
    if (media.status !== 'pending') throw new ConflictError(`media ${id} is already complete`, [{ path: 'id', message: 'already complete' }]);
    return media;
  }

  function checkLength(media: Media, length: number, type: MediaType): void {
    if (length !== media.length) {
      throw new ValidationError(`length: the uploaded file has ${length} bytes, ${media.length} were declared`, [{ path: 'length', message: `declared ${media.length}, uploaded ${length}` }]);
    }
    if (length > limitOf(type)) throw new MediaTooLargeError(length, limitOf(type));
  }

  return {
    async create(input: MediaRequest, by: Principal): Promise<{ id: string; upload: PresignedUpload }> {
      const type = checkRequest(input);
      const id = deps.newId();
      const now = deps.clock();
      const media: Media = { id, status: 'pending', filename: input.filename, type, length: input.length, createdAt: now.toISOString(), createdBy: by.subject };
      const upload = await deps.objects.presignUpload(uploadKey(id), type, limitOf(type), UPLOAD_WINDOW_SECONDS);
      await deps.store.createPending(media, new Date(now.getTime() + PENDING_TTL_SECONDS * 1000));
      return { id, upload };
    },

    async complete(id: string): Promise<CompletedMedia> {
      // Both reads at once, and the bytes are processed as soon as they arrive: the item's
      // read (DynamoDB) gates only the first public write, not the decode.
      const item = pending(id);
      const itemError = item.then(() => undefined, (err: unknown) => ({ err }));
      const bytes = await deps.objects.readUpload(uploadKey(id)).catch(async (err: unknown) => {
        throw (await itemError)?.err ?? err;
      });
      // An unknown id reads no upload either, and the answer is its 404.
      if (!bytes) {
        await item;
        throw new ConflictError(`nothing was uploaded for media ${id}: POST the file to the upload URL first`, [{ path: 'id', message: 'no upload yet' }]);
      }
      const checked = item.then((media) => (checkLength(media, bytes.length, media.type as MediaType), media));
      checked.catch(() => undefined); // observed by the first store, or below
      const written: string[] = [];
      let processed;
      try {
        processed = await deps.processor.process(bytes, item.then((m) => m.filename, () => `media ${id}`), async (f) => {
          const media = await checked;
          // The detected type's limit applies before anything public is written.
          checkLength(media, bytes.length, f.type as MediaType);
          written.push(mediaObjectKey(id, f.name));
          await deps.objects.putPublic(mediaObjectKey(id, f.name), f.body, f.type);
        });
      } catch (err) {
        // An unknown or completed id is answered as such, and its upload left alone.
        const refused = await itemError;
        if (refused) throw refused.err;
        // A wrong length is reported before what the bytes are; a file that fails late
        // (a decode error in one variant) leaves nothing public behind.
        const lengthError = await checked.then(() => undefined, (e: unknown) => e);
        await Promise.all([deps.objects.deleteUpload(uploadKey(id)), deps.objects.deletePublic(written)]);
        throw lengthError ?? err;
      }
      const media = await checked;
      const original = fileFacts(id, processed.original);
      const ready: Media = {
        ...media,
        status: 'ready',
        type: processed.type,
        length: original.length,
        url: original.url,
        ...(original.width !== undefined ? { width: original.width, height: original.height } : {}),
        variants: {
          ...(processed.web ? { web: fileFacts(id, processed.web) } : {}),
          ...(processed.og ? { og: fileFacts(id, processed.og) } : {}),
        },
        completedAt: deps.clock().toISOString(),
      };
      // Every file is written: the item is marked ready while the upload (metadata and all) is
      // deleted, one round trip instead of two. Should marking fail, the bytes are put back, so
      // a retry of `complete` finds them as before.
      const [marked, deleted] = await Promise.allSettled([deps.store.markReady(ready), deps.objects.deleteUpload(uploadKey(id))]);
      if (marked.status === 'rejected') {
        if (deleted.status === 'fulfilled') await deps.objects.restoreUpload(uploadKey(id), bytes, media.type).catch(() => undefined);
        throw marked.reason;
      }
      if (!marked.value) throw new ConflictError(`media ${id} is already complete`, [{ path: 'id', message: 'already complete' }]);
      if (deleted.status === 'rejected') throw deleted.reason;
      const { url, type, length, width, height, variants } = ready;
      return { id, url, type, length, width, height, variants };
    },

    list: (options: { limit: number; cursor?: string }) => deps.store.list(options),

    /** Deletes a media item and its files, unless a published or scheduled announcement names its URL. */
    async remove(id: string): Promise<void> {
      const media = await deps.store.get(id);
      if (!media) throw new NotFoundError(`no media with id ${id}`);
      if (await deps.store.usedByPublished(`${deps.siteUrl}/media/${id}/`)) {
        throw new ConflictError(`media ${id} is used by a published or scheduled announcement: remove it there first`, [{ path: 'id', message: 'in use' }]);
      }
      const names = [media.url, media.variants?.web?.url, media.variants?.og?.url].filter((u): u is string => !!u).map((u) => u.slice(deps.siteUrl.length + 1));
      await deps.objects.deletePublic(names);
      await deps.objects.deleteUpload(uploadKey(id));
      await deps.store.delete(id);
    },
  };
}

/** The media service's interface. */
export type MediaService = ReturnType<typeof makeMediaService>;
