import { toJSONSchema, type ZodMiniType } from 'zod/mini';
import { IDENTITY_ROUTE_DOCS } from '../identity/route-docs';
import { MEDIA_ROUTE_DOCS } from '../media/route-docs';
import { REDIRECT_ROUTE_DOCS } from '../redirects/route-docs';
import { EDITOR_ROUTE_DOCS } from '../review/editor-route-docs';
import { WEBHOOK_ROUTE_DOCS } from '../webhooks/route-docs';
import * as schemas from './request-schemas';
import { routes } from './routes';
import type { AdminRoute, Route, RouteDoc, SchemaName } from './route-types';

type Json = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as a client must send it. */
export const schemaOf = (schema: ZodMiniType): Json => {
  const { $schema: _dialect, ...rest } = toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

const ErrorBody = {
  type: 'object',
  required: ['error', 'message', 'details'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** Query parameters from a zod object schema: one parameter per property. */
function queryParameters(schema: ZodMiniType): Json[] {
  const json = schemaOf(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: (json.required ?? []).includes(name) && !('default' in s),
    schema: s,
  }));
}

/**
 * The admin API's OpenAPI 3.1 document, built from the route table: the
 * paths are the templates the router matches, and the request schemas are
 * the zod schemas the handlers parse with. Built at build time
 * (infra/bundle/write-openapi.ts writes functions/admin/openapi.json, which
 * the admin function serves), so the JSON Schema converter stays out of the
 * function; test/unit/admin/openapi.test.ts fails when the file has drifted.
 */
export function openApiDocument(routes: readonly Pick<Route, 'method' | 'path' | 'doc' | 'public' | 'role'>[]): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const { doc } = route;
    const pathParams = [...route.path.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      // Every id is a UUID but a passkey's, which is its WebAuthn credential id (base64url).
      schema: m[1] === 'passkeyId' ? { type: 'string', pattern: '^[A-Za-z0-9_-]+$' } : { type: 'string', format: 'uuid' },
    }));
    const headers = (doc.headers ?? []).map((h) => ({
      name: h.name,
      in: 'header',
      required: h.required,
      description: h.description,
      schema: schemaOf(h.schema),
    }));
    const responses: Record<string, Json> = {};
    for (const [status, description] of Object.entries(doc.responses)) {
      responses[status] = Number(status) >= 400 ? errorResponse(description) : { description };
    }
    if (!route.public) {
      responses['401'] = errorResponse('no valid bearer token or session cookie');
      if (route.role === 'admin') responses['403'] = errorResponse('an editor; this route needs an admin (or csrf: a cookie write without X-Herald-CSRF: 1 and the site Origin)');
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      summary: doc.summary,
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[^a-zA-Z]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      ...(route.public ? { security: [] } : {}),
      parameters: [...pathParams, ...headers, ...(doc.query ? queryParameters(doc.query) : [])],
      ...(doc.body ? { requestBody: { required: !doc.bodyOptional, content: { 'application/json': { schema: schemaOf(doc.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Herald admin API', version: '1' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        // Browsers: the session cookie; a write with it also needs X-Herald-CSRF: 1 and the site's Origin.
        session: { type: 'apiKey', in: 'cookie', name: 'herald_session' },
      },
      schemas: { Error: ErrorBody },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}

function errorResponse(description: string): Json {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

/** An admin route with the schemas its doc names (request-schemas.ts), as the document is built from. */
function resolved(route: AdminRoute): Route {
  const { doc } = route;
  const schema = (name: SchemaName) => schemas[name];
  const out: RouteDoc = { summary: doc.summary, responses: doc.responses, ...(doc.bodyOptional ? { bodyOptional: true } : {}) };
  if (doc.body) out.body = schema(doc.body);
  if (doc.query) out.query = schema(doc.query);
  if (doc.headers) out.headers = doc.headers.map((h) => ({ ...h, schema: schema(h.schema) }));
  return { ...route, doc: out };
}

/**
 * Every documented route: the admin function's own and those the media,
 * identity, review (editor helpers), webhooks and redirects functions serve.
 */
export const documentedRoutes = () => [
  ...routes.map(resolved),
  ...Object.values(MEDIA_ROUTE_DOCS),
  ...Object.values(IDENTITY_ROUTE_DOCS),
  ...Object.values(EDITOR_ROUTE_DOCS),
  ...Object.values(WEBHOOK_ROUTE_DOCS),
  ...Object.values(REDIRECT_ROUTE_DOCS),
];
