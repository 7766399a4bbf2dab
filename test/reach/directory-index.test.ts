import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { objectKey } from '../../infra/local/static-objects';

/**
 * The CloudFront Function that gives the bucket a directory index maps a
 * path to the same object key as the local server does.
 */
type Request = { uri: string; statusCode?: number; headers?: Record<string, { value: string }> };
const source = readFileSync(join(process.cwd(), 'infra/edge/directory-index.js'), 'utf8');
const handler = runInNewContext(`${source}\nhandler`) as (event: { request: Request }) => Request;

describe('directory index (CloudFront Function)', () => {
  it.each(['/', '/news/seventh-meeting-6f1c2a4e/', '/feeds/rss.xml', '/feeds/tags/7msp/events.ics', '/news/x'])('maps %s like the local server', (uri) => {
    expect(handler({ request: { uri } }).uri).toBe(`/${objectKey(uri)}`);
  });

  it('serves the editor at /admin/ and redirects /admin there, as the local server does', () => {
    expect(handler({ request: { uri: '/admin/' } }).uri).toBe(`/${objectKey('/admin/')}`);
    expect(handler({ request: { uri: '/admin' } })).toMatchObject({ statusCode: 301, headers: { location: { value: '/admin/' } } });
  });
});
