import { describe, expect, it } from '@jest/globals';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { makeAuthorizer, ORIGIN_HEADER } from '../../../functions/authorizer/app';
import { sha256Hex } from '../../../shared/services/token-verifier';
import { makeBootstrapVerifier } from '../../../shared/wiring/bootstrap-token';
import { InMemoryTokenStore } from '../../support/fakes';

const BOOTSTRAP = 'Zq3vN8pW1xK5tY7uB2mC4dF6gH8jL0aQ9rS3eT5yU7i=';
const EDITOR = 'hrd_editor-token-0123456789abcdefghijklmnopqrstu';
const SECRET = 'origin-secret-0123456789abcdefghijklmnopqrstuvwxyz';

function authorizer(options: { originSecret?: string | 'none-configured'; bootstrap?: string } = {}) {
  const tokens = new InMemoryTokenStore();
  tokens.add(EDITOR, 'editor@example.org', 'editor');
  const verify = makeBootstrapVerifier({ tokens, bootstrapSha256: async () => sha256Hex(options.bootstrap ?? BOOTSTRAP) });
  const secret = options.originSecret ?? SECRET;
  return makeAuthorizer({ verify, originSecret: async () => (secret === 'none-configured' ? undefined : secret) });
}

function event(headers: Record<string, string>): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:eu-west-1:123456789012:abc/$default/GET/api/announcements',
    identitySource: [headers.authorization ?? ''],
    routeKey: 'ANY /api/{proxy+}',
    rawPath: '/api/announcements',
    rawQueryString: '',
    headers,
    requestContext: {} as APIGatewayRequestAuthorizerEventV2['requestContext'],
  } as APIGatewayRequestAuthorizerEventV2;
}

const denied = { isAuthorized: false, context: {} };

describe('the authorizer', () => {
  it('lets a request from CloudFront with a valid token through, with its subject and role', async () => {
    const result = await authorizer()(event({ authorization: `Bearer ${EDITOR}`, [ORIGIN_HEADER]: SECRET }));

    expect(result).toEqual({ isAuthorized: true, context: { subject: 'editor@example.org', role: 'editor' } });
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
    const authorize = makeAuthorizer({ verify, originSecret: async () => undefined });

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
});
