import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../../shared/domain/errors';
import { SESSION_COOKIE } from '../../shared/domain/identity';
import { InvitationInput, LoginInput, LoginOptionsInput, RegisterInput, RegisterOptionsInput } from '../../shared/domain/identity-input';
import { parseOrThrow } from '../../shared/domain/validation';
import { clearedSessionCookie, readCookie, sessionCookie } from '../../shared/http/cookies';
import { pathParam, who, type AppRequest } from '../../shared/http/http-app';
import { jsonBody } from '../../shared/http/request';
import { json, type HttpResult } from '../../shared/http/responses';
import type { InvitationService } from '../../shared/services/invitation-service';
import type { PasskeyService, SignedIn } from '../../shared/services/passkey-service';
import type { PeopleService } from '../../shared/services/people-service';
import type { RequestAuthenticator } from '../../shared/services/request-authenticator';
import type { SessionService } from '../../shared/services/session-service';
import type { IDENTITY_ROUTE_DOCS } from './route-docs';

/** What the identity routes need. */
export type IdentityDeps = {
  passkeys: PasskeyService;
  sessions: SessionService;
  invitations: InvitationService;
  people: PeopleService;
  authenticator: RequestAuthenticator;
  siteUrl: string;
};

/** One request as a route sees it; `principal` is set (and its role checked) for admin routes. */
export type IdentityRequest = AppRequest;

const CREDENTIAL_ID = /^[A-Za-z0-9_-]{1,1400}$/;
const noContent = (cookies?: string[]): HttpResult => ({ statusCode: 204, headers: { 'cache-control': 'no-store' }, body: '', ...(cookies ? { cookies } : {}) });
/** The sign-in options routes take `{}`, or no body at all. */
const bodyOrEmpty = (event: APIGatewayProxyEventV2) => (event.body ? jsonBody(event) : {});

/** The handlers, one per documented route. */
export function identityHandlers(deps: IdentityDeps): Record<keyof typeof IDENTITY_ROUTE_DOCS, (req: IdentityRequest) => Promise<HttpResult>> {
  const signedIn = (status: number, s: SignedIn) => ({ ...json(status, { user: s.user }), cookies: [sessionCookie(s.token, deps.siteUrl)] });
  return {
    registerOptions: async ({ event }) => json(200, await deps.passkeys.registrationOptions(parseOrThrow(RegisterOptionsInput, jsonBody(event)).invitation)),
    register: async ({ event }) => {
      const input = parseOrThrow(RegisterInput, jsonBody(event));
      return signedIn(201, await deps.passkeys.register(input.invitation, input.response));
    },
    loginOptions: async ({ event }) => {
      parseOrThrow(LoginOptionsInput, bodyOrEmpty(event));
      return json(200, await deps.passkeys.authenticationOptions());
    },
    login: async ({ event }) => {
      const input = parseOrThrow(LoginInput, jsonBody(event));
      return signedIn(200, await deps.passkeys.signIn(input.challengeId, input.response));
    },
    logout: async ({ event }) => {
      const auth = await deps.authenticator.authenticate(event);
      const cookie = readCookie(event, SESSION_COOKIE);
      if (auth?.via !== 'cookie' || cookie === undefined) throw new UnauthorizedError('sign-out needs a live session cookie');
      await deps.sessions.revoke(cookie);
      return noContent([clearedSessionCookie(deps.siteUrl)]);
    },
    me: async ({ event }) => {
      const auth = await deps.authenticator.authenticate(event);
      if (!auth) throw new UnauthorizedError('nobody is signed in');
      const { principal, session } = auth;
      return session
        ? json(200, { user: { id: session.userId, name: session.name, role: session.role }, session: { id: session.id, expiresAt: new Date(session.expiresAt * 1000).toISOString() } })
        : json(200, { user: { id: principal.subject, name: principal.subject, role: principal.role }, session: null });
    },
    createInvitation: async ({ event, principal }) => {
      const created = await deps.invitations.create(parseOrThrow(InvitationInput, jsonBody(event)), who({ principal }));
      return json(201, created, { location: `/api/invitations/${created.id}` });
    },
    listInvitations: async () => json(200, { items: await deps.invitations.list() }),
    revokeInvitation: async (req) => {
      await deps.invitations.revoke(pathParam(req, 'id', 'invitation'));
      return noContent();
    },
    listUsers: async () => json(200, { items: await deps.people.list() }),
    removePasskey: async (req) => {
      await deps.people.removePasskey(pathParam(req, 'id', 'user'), pathParam(req, 'passkeyId', 'passkey', CREDENTIAL_ID));
      return noContent();
    },
    revokeSession: async (req) => {
      await deps.people.revokeSession(pathParam(req, 'id', 'user'), pathParam(req, 'sessionId', 'session'));
      return noContent();
    },
  };
}
