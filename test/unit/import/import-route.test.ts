import { makeAdminApp } from '../../../functions/admin/app';
import { makeImportService } from '../../../shared/services/import-service';
import { makeRebuildService } from '../../../shared/services/rebuild-service';
import { makeReviewLinkService } from '../../../shared/services/review-link-service';
import { makeTokenService } from '../../../shared/services/token-service';
import { makeTokenVerifier } from '../../../shared/services/token-verifier';
import { InMemoryRebuildStore, InMemoryTokenStore, apiEvent, recordingLogger } from '../../support/fakes';
import { serviceWithFakes } from '../../support/fixtures';
import { InMemoryReviewLinkStore } from '../../support/review-fakes';

const ADMIN = 'herald-admin-token-0001';
const EDITOR = 'herald-editor-token-0002';
const item = { guid: 'g-1', title: 'Old news', language: 'en', publishedAt: '2017-09-04T09:00:00+02:00' };

function app() {
  const { store, clock, service } = serviceWithFakes();
  const tokens = new InMemoryTokenStore();
  tokens.add(ADMIN, 'admin@example.org', 'admin');
  tokens.add(EDITOR, 'editor@example.org', 'editor');
  const handle = makeAdminApp({
    announcements: service,
    imports: makeImportService({ store, clock }),
    tokens: makeTokenService({ tokens, clock }),
    rebuilds: makeRebuildService({ rebuilds: new InMemoryRebuildStore(), clock }),
    reviewLinks: makeReviewLinkService({ links: new InMemoryReviewLinkStore(), announcements: store, clock, siteUrl: 'https://news.example.org' }),
    verify: makeTokenVerifier({ tokens }),
    logger: recordingLogger(),
  });
  const post = (token: string | undefined, body: unknown, query?: Record<string, string>) =>
    handle(apiEvent({ method: 'POST', path: '/api/import', body, ...(query ? { query } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} }));
  return { post, store };
}
const bodyOf = (r: { body?: string }) => JSON.parse(r.body ?? 'null') as Record<string, any>;

describe('POST /api/import: who may', () => {
  it.each([
    ['no token', undefined, 401],
    ['an editor', EDITOR, 403],
    ['an admin', ADMIN, 200],
  ])('%s: %i', async (_who, token, status) => {
    const { post, store } = app();
    const res = await post(token, { items: [item] });
    expect(res.statusCode).toBe(status);
    expect(store.size).toBe(status === 200 ? 1 : 0);
  });
});

describe('POST /api/import: the request', () => {
  it.each([
    ['no items', {}, 'items'],
    ['an empty list', { items: [] }, 'items'],
    ['26 items', { items: Array.from({ length: 26 }, (_, i) => ({ ...item, guid: `g-${i}` })) }, 'items'],
    ['an unknown field', { items: [item], force: true }, 'force'],
  ])('400 for %s, naming the field', async (_what, body, path) => {
    const res = await app().post(ADMIN, body);
    expect(res.statusCode).toBe(400);
    expect(bodyOf(res).details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('400 for a bad dryRun value', async () => {
    const res = await app().post(ADMIN, { items: [item] }, { dryRun: 'yes' });
    expect([res.statusCode, bodyOf(res).details[0].path]).toEqual([400, 'dryRun']);
  });

  it('200 with one result per item in order; ?dryRun=true stores nothing', async () => {
    const { post, store } = app();
    const res = await post(ADMIN, { items: [item, { ...item, guid: '' }] }, { dryRun: 'true' });
    expect(bodyOf(res).results.map((r: { outcome: string }) => r.outcome)).toEqual(['created', 'refused']);
    expect(store.size).toBe(0);
  });
});
