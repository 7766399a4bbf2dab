import { describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FunctionDeclaration } from '../../../infra/function-declaration';
import { FUNCTIONS } from '../../../infra/functions';
import { LOCAL_FUNCTIONS } from '../../../infra/local/local-functions';
import { localPlan, matchRoute } from '../../../infra/local/plan';
import { msUntilDaily } from '../../../infra/local/schedule-timer';
import { apiDispatcher, wireLocalFunctions } from '../../../infra/local/wire-local';
import type { HeraldConfig } from '../../../shared/config';
import { json } from '../../../shared/http/responses';

const config: HeraldConfig = {
  tableName: 't',
  bucketName: 'b',
  siteUrl: 'http://localhost:1',
  siteTitle: 'Herald',
  siteDescription: 'd',
  siteLanguage: 'en',
  feedPageSize: 50,
  hubs: [],
  links: { allowHttp: true, canonicalHosts: ['localhost:1'] },
  region: 'us-east-1',
  dynamoEndpoint: 'http://127.0.0.1:9',
  s3Endpoint: 'http://127.0.0.1:9',
  metricsOff: true,
  logLevel: 'SILENT',
};
const event = (method: string, path: string) =>
  ({ rawPath: path, requestContext: { http: { method, path } } }) as unknown as APIGatewayProxyEventV2;

describe('local routing', () => {
  const { routes } = localPlan(FUNCTIONS);

  it('picks the declared route API Gateway would pick', () => {
    expect(matchRoute(routes, 'GET', '/api/health')).toMatchObject({ path: '/api/health', auth: 'public' });
    expect(matchRoute(routes, 'POST', '/api/health')).toMatchObject({ path: '/api/{proxy+}', auth: 'token' });
    expect(matchRoute(routes, 'get', '/api/announcements/x/history')).toMatchObject({ path: '/api/{proxy+}' });
    expect(matchRoute(routes, 'GET', '/api')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/api/')).toBeUndefined();
  });

  it('calls the function the route names, with its route key, and answers 404 for no route', async () => {
    const seen: string[] = [];
    const wired = new Map([['admin', { http: async (e: APIGatewayProxyEventV2) => (seen.push(e.routeKey), json(200, {})) }]]);
    const api = apiDispatcher(routes, wired);

    expect((await api(event('GET', '/api/health'))).statusCode).toBe(200);
    expect((await api(event('DELETE', '/api/announcements/1'))).statusCode).toBe(200);
    expect((await api(event('GET', '/api'))).statusCode).toBe(404);
    expect(seen).toEqual(['GET /api/health', 'ANY /api/{proxy+}']);
  });
});

describe('local wiring', () => {
  it('gives every declared function a handler for each of its triggers, from one config', () => {
    const wired = wireLocalFunctions(FUNCTIONS, LOCAL_FUNCTIONS, config);

    expect([...wired.keys()].sort()).toEqual(['admin', 'authorizer', 'fediverse', 'identity', 'media', 'publisher', 'reconciler', 'redirects', 'review', 'scheduler', 'webhooks']);
    expect(typeof wired.get('fediverse')?.queue).toBe('function');
    expect(typeof wired.get('webhooks')?.queue).toBe('function');
    expect(typeof wired.get('review')?.http).toBe('function');
    expect(typeof wired.get('publisher')?.stream).toBe('function');
    expect(typeof wired.get('media')?.http).toBe('function');
    expect(typeof wired.get('scheduler')?.schedule).toBe('function');
  });

  it('refuses a declaration whose local wiring lacks a handler for a trigger', () => {
    const worker: FunctionDeclaration = {
      name: 'worker',
      entry: 'test/support/queue-worker.ts',
      description: 'w',
      memoryMb: 128,
      timeoutSeconds: 5,
      reservedConcurrency: 1,
      triggers: [{ kind: 'queue', queue: 'work', batchSize: 1, maxReceiveCount: 1 }],
      environment: [],
      grants: {},
    };

    expect(() => wireLocalFunctions([worker], { worker: () => ({}) }, config)).toThrow('worker declares a queue trigger');
    expect(() => wireLocalFunctions([worker], {}, config)).toThrow('worker has no local wiring');
  });

  it('refuses a route declared twice', () => {
    const twice = FUNCTIONS.map((f) => (f.name === 'scheduler' ? { ...f, triggers: FUNCTIONS[0].triggers } : f));

    expect(() => localPlan(twice)).toThrow('is declared twice');
  });
});

describe('local schedules', () => {
  it('wait until the next daily UTC time', () => {
    const at = { hour: 3, minute: 0 };

    expect(msUntilDaily(new Date('2026-01-01T02:59:00Z'), at)).toBe(60_000);
    expect(msUntilDaily(new Date('2026-01-01T03:00:00Z'), at)).toBe(86_400_000);
    expect(msUntilDaily(new Date('2026-12-31T04:00:00Z'), at)).toBe(23 * 3_600_000);
  });
});
