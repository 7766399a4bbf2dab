import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRY_FILE, functionBuildOptions } from '../../infra/bundle/function-bundle';
import { literalKeys } from '../../infra/bundle/literal-schema-keys';
import { StreamPoller } from '../../infra/local/stream-poller';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import type { HeraldLogger } from '../../shared/logger';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { lambdaEnvOn, startEmulators, type Emulators } from '../support/emulators';

/**
 * The bundles rewrite the SDK's schema files with literal keys
 * (infra/bundle/literal-schema-keys.ts) so esbuild drops the schemas of
 * operations a function never calls; the built publisher must still talk to
 * DynamoDB and S3 with what is left.
 */
const dir = mkdtempSync(join(tmpdir(), 'herald-schema-keys-'));
const outdir = join(dir, 'publisher');
beforeAll(async () => {
  await build(functionBuildOptions('functions/publisher/handler.ts', outdir));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('literalKeys', () => {
  it('replaces a computed key naming a string constant with the literal, and leaves other keys alone', () => {
    const source = ['const _h = "http";', 'const _e = "error";', 'export var A$ = [9, n0, _A, { [_h]: ["PUT", "/", 200], [_e]: _c, [other]: 1 }];'].join('\n');

    expect(literalKeys(source).split('\n')[2]).toBe('export var A$ = [9, n0, _A, { "http": ["PUT", "/", 200], "error": _c, [other]: 1 }];');
  });
});

describe('the publisher bundle', () => {
  it('holds the schemas of the S3 operations it calls and not of those it never calls', () => {
    const code = readFileSync(join(outdir, ENTRY_FILE), 'utf8');

    expect(['PutObjectRequest', 'HeadObjectRequest'].map((s) => code.includes(`"${s}"`))).toEqual([true, true]);
    expect(['DeleteBucketCorsRequest', 'PutBucketLifecycleConfigurationRequest', 'SelectObjectContentRequest'].filter((s) => code.includes(`"${s}"`))).toEqual([]);
  });

  describe('running against the emulators', () => {
    const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const saved = { ...process.env };
    let emu: Emulators;
    let handler: (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
    beforeAll(async () => {
      emu = await startEmulators();
      Object.assign(process.env, {
        ...lambdaEnvOn(emu),
        POWERTOOLS_METRICS_DISABLED: 'true',
      });
      // The built entry, as Lambda loads it; it reads its configuration at import.
      ({ handler } = (await import(pathToFileURL(join(outdir, ENTRY_FILE)).href)) as { handler: typeof handler });
    }, 120_000);
    afterAll(async () => {
      process.env = saved;
      await emu?.stop();
    });

    const feed = async (key: string) => {
      try {
        return (await (await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: key }))).Body?.transformToString('utf-8')) ?? '';
      } catch {
        return '';
      }
    };

    it('publishes a posted announcement into its feeds through the built entry', async () => {
      // Prepare: the built handler behind the local stream poller, as npm start runs it.
      const poller = new StreamPoller({ streams: emu.streams, streamArn: emu.streamArn, checkpointFile: join(dir, 'checkpoint.json'), handler, logger: quiet, idleMs: 20 });
      const announcements = makeAnnouncementService({ store: new DynamoAnnouncementStore(emu.doc, emu.table), clock: () => new Date(Date.UTC(2026, 1, 1)), newId: () => '00000000-0000-4000-8000-000000000001' });
      poller.start();
      try {
        // Act
        const input = parseOrThrow(AnnouncementInput, { title: 'Seminar report from Bangkok', language: 'en', tags: ['msp'], status: 'published' });
        await announcements.create(input, { subject: 'e', role: 'editor' });
        const deadline = Date.now() + 30_000;
        while (!(await feed('feeds/tags/msp/rss.xml')).includes('Seminar report from Bangkok') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

        // Assess
        expect(await feed('feeds/tags/msp/rss.xml')).toContain('Seminar report from Bangkok');
        expect(await feed('feeds/rss.xml')).toContain('Seminar report from Bangkok');
      } finally {
        await poller.stop();
      }
    }, 60_000);
  });
});
