import { describe, expect, it } from '@jest/globals';
import { sha256Hex } from '../../../shared/hash';
import { makeReviewLinkService } from '../../../shared/services/review-link-service';
import { pinnedClock, sequentialIds } from '../../support/fakes';
import { EDITOR, draftStatement, msp7En, serviceWithFakes } from '../../support/fixtures';
import { InMemoryReviewLinkStore } from '../../support/review-fakes';

const SITE_URL = 'https://news.example.org';
const HOUR = 3600_000;

/** The service over fakes, with a draft and a published announcement stored and a clock the test moves. */
async function setup() {
  const { store, service: announcements } = serviceWithFakes('2017-09-01T08:00:00.000Z');
  const draft = await announcements.create(draftStatement, EDITOR);
  const published = await announcements.create({ ...msp7En, status: 'published' }, EDITOR);
  const links = new InMemoryReviewLinkStore();
  const clock = pinnedClock('2017-09-02T10:00:00.000Z');
  const reviews = makeReviewLinkService({ links, announcements: store, clock, siteUrl: SITE_URL, newId: sequentialIds(100) });
  const tokenOf = (url: string) => url.slice(`${SITE_URL}/review/`.length);
  return { store, announcements, draft, published, links, clock, reviews, tokenOf };
}

describe('making a review link', () => {
  it('returns a site URL carrying a 256-bit random token, and stores only its sha256', async () => {
    const { reviews, draft, links, tokenOf } = await setup();

    const issued = await reviews.create(draft.id, { expiresInHours: 168 }, EDITOR);

    expect(issued.url).toMatch(/^https:\/\/news\.example\.org\/review\/[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(tokenOf(issued.url), 'base64url')).toHaveLength(32);
    const [record] = [...links.byHash.values()];
    expect(record).toEqual({
      id: issued.id,
      announcementId: draft.id,
      sha256: sha256Hex(tokenOf(issued.url)),
      createdBy: EDITOR.subject,
      createdAt: '2017-09-02T10:00:00.000Z',
      expiresAt: Date.parse('2017-09-09T10:00:00.000Z') / 1000,
    });
    expect(JSON.stringify(record)).not.toContain(tokenOf(issued.url));
    expect(issued.expiresAt).toBe('2017-09-09T10:00:00.000Z');
  });

  it('gives two links two different tokens', async () => {
    const { reviews, draft } = await setup();
    const a = await reviews.create(draft.id, { expiresInHours: 1 }, EDITOR);
    const b = await reviews.create(draft.id, { expiresInHours: 1 }, EDITOR);
    expect(a.url).not.toBe(b.url);
  });

  it('refuses an unknown announcement with 404 and a retracted one with 409, storing nothing', async () => {
    const { reviews, announcements, draft, links } = await setup();
    await expect(reviews.create('00000000-0000-4000-8000-00000000ffff', { expiresInHours: 1 }, EDITOR)).rejects.toMatchObject({ status: 404 });
    await announcements.retract(draft.id, '"v1"', EDITOR);
    await expect(reviews.create(draft.id, { expiresInHours: 1 }, EDITOR)).rejects.toMatchObject({ status: 409 });
    expect(links.byHash.size).toBe(0);
  });
});

describe('opening a review link', () => {
  it('shows the draft while the link lives', async () => {
    const { reviews, draft, tokenOf } = await setup();
    const { url } = await reviews.create(draft.id, { expiresInHours: 2 }, EDITOR);
    expect((await reviews.resolve(tokenOf(url)))?.title).toBe(draftStatement.title);
  });

  it('shows a published announcement too', async () => {
    const { reviews, published, tokenOf } = await setup();
    const { url } = await reviews.create(published.id, { expiresInHours: 2 }, EDITOR);
    expect((await reviews.resolve(tokenOf(url)))?.id).toBe(published.id);
  });

  it('shows nothing once the link has expired, to the second', async () => {
    const { reviews, draft, clock, tokenOf } = await setup();
    const { url } = await reviews.create(draft.id, { expiresInHours: 2 }, EDITOR);
    clock.advance(2 * HOUR - 1000);
    expect(await reviews.resolve(tokenOf(url))).toBeDefined();
    clock.advance(1000);
    expect(await reviews.resolve(tokenOf(url))).toBeUndefined();
  });

  it('shows nothing after revocation, and nothing once the announcement is retracted', async () => {
    const { reviews, announcements, draft, published, tokenOf } = await setup();
    const revoked = await reviews.create(draft.id, { expiresInHours: 2 }, EDITOR);
    const retractedLater = await reviews.create(published.id, { expiresInHours: 2 }, EDITOR);

    await reviews.revoke(draft.id, revoked.id);
    await announcements.retract(published.id, '"v1"', EDITOR);

    expect(await reviews.resolve(tokenOf(revoked.url))).toBeUndefined();
    expect(await reviews.resolve(tokenOf(retractedLater.url))).toBeUndefined();
  });

  it('shows nothing for an unknown or malformed token, without a lookup for the malformed one', async () => {
    const { reviews, links } = await setup();
    let lookups = 0;
    const find = links.findBySha256.bind(links);
    links.findBySha256 = (h) => (lookups++, find(h));
    expect(await reviews.resolve('A'.repeat(43))).toBeUndefined();
    expect(lookups).toBe(1);
    for (const bad of ['', 'short', `${'A'.repeat(43)}/x`, '../../admin', 'A'.repeat(44)]) expect(await reviews.resolve(bad)).toBeUndefined();
    expect(lookups).toBe(1);
  });
});

describe('listing and revoking', () => {
  it('lists the live links newest first, without tokens or hashes, and leaves out expired ones', async () => {
    const { reviews, draft, clock } = await setup();
    const short = await reviews.create(draft.id, { expiresInHours: 1 }, EDITOR);
    clock.advance(60_000);
    const long = await reviews.create(draft.id, { expiresInHours: 48 }, EDITOR);

    expect((await reviews.list(draft.id)).map((l) => l.id)).toEqual([long.id, short.id]);
    clock.advance(HOUR);
    const listed = await reviews.list(draft.id);

    expect(listed).toEqual([{ id: long.id, announcementId: draft.id, createdBy: EDITOR.subject, createdAt: '2017-09-02T10:01:00.000Z', expiresAt: long.expiresAt }]);
  });

  it('answers 404 for an unknown link or announcement', async () => {
    const { reviews, draft, published } = await setup();
    const link = await reviews.create(draft.id, { expiresInHours: 1 }, EDITOR);
    await expect(reviews.revoke(draft.id, '00000000-0000-4000-8000-00000000ffff')).rejects.toMatchObject({ status: 404 });
    // A link is revoked through its own announcement only.
    await expect(reviews.revoke(published.id, link.id)).rejects.toMatchObject({ status: 404 });
    await expect(reviews.list('00000000-0000-4000-8000-00000000ffff')).rejects.toMatchObject({ status: 404 });
  });
});
