import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePublisherApp } from '../../functions/publisher/app';
import { StreamPoller } from '../../infra/local/stream-poller';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { DynamoRebuildStore } from '../../shared/adapters/dynamo-rebuild-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import type { HeraldLogger } from '../../shared/logger';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';
import { DynamoRebuildProgress } from '../../shared/adapters/dynamo-rebuild-progress';

const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const editor = { subject: 'e', role: 'editor' as const };
let emu: Emulators;
let dir: string;
let seq = 0;

beforeAll(async () => {
  emu = await startEmulators();
  dir = mkdtempSync(join(tmpdir(), 'herald-poller-'));
});
afterAll(() => emu.stop());

function rig(wrap: (h: (e: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>) => typeof h = (h) => h) {
  const store = new DynamoAnnouncementStore(emu.doc, emu.table);
  const publisher = makePublisherService({
    ...publisherPorts(emu.doc, emu.table),
    objects: new S3ObjectStore(emu.s3, emu.bucket),
    site: { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] },
    pageSize: 50,
  });
  const app = makePublisherApp({
    publisher,
    rebuilds: new DynamoRebuildStore(emu.doc, emu.table), progress: new DynamoRebuildProgress(emu.doc, emu.table),
    clock: () => new Date(),
    logger: quiet,
  });
  const poller = new StreamPoller({
    streams: emu.streams,
    streamArn: emu.streamArn,
    checkpointFile: join(dir, 'checkpoint.json'),
    handler: wrap(app),
    logger: quiet,
    idleMs: 20,
  });
  const announcements = makeAnnouncementService({
    store,
    clock: () => new Date(Date.UTC(2026, 1, 1, 0, 0, seq)),
    newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  });
  return { poller, announcements };
}

async function feed(key: string): Promise<string> {
  try {
    const out = await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: key }));
    return (await out.Body?.transformToString('utf-8')) ?? '';
  } catch {
    return '';
  }
}

async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

const post = (title: string, tags: string[] = ['msp']) =>
  parseOrThrow(AnnouncementInput, { title, summary: 's', body: 'b', language: 'en', tags, status: 'published' });

describe('stream-driven publishing (DynamoDB Local stream -> publisher -> s3rver)', () => {
  it('publishes a posted announcement into the site, language and tag feeds', async () => {
    const { poller, announcements } = rig();
    poller.start();
    try {
      await announcements.create(post('Seminar report from Bangkok'), editor);
      await eventually(async () => (await feed('feeds/tags/msp/atom.xml')).includes('Seminar report from Bangkok'));
      expect(await feed('feeds/rss.xml')).toContain('Seminar report from Bangkok');
      expect(await feed('feeds/en/feed.json')).toContain('Seminar report from Bangkok');
    } finally {
      await poller.stop();
    }
  });

  it('retries a failed batch and does not advance the checkpoint until it succeeds', async () => {
    let calls = 0;
    const { poller, announcements } = rig((h) => async (e) => {
      calls += 1;
      if (calls <= 2) throw new Error('injected publisher crash');
      return h(e);
    });
    poller.start();
    try {
      await announcements.create(post('Kampala seminar, 29-30 May', ['seminar']), editor);
      await eventually(async () => (await feed('feeds/tags/seminar/rss.xml')).includes('Kampala seminar'));
      expect(calls).toBeGreaterThanOrEqual(3);
    } finally {
      await poller.stop();
    }
    const saved = JSON.parse(readFileSync(join(dir, 'checkpoint.json'), 'utf8')) as { shards: Record<string, { seq?: string }> };
    expect(Object.values(saved.shards).some((s) => s.seq)).toBe(true);
  });

  it('resumes after the checkpoint on restart: records already published are not redelivered', async () => {
    const seen: string[] = [];
    const { poller, announcements } = rig((h) => async (e) => {
      // The announcements the records are about (the publisher's own feed-entry writes come back too, and carry no change).
      for (const r of e.Records) {
        const image = r.dynamodb?.NewImage ?? r.dynamodb?.OldImage;
        if (image?.type?.S === 'announcement' && image.id?.S) seen.push(image.id.S);
      }
      return h(e);
    });
    poller.start();
    let created = '';
    try {
      created = (await announcements.create(post('Rakitje seminar report', ['rakitje']), editor)).id;
      await eventually(async () => (await feed('feeds/tags/rakitje/rss.xml')).includes('Rakitje'));
    } finally {
      await poller.stop();
    }
    // Only this create's record arrives; earlier tests' announcements were checkpointed.
    expect(seen).toEqual([created]);
  });
});
