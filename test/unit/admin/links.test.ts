import { makeReviewLinkService } from '../../../shared/services/review-link-service';
import { InMemoryReviewLinkStore } from '../../support/review-fakes';
import { describe, expect, it } from '@jest/globals';
import { makeAdminApp } from '../../../functions/admin/app';
import { loadConfig } from '../../../shared/config';
import { makeAnnouncementService } from '../../../shared/services/announcement-service';
import { makeRebuildService } from '../../../shared/services/rebuild-service';
import { makeTokenService } from '../../../shared/services/token-service';
import { makeTokenVerifier } from '../../../shared/services/token-verifier';
import { InMemoryAnnouncementStore, InMemoryRebuildStore, InMemoryTokenStore, apiEvent, pinnedClock, recordingLogger, sequentialIds } from '../../support/fakes';
import { msp7En } from '../../support/fixtures';
import { json } from './setup';

const TOKEN = 'herald-editor-token-0001';
const BASE = { TABLE_NAME: 'herald', BUCKET_NAME: 'site', SITE_URL: 'https://news.example.org' };

/** The admin app over fakes, its announcement service built with the link policy of `env`, as wireAdmin builds it. */
function appWith(env: Record<string, string>) {
  const config = loadConfig({ ...BASE, ...env });
  const clock = pinnedClock('2017-09-01T08:00:00.000Z');
  const store = new InMemoryAnnouncementStore();
  const tokens = new InMemoryTokenStore();
  tokens.add(TOKEN, 'editor@example.org', 'editor');
  const app = makeAdminApp({
    announcements: makeAnnouncementService({ store, clock, newId: sequentialIds(), links: config.links }),
    tokens: makeTokenService({ tokens, clock }),
    rebuilds: makeRebuildService({ rebuilds: new InMemoryRebuildStore(), clock }),
    reviewLinks: makeReviewLinkService({ links: new InMemoryReviewLinkStore(), announcements: store, clock, siteUrl: config.siteUrl }),
    verify: makeTokenVerifier({ tokens }),
    logger: recordingLogger(),
  });
  const post = (body: unknown) =>
    app(apiEvent({ method: 'POST', path: '/api/announcements', headers: { authorization: `Bearer ${TOKEN}` }, body }));
  return { post, store };
}

const paths = (r: Awaited<ReturnType<ReturnType<typeof appWith>['post']>>) => (json(r).details ?? []).map((d) => d.path);

describe('the admin API and the link policy', () => {
  it('refuses a canonicalUrl on a host the site does not list, with a 400 naming canonicalUrl', async () => {
    const { post, store } = appWith({});
    const r = await post({ ...msp7En, canonicalUrl: 'https://evil.example/phish' });
    expect([r.statusCode, paths(r)]).toEqual([400, ['canonicalUrl']]);
    expect(json(r).message).toContain('canonicalUrl');
    expect(store.writes).toHaveLength(0);
  });

  it('accepts a canonicalUrl on the site host, or on a host listed in CANONICAL_HOSTS', async () => {
    expect((await appWith({}).post({ ...msp7En, canonicalUrl: 'https://news.example.org/x' })).statusCode).toBe(201);
    const listed = appWith({ CANONICAL_HOSTS: 'www.example.org' });
    expect((await listed.post({ ...msp7En, canonicalUrl: 'https://www.example.org/news?id=7' })).statusCode).toBe(201);
    expect(paths(await listed.post({ ...msp7En, canonicalUrl: 'https://other.example/' }))).toEqual(['canonicalUrl']);
  });

  it('refuses http links in images, files, authors and the online event unless ALLOW_HTTP_LINKS', async () => {
    const input = {
      ...msp7En,
      canonicalUrl: 'http://news.example.org/x',
      images: [{ url: 'http://old.example.org/a.jpg', alt: 'a' }],
      attachments: [{ url: 'http://old.example.org/a.pdf', title: 'A', type: 'application/pdf' }],
      authors: [{ name: 'A', url: 'http://old.example.org/' }],
      event: { start: '2017-09-04T10:00', end: '2017-09-06T18:00', timeZone: 'Europe/Zurich', onlineUrl: 'http://old.example.org/live' },
    };
    const r = await appWith({}).post(input);
    expect([r.statusCode, paths(r)]).toEqual([400, ['canonicalUrl', 'images.0.url', 'attachments.0.url', 'authors.0.url', 'event.onlineUrl']]);
    expect((await appWith({ ALLOW_HTTP_LINKS: 'true' }).post(input)).statusCode).toBe(201);
  });
});
