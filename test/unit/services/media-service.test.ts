import { describe, expect, it } from '@jest/globals';
import { HeraldError } from '../../../shared/domain/errors';
import type { Media } from '../../../shared/domain/media';
import type { MediaObjects, MediaProcessor, MediaStore } from '../../../shared/ports/media-store';
import { makeMediaService } from '../../../shared/services/media-service';

const NOW = new Date('2026-03-16T09:00:00Z');
const ID = '0b5c8c9e-1111-4222-8333-944455556666';
const editor = { subject: 'press-office', role: 'editor' as const };

/** In-memory ports: a map of items, a map of objects, and a processor that makes what it is told to. */
function fakes(processor: MediaProcessor, used = false, markReadyFails = false, itemRead: Promise<void> = Promise.resolve()) {
  const items = new Map<string, { media: Media; expiresAt?: Date }>();
  const objects = new Map<string, Buffer>();
  const store: MediaStore = {
    createPending: async (media, expiresAt) => void items.set(media.id, { media, expiresAt }),
    get: async (id) => (await itemRead, items.get(id)?.media),
    markReady: async (media) => {
      if (markReadyFails) throw new Error('table unavailable');
      return items.get(media.id)?.media.status === 'pending' ? (items.set(media.id, { media }), true) : false;
    },
    list: async () => ({ items: [...items.values()].map((i) => i.media) }),
    delete: async (id) => void items.delete(id),
    usedByPublished: async () => used,
  };
  const bucket: MediaObjects = {
    presignUpload: async (key) => ({ url: 'http://s3/bucket', fields: { key } }),
    readUpload: async (key) => objects.get(key),
    deleteUpload: async (key) => void objects.delete(key),
    restoreUpload: async (key, body) => void objects.set(key, body),
    putPublic: async (key, body) => void objects.set(key, body),
    deletePublic: async (keys) => keys.forEach((k) => objects.delete(k)),
  };
  const service = makeMediaService({ store, objects: bucket, processor, clock: () => NOW, newId: () => ID, siteUrl: 'https://news.example.org' });
  return { service, items, objects };
}

const jpegProcessor: MediaProcessor = {
  async process(bytes, _name, store) {
    const original = { name: 'original.jpg', body: bytes, type: 'image/jpeg', width: 40, height: 30 };
    await store(original);
    return { type: 'image/jpeg', original };
  },
};

describe('create', () => {
  it('records a pending item that expires in a day, before any byte arrives', async () => {
    const { service, items } = fakes(jpegProcessor);
    const created = await service.create({ filename: 'a.jpg', type: 'image/jpeg', length: 10 }, editor);

    expect(created).toEqual({ id: ID, upload: { url: 'http://s3/bucket', fields: { key: `uploads/${ID}` } } });
    expect(items.get(ID)).toEqual({ media: expect.objectContaining({ status: 'pending', createdBy: 'press-office' }), expiresAt: new Date('2026-03-17T09:00:00Z') });
  });
});

describe('complete', () => {
  it('leaves nothing public and deletes the upload when a later file fails', async () => {
    const failing: MediaProcessor = {
      async process(bytes, _name, store) {
        await store({ name: 'original.jpg', body: bytes, type: 'image/jpeg' });
        throw new HeraldError(415, 'unsupported_media_type', 'a.jpg: cannot decode');
      },
    };
    const { service, objects } = fakes(failing);
    await service.create({ filename: 'a.jpg', type: 'image/jpeg', length: 3 }, editor);
    objects.set(`uploads/${ID}`, Buffer.from('abc'));

    await expect(service.complete(ID)).rejects.toMatchObject({ status: 415 });
    expect([...objects.keys()]).toEqual([]);
  });

  it('publishes, marks ready, deletes the upload, and refuses a second complete with 409', async () => {
    const { service, objects, items } = fakes(jpegProcessor);
    await service.create({ filename: 'a.jpg', type: 'image/jpeg', length: 3 }, editor);
    objects.set(`uploads/${ID}`, Buffer.from('abc'));

    const done = await service.complete(ID);

    expect(done).toMatchObject({ url: `https://news.example.org/media/${ID}/original.jpg`, width: 40, height: 30, length: 3 });
    expect([...objects.keys()]).toEqual([`media/${ID}/original.jpg`]);
    expect(items.get(ID)?.media.status).toBe('ready');
    await expect(service.complete(ID)).rejects.toMatchObject({ status: 409 });
  });

  it('puts the upload back when marking the item ready fails, so complete can be retried', async () => {
    const { service, objects, items } = fakes(jpegProcessor, false, true);
    await service.create({ filename: 'a.jpg', type: 'image/jpeg', length: 3 }, editor);
    objects.set(`uploads/${ID}`, Buffer.from('abc'));

    await expect(service.complete(ID)).rejects.toThrow('table unavailable');

    expect(objects.get(`uploads/${ID}`)?.toString()).toBe('abc');
    expect(items.get(ID)?.media.status).toBe('pending');
  });
});

describe('complete, while the item is still being read', () => {
  it('starts on the bytes at once and writes nothing public until the item says pending', async () => {
    let answer!: () => void;
    const events: string[] = [];
    const watching: MediaProcessor = {
      async process(bytes, name, store) {
        events.push('process');
        answer();
        await store({ name: 'original.jpg', body: bytes, type: 'image/jpeg' });
        return { type: 'image/jpeg', original: { name: 'original.jpg', body: bytes, type: 'image/jpeg' } };
      },
    };
    const itemRead = new Promise<void>((resolve) => (answer = () => (events.push('item read'), resolve())));
    const { service, objects } = fakes(watching, false, false, itemRead);
    await service.create({ filename: 'a.jpg', type: 'image/jpeg', length: 3 }, editor);
    objects.set(`uploads/${ID}`, Buffer.from('abc'));
    const put = objects.set.bind(objects);
    objects.set = (key, body) => (events.push(`put ${key}`), put(key, body));

    await service.complete(ID);

    expect(events).toEqual(['process', 'item read', `put media/${ID}/original.jpg`]);
  });

  it('answers 404 for an item gone (expired) though its bytes are there, and leaves them alone', async () => {
    const { service, objects, items } = fakes(jpegProcessor);
    await service.create({ filename: 'a.jpg', type: 'image/jpeg', length: 3 }, editor);
    objects.set(`uploads/${ID}`, Buffer.from('abc'));
    items.delete(ID);

    await expect(service.complete(ID)).rejects.toMatchObject({ status: 404 });
    expect([...objects.keys()]).toEqual([`uploads/${ID}`]);
  });

  it('reports a wrong declared length before what the bytes are, and deletes them', async () => {
    const refusing: MediaProcessor = {
      async process(_bytes, name) {
        throw new HeraldError(415, 'unsupported_media_type', `${await name}: not an image`);
      },
    };
    const { service, objects } = fakes(refusing);
    await service.create({ filename: 'a.jpg', type: 'image/jpeg', length: 5 }, editor);
    objects.set(`uploads/${ID}`, Buffer.from('abc'));

    await expect(service.complete(ID)).rejects.toMatchObject({ status: 400, details: [{ path: 'length' }] });
    expect([...objects.keys()]).toEqual([]);
  });
});

describe('complete of bytes whose real type has a lower limit', () => {
  it('answers 413 naming length, deletes the upload and writes nothing public', async () => {
    const asJpeg: MediaProcessor = {
      async process(bytes, _name, store) {
        const original = { name: 'original.jpg', body: bytes, type: 'image/jpeg' };
        await store(original);
        return { type: 'image/jpeg', original };
      },
    };
    const { service, objects } = fakes(asJpeg);
    const length = 26 * 2 ** 20; // under the 50 MB of a PDF, over the 25 MB of an image
    await service.create({ filename: 'report.pdf', type: 'application/pdf', length }, editor);
    objects.set(`uploads/${ID}`, Buffer.alloc(length));

    await expect(service.complete(ID)).rejects.toMatchObject({ status: 413, details: [{ path: 'length' }] });
    expect([...objects.keys()]).toEqual([]);
  });
});

describe('remove', () => {
  it('refuses with 409 and deletes nothing while a published announcement uses it', async () => {
    const { service, objects, items } = fakes(jpegProcessor, true);
    await service.create({ filename: 'a.jpg', type: 'image/jpeg', length: 3 }, editor);
    objects.set(`uploads/${ID}`, Buffer.from('abc'));
    await service.complete(ID);

    await expect(service.remove(ID)).rejects.toMatchObject({ status: 409 });
    expect(items.has(ID)).toBe(true);
    expect(objects.has(`media/${ID}/original.jpg`)).toBe(true);
  });
});
