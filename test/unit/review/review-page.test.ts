import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { makeReviewApp } from '../../../functions/review/app';
import { siteCsp, PAGE_STYLE_SOURCE } from '../../../shared/http/security-headers';
import { renderPage } from '../../../shared/render/page';
import { REVIEW_META, renderReviewGone, renderReviewPage } from '../../../shared/render/page-review';
import { apiEvent, recordingLogger } from '../../support/fakes';
import { SITE, bangkokSeminar, draftStatement, stored } from '../../support/fixtures';

describe('the review page renderer', () => {
  it('is the permalink page, byte for byte, plus noindex and no-referrer meta in the head', async () => {
    const seminar = await stored({ ...bangkokSeminar, status: 'draft' });

    const html = renderReviewPage(SITE, seminar);

    expect(html.replace(REVIEW_META, '')).toBe(renderPage(SITE, seminar).body);
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html.indexOf('<meta name="robots"')).toBeLessThan(html.indexOf('</head>'));
  });

  it('dates a scheduled announcement by its publishAt, as its page will be once published', async () => {
    const scheduled = await stored({ ...draftStatement, status: 'scheduled', publishAt: '2017-09-04T09:00:00+02:00' });
    const html = renderReviewPage(SITE, scheduled);
    // Stored in UTC; without publishAt the page would carry the creation time, 2017-09-01.
    expect(html).toContain('<time datetime="2017-09-04T07:00:00.000Z">');
  });

  it('answers a dead link with a page that names nothing but the site', () => {
    const html = renderReviewGone(SITE);
    expect(html).toContain('This review link is not valid');
    expect(html).toContain('<meta name="robots" content="noindex">');
  });
});

describe('GET /review/{token}', () => {
  // No translations here; page-as-published.test.ts covers them.
  const pageInputsOf = async (announcement: Announcement) => ({ announcement, alternates: [] });
  const TOKEN = 'A'.repeat(43);
  const appFor = async (found: boolean) => {
    const draft = await stored(draftStatement);
    const logger = recordingLogger();
    const asked: string[] = [];
    const app = makeReviewApp({ site: SITE, logger, pageInputsOf, resolve: async (t) => (asked.push(t), found && t === TOKEN ? draft : undefined) });
    return { app, asked, logger };
  };

  it('shows the draft with noindex, no-store, no referrer and the site CSP with the page style hash', async () => {
    const { app, asked } = await appFor(true);
    const res = await app(apiEvent({ method: 'GET', path: `/review/${TOKEN}` }));

    expect(asked).toEqual([TOKEN]);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${draftStatement.title}</h1>`);
    expect(res.headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex',
      'referrer-policy': 'no-referrer',
      'content-security-policy': siteCsp(SITE.siteUrl),
    });
    expect(String(res.headers?.['content-security-policy'])).toContain(PAGE_STYLE_SOURCE);
  });

  it('answers every dead link alike: 404, the same small page, the same headers', async () => {
    const { app } = await appFor(false);
    const answers = await Promise.all([`/review/${TOKEN}`, '/review/', '/review/x/y'].map((path) => app(apiEvent({ method: 'GET', path }))));
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(renderReviewGone(SITE));
      expect(res.headers?.['cache-control']).toBe('no-store');
    }
  });

  it('answers 503 with a page, logging the fault, when the table cannot be read', async () => {
    const logger = recordingLogger();
    const app = makeReviewApp({ site: SITE, logger, pageInputsOf, resolve: () => Promise.reject(new Error('table down')) });
    const res = await app(apiEvent({ method: 'GET', path: `/review/${TOKEN}` }));
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('table down');
    expect(logger.entries.map((e) => e.message)).toEqual(['review page failed']);
  });
});
