import { beforeAll, describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { logicalId, synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
beforeAll(() => {
  herald = synthHerald();
});

type Route = { RouteKey: string; AuthorizationType: string; AuthorizerId?: unknown };
const routes = () => Object.values(herald.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties as Route);
const authorizers = () => herald.template.findResources('AWS::ApiGatewayV2::Authorizer');

/** The identity function's routes: the people routes pass the authorizer, the sign-in steps are public. */
const IDENTITY_ADMIN = ['DELETE /api/invitations/{id}', 'DELETE /api/users/{id}/passkeys/{passkeyId}', 'DELETE /api/users/{id}/sessions/{sessionId}', 'GET /api/invitations', 'GET /api/users', 'POST /api/invitations'];
const SIGN_IN = ['GET /api/auth/me', 'POST /api/auth/login', 'POST /api/auth/login/options', 'POST /api/auth/logout', 'POST /api/auth/register', 'POST /api/auth/register/options'];
/** The webhooks function's routes, all behind the authorizer (admins only, but the delivery record for any editor). */
const WEBHOOKS = ['POST /api/webhooks', 'GET /api/webhooks', 'DELETE /api/webhooks/{id}', 'GET /api/webhooks/{id}/deliveries', 'POST /api/webhooks/{id}/deliveries/{deliveryId}/resend', 'GET /api/announcements/{id}/deliveries'];
const PUBLIC = ['GET /api/health', 'GET /review/{token}', ...SIGN_IN];

describe('the admin API routes', () => {
  it('are exactly ANY /api/{proxy+}, GET /api/health, the four media routes, the identity routes, the editor helpers, the review page GET /review/{token}, the fediverse and the webhooks routes', () => {
    expect(routes().map((r) => r.RouteKey).sort()).toEqual(
      ['ANY /ap/{proxy+}', 'GET /.well-known/nodeinfo', 'GET /.well-known/webfinger', 'ANY /api/{proxy+}', 'DELETE /api/media/{id}', 'GET /api/health', 'GET /api/media', 'GET /api/tags', 'GET /review/{token}', 'POST /api/media', 'POST /api/media/{id}/complete', 'POST /api/media/fetch', 'POST /api/preview', 'PUT /api/redirects', 'GET /api/redirects', 'DELETE /api/redirects', ...IDENTITY_ADMIN, ...SIGN_IN, ...WEBHOOKS].sort(),
    );
  });

  it('are throttled per route, the public probe far below the authorised routes', () => {
    herald.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      RouteSettings: {
        'GET /api/health': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
        'ANY /api/{proxy+}': { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
        'POST /api/media/{id}/complete': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
      },
    });
  });

  it('go through the Lambda authorizer, except GET /api/health, the review page, the sign-in steps and the fediverse routes (signed or public)', () => {
    const open = [...PUBLIC, 'ANY /ap/{proxy+}', 'GET /.well-known/webfinger', 'GET /.well-known/nodeinfo'];
    for (const route of routes()) {
      if (open.includes(route.RouteKey)) {
        expect(route.AuthorizationType).toBe('NONE');
        expect(route.AuthorizerId).toBeUndefined();
      } else {
        expect(route).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: Object.keys(authorizers())[0] } });
      }
    }
  });

  it('use an uncached simple-response authorizer keyed on the origin-secret header alone (a revoked token fails at once; a cookie-only request still reaches it)', () => {
    herald.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      // A required identity source that a browser with only the session cookie lacks would
      // make API Gateway answer 401 without calling the authorizer: Authorization must not be one.
      IdentitySource: ['$request.header.x-herald-origin'],
      AuthorizerResultTtlInSeconds: 0,
    });
    expect(Object.keys(authorizers())).toHaveLength(1);
    expect(JSON.stringify(authorizers())).toContain(`"${logicalId(herald.stack.authorizer.fn)}","Arn"`);
  });

  it('send the admin routes to the admin function, the media routes to media, identity routes to identity, the review page to review and ActivityPub to fediverse, webhooks to webhooks, payload 2.0', () => {
    herald.template.resourceCountIs('AWS::ApiGatewayV2::Integration', 7);
    for (const fn of [herald.stack.admin.fn, herald.stack.media.fn, herald.stack.review.fn, herald.stack.identity.fn, herald.stack.fediverse.fn, herald.stack.webhooks.fn, herald.stack.redirects.fn]) {
      herald.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [logicalId(fn), 'Arn'] },
      });
    }
  });
});

describe('the $default stage', () => {
  it('is throttled and writes access logs to its own log group', () => {
    herald.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AdminApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });
});

describe('the access logs', () => {
  it('record the route template, never the request path (a review link carries its secret in the path)', () => {
    const stage = Object.values(herald.template.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { Format: string } } };
    const format = stage.Properties.AccessLogSettings.Format;
    expect(format).toContain('$context.routeKey');
    expect(format).not.toContain('$context.path');
  });
});

describe('CORS', () => {
  it('is off when no admin origin is configured', () => {
    herald.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });

  it('allows only the configured admin origins', () => {
    const withOrigins = synthHerald({ adminOrigins: ['https://admin.example.org'] });

    withOrigins.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://admin.example.org'],
        AllowHeaders: Match.arrayWith(['authorization', 'if-match', 'idempotency-key']),
        ExposeHeaders: Match.arrayWith(['etag']),
      }),
    });
  });
});
