import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_FUNCTIONS } from '../../infra/local/local-functions';
import { StreamPoller } from '../../infra/local/stream-poller';
import { makeDocumentClient, makeDynamoClient } from '../../shared/adapters/aws-clients';
import { DynamoTokenStore } from '../../shared/adapters/dynamo-token-store';
import type { HeraldConfig } from '../../shared/config';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { TokenInput } from '../../shared/domain/token';
import { parseOrThrow } from '../../shared/domain/validation';
import type { HeraldLogger } from '../../shared/logger';
import { makeTokenVerifier } from '../../shared/services/token-verifier';
import { wireAdmin } from '../../shared/wiring/admin';
import { roleStatements, synthHerald, type Statement, type SynthesizedHerald } from '../infra/synth-herald';
import { startDynamoRecorder, type Access } from '../support/dynamo-recorder';
import { startEmulators, type Emulators } from '../support/emulators';
import { apiEvent } from '../support/fakes';

/**
 * Every function runs its real code against DynamoDB Local through a recording
 * proxy; each recorded access must be allowed by that function's role in the
 * synthesized template, LeadingKeys conditions included. A grant narrower than
 * what the code does fails here, not in production.
 */
const NAMES = ['admin', 'authorizer', 'publisher', 'reconciler', 'review', 'scheduler'] as const;
type Name = (typeof NAMES)[number];
const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const admin = { subject: 'admin', role: 'admin' as const };

let emu: Emulators;
let herald: SynthesizedHerald;
const recorders = {} as Record<Name, Awaited<ReturnType<typeof startDynamoRecorder>>>;

const configFor = (name: Name): HeraldConfig => ({
  tableName: emu.table,
  bucketName: emu.bucket,
  siteUrl: 'https://news.example.org',
  siteTitle: 'Herald',
  siteDescription: 'Announcements',
  siteLanguage: 'en',
  feedPageSize: 50,
  hubs: [],
  links: { allowHttp: false, canonicalHosts: ['news.example.org'] },
  region: 'us-east-1',
  dynamoEndpoint: recorders[name].endpoint,
  s3Endpoint: emu.endpoints.s3,
  metricsOff: true,
  logLevel: 'SILENT',
});
const post = (fields: Record<string, unknown>) =>
  parseOrThrow(AnnouncementInput, { summary: 's', body: 'b', language: 'en', tags: ['msp'], status: 'published', ...fields });

beforeAll(async () => {
  emu = await startEmulators();
  herald = synthHerald();
  for (const name of NAMES) recorders[name] = await startDynamoRecorder(emu.endpoints.dynamo);

  // The admin API: posts, an idempotent post, a scheduled post, an edit, a retraction, tokens, a rebuild request.
  const wired = wireAdmin(configFor('admin'));
  const first = await wired.announcements.create(post({ title: 'Meeting opens' }), admin);
  await wired.announcements.createOnce(post({ title: 'Once only' }), admin, 'key-1');
  await wired.announcements.create(post({ title: 'Later', status: 'scheduled', publishAt: new Date(Date.now() + 3_600_000).toISOString() }), admin);
  const edited = await wired.announcements.update(first.id, post({ title: 'Meeting opens', tags: ['fr'] }), '*', admin);
  await wired.announcements.list({ limit: 10 });
  await wired.announcements.history(first.id);
  const issued = await wired.tokens.issue(parseOrThrow(TokenInput, { subject: 'editor', role: 'editor' }), admin);
  await wired.tokens.list();

  // Review links: made, listed and revoked by the admin API, opened by the public review page.
  const link = await wired.reviewLinks.create(first.id, { expiresInHours: 1 }, admin);
  await wired.reviewLinks.list(first.id);
  const page = await LOCAL_FUNCTIONS.review(configFor('review')).http(apiEvent({ method: 'GET', path: new URL(link.url).pathname }));
  if (page.statusCode !== 200) throw new Error(`the review page answered ${page.statusCode}`);
  await wired.reviewLinks.revoke(first.id, link.id);

  // The editor helpers on the review function, called as the cloud calls them: the authorizer's verdict in the context.
  const asAuthorized = (e: ReturnType<typeof apiEvent>) => ({ ...e, requestContext: { ...e.requestContext, authorizer: { lambda: { subject: 'editor', role: 'editor' } } } });
  const review = LOCAL_FUNCTIONS.review(configFor('review')).http;
  const previewed = await review(asAuthorized(apiEvent({ method: 'POST', path: '/api/preview', body: { title: 'Preview', language: 'fr', translationOf: first.id, images: [{ url: 'https://news.example.org/media/01234567-89ab-4def-8123-456789abcdef/web.jpg', alt: 'x' }] } })));
  if (previewed.statusCode !== 400) throw new Error(`the preview answered ${previewed.statusCode}, not the 400 naming images.0.url`);
  const tagged = await review(asAuthorized(apiEvent({ method: 'GET', path: '/api/tags' })));
  if (tagged.statusCode !== 200) throw new Error(`GET /api/tags answered ${tagged.statusCode}`);

  // The authorizer's token check, built as functions/authorizer/handler.ts builds it.
  const doc = makeDocumentClient(makeDynamoClient(configFor('authorizer')));
  await makeTokenVerifier({ tokens: new DynamoTokenStore(doc, emu.table) })(issued.token);

  // The due-item job, two hours on: it publishes the scheduled post.
  await LOCAL_FUNCTIONS.scheduler(configFor('scheduler')).schedule(new Date(Date.now() + 7_200_000));
  await wired.announcements.retract(edited.id, '*', admin);
  const rebuild = await wired.rebuilds.request(admin);

  // The publisher drains the stream up to the rebuild request (the last write), then the nightly rebuild runs.
  const poller = new StreamPoller({
    streams: emu.streams,
    streamArn: emu.streamArn,
    checkpointFile: join(mkdtempSync(join(tmpdir(), 'herald-access-')), 'checkpoint.json'),
    handler: LOCAL_FUNCTIONS.publisher(configFor('publisher')).stream,
    logger: quiet,
    idleMs: 20,
  });
  poller.start();
  const deadline = Date.now() + 30_000;
  while ((await wired.rebuilds.get(rebuild.id)).status !== 'done') {
    if (Date.now() > deadline) throw new Error('the publisher did not finish the rebuild request');
    await new Promise((r) => setTimeout(r, 100));
  }
  await poller.stop();
  await LOCAL_FUNCTIONS.reconciler(configFor('reconciler')).schedule();
}, 120_000);
afterAll(async () => {
  for (const r of Object.values(recorders)) await r.stop();
  await emu?.stop();
});

const likes = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value);

/** IAM's answer for one access, from the role's statements (ForAllValues on an empty key set holds). */
function allowed(statements: Statement[], access: Access): boolean {
  const arn = herald.stack.table.tableArn;
  const resource = JSON.stringify(herald.stack.resolve(access.index ? `${arn}/index/${access.index}` : arn));
  return statements.some((s) => {
    if (s.Effect !== 'Allow' || !s.Action.includes(access.action) || !s.Resource.some((r) => JSON.stringify(r) === resource)) return false;
    const condition = s.Condition as { 'ForAllValues:StringLike'?: { 'dynamodb:LeadingKeys': string[] } } | undefined;
    if (condition === undefined) return true;
    const patterns = condition['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
    if (patterns === undefined) return false;
    return access.leadingKey === undefined || patterns.some((p) => likes(p, access.leadingKey!));
  });
}

const distinct = (accesses: Access[]) => [...new Map(accesses.map((a) => [JSON.stringify(a), a])).values()];

describe('every function, running its real code', () => {
  it.each(NAMES)('%s does only what its role in the template allows', (name) => {
    const accesses = distinct(recorders[name].accesses);
    const statements = roleStatements(herald.template, herald.stack[name].role);

    expect(accesses.length).toBeGreaterThan(0);
    expect(accesses.filter((a) => !allowed(statements, a))).toEqual([]);
  });

  it('exercised the paths the grants are written for', () => {
    const kinds = (name: Name) => new Set(recorders[name].accesses.map((a) => `${a.action} ${a.index ?? ''}${a.leadingKey?.replace(/#.*/, '#') ?? ''}`));

    expect([...kinds('publisher')]).toEqual(
      expect.arrayContaining(['dynamodb:GetItem ANN#', 'dynamodb:Query FEED#', 'dynamodb:UpdateItem META#', 'dynamodb:UpdateItem REBUILD#', 'dynamodb:PutItem FEED#', 'dynamodb:DeleteItem FEED#']),
    );
    expect([...kinds('scheduler')]).toEqual(expect.arrayContaining(['dynamodb:Query gsi1DUE', 'dynamodb:PutItem ANN#', 'dynamodb:DeleteItem ANN#']));
    expect([...kinds('scheduler')]).not.toContain('dynamodb:PutItem FEED#');
    expect([...kinds('reconciler')]).toEqual(expect.arrayContaining(['dynamodb:GetItem META#', 'dynamodb:Query FEED#']));
    expect([...kinds('authorizer')]).toEqual(['dynamodb:GetItem TOKEN#']);
    expect([...kinds('review')].sort()).toEqual(['dynamodb:GetItem ANN#', 'dynamodb:GetItem MEDIA#', 'dynamodb:GetItem META#', 'dynamodb:GetItem REVIEW#', 'dynamodb:Query FEED#', 'dynamodb:Query META#']);
    expect([...kinds('admin')]).toEqual(expect.arrayContaining(['dynamodb:PutItem REVIEW#', 'dynamodb:PutItem REVIEWS#', 'dynamodb:Query REVIEWS#', 'dynamodb:GetItem REVIEWS#', 'dynamodb:DeleteItem REVIEW#']));
  });

  it('sends ConditionCheckItem only from the publisher, on announcements, and never scans', () => {
    const all = NAMES.flatMap((n) => recorders[n].accesses.map((a) => a.action));
    const checks = NAMES.flatMap((n) => recorders[n].accesses.filter((a) => a.action === 'dynamodb:ConditionCheckItem').map((a) => `${n} ${a.leadingKey?.split('#')[0]}#`));

    expect(checks.length).toBeGreaterThan(0);
    expect(new Set(checks)).toEqual(new Set(['publisher ANN#']));
    expect(all).not.toContain('dynamodb:Scan');
  });
});
