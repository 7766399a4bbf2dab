import { describe, expect, it } from '@jest/globals';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { makeAuthorizer, ORIGIN_HEADER } from '../../../functions/authorizer/app';
import { sha256Hex } from '../../../shared/services/token-verifier';
import { makeBootstrapVerifier } from '../../../shared/wiring/bootstrap-token';
import { makeRequestAuthenticator } from '../../../shared/services/request-authenticator';
import { makeSessionService } from '../../../shared/services/session-service';
import { InMemoryTokenStore } from '../../support/fakes';
import { InMemorySessionStore } from '../../support/identity-fakes';

const SITE = 'https://news.example.org';
const sessionStore = new InMemorySessionStore();
const sessions = makeSessionService({ sessions: sessionStore, clock: () => new Date(), newId: () => crypto.randomUUID() });

const BOOTSTRAP = 'Zq3vN8pW1xK5tY7uB2mC4dF6gH8jL0aQ9rS3eT5yU7i=';
const EDITOR = 'hrd_editor-token-0123456789abcdefghijklmnopqrstu';
const SECRET = 'origin-secret-0123456789abcdefghijklmnopqrstuvwxyz';

function authorizer(options: { originSecret?: string | 'none-configured'; bootstrap?: string } = {}) {
  const tokens = new InMemoryTokenStore();
  tokens.add(EDITOR, 'editor@example.org', 'editor');
  const verify = makeBootstrapVerifier({ tokens, bootstrapSha256: async () => sha256Hex(options.bootstrap ?? BOOTSTRAP) });
  const secret = options.originSecret ?? SECRET;
  const authenticator = makeRequestAuthenticator({ verifyToken: verify, verifySession: sessions.verify, siteUrl: SITE });
  return makeAuthorizer({ authenticator, originSecret: async () => (secret === 'none-configured' ? undefined : secret) });
}

function event(headers: Record<string, string>, method = 'GET', cookies?: string[]): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:eu-west-1:123456789012:abc/$default/GET/api/announcements',
    identitySource: [headers.authorization ?? ''],
    routeKey: 'ANY /api/{proxy+}',
    rawPath: '/api/announcements',
    rawQueryString: '',
    headers,
    ...(cookies ? { cookies } : {}),
    requestContext: { http: { method } } as APIGatewayRequestAuthorizerEventV2['requestContext'],
  } as APIGatewayRequestAuthorizerEventV2;
}

const denied = { isAuthorized: false, context: {} };

describe('the authorizer', () => {
  it('lets a request from CloudFront with a valid token through, with its subject and role', async () => {
    const result = await authorizer()(event({ authorization: `Bearer ${EDITOR}`, [ORIGIN_HEADER]: SECRET }));

    expect(result).toEqual({ isAuthorized: true, context: { subject: 'editor@example.org', role: 'editor', name: 'editor@example.org', via: 'token' } });
  });

  it('accepts the bootstrap token whose hash the parameter holds', async () => {
    expect(await authorizer()(event({ authorization: `Bearer ${BOOTSTRAP}`, [ORIGIN_HEADER]: SECRET }))).toMatchObject({
      isAuthorized: true,
      context: { subject: 'bootstrap-admin', role: 'admin' },
    });
  });

  it.each([
    ['no origin header (the execute-api endpoint called directly)', {}],
    ['a wrong origin header', { [ORIGIN_HEADER]: `${SECRET.slice(0, -1)}X` }],
    ['a prefix of the origin secret', { [ORIGIN_HEADER]: SECRET.slice(0, 20) }],
    ['an empty origin header', { [ORIGIN_HEADER]: '' }],
  ])('refuses %s even with a valid token', async (_name, origin: Record<string, string>) => {
    for (const token of [EDITOR, BOOTSTRAP]) {
      expect(await authorizer()(event({ authorization: `Bearer ${token}`, ...origin }))).toEqual(denied);
    }
  });

  it('refuses everything while the origin secret cannot be read (fails closed)', async () => {
    const tokens = new InMemoryTokenStore();
    tokens.add(EDITOR, 'editor@example.org', 'editor');
    const verify = makeBootstrapVerifier({ tokens, bootstrapSha256: async () => undefined });
    const authorize = makeAuthorizer({ authenticator: makeRequestAuthenticator({ verifyToken: verify, siteUrl: SITE }), originSecret: async () => undefined });

    expect(await authorize(event({ authorization: `Bearer ${EDITOR}`, [ORIGIN_HEADER]: SECRET }))).toEqual(denied);
  });

  it('refuses a request with the origin secret but a wrong or missing token', async () => {
    expect(await authorizer()(event({ authorization: `Bearer ${EDITOR}x`, [ORIGIN_HEADER]: SECRET }))).toEqual(denied);
    expect(await authorizer()(event({ [ORIGIN_HEADER]: SECRET }))).toEqual(denied);
  });

  it('never accepts a short or published-example bootstrap token, even if its hash were stored', async () => {
    for (const weak of ['change-me-0123456789abcdef', 'short-but-16-chars-x']) {
      const authorize = authorizer({ bootstrap: weak });

      expect(await authorize(event({ authorization: `Bearer ${weak}`, [ORIGIN_HEADER]: SECRET }))).toEqual(denied);
    }
  });

  it('refuses a valid token when no origin secret is configured (a misconfiguration fails closed)', async () => {
    expect(await authorizer({ originSecret: 'none-configured' })(event({ authorization: `Bearer ${EDITOR}` }))).toEqual(denied);
  });

  describe('with a session cookie', () => {
    const cookieOf = async () => `herald_session=${(await sessions.create({ id: 'u1', name: 'Ana Editor', role: 'editor' })).token}`;

    it('lets a GET with a live session through, naming the editor', async () => {
      const result = await authorizer()(event({ [ORIGIN_HEADER]: SECRET }, 'GET', [await cookieOf()]));

      expect(result).toEqual({ isAuthorized: true, context: { subject: 'user:u1', role: 'editor', name: 'Ana Editor', via: 'cookie' } });
    });

    it('lets a write through only with X-Herald-CSRF: 1 and the site Origin', async () => {
      const cookie = await cookieOf();
      const ok = await authorizer()(event({ [ORIGIN_HEADER]: SECRET, 'x-herald-csrf': '1', origin: SITE }, 'POST', [cookie]));
      expect(ok.isAuthorized).toBe(true);
      const refused: Record<string, string>[] = [{}, { origin: SITE }, { 'x-herald-csrf': '1' }, { 'x-herald-csrf': '1', origin: 'https://evil.example' }, { 'x-herald-csrf': '0', origin: SITE }];
      for (const headers of refused) {
        expect(await authorizer()(event({ [ORIGIN_HEADER]: SECRET, ...headers }, 'DELETE', [cookie]))).toEqual(denied);
      }
    });

    it('refuses a revoked session and a made-up cookie', async () => {
      const cookie = await cookieOf();
      await sessions.revoke(cookie.split('=')[1]!);
      expect(await authorizer()(event({ [ORIGIN_HEADER]: SECRET }, 'GET', [cookie]))).toEqual(denied);
      expect(await authorizer()(event({ [ORIGIN_HEADER]: SECRET }, 'GET', [`herald_session=${'A'.repeat(43)}`]))).toEqual(denied);
    });

    it('still needs the origin secret', async () => {
      expect(await authorizer()(event({}, 'GET', [await cookieOf()]))).toEqual(denied);
    });
  });
});
