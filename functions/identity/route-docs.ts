import { InvitationInput, LoginInput, LoginOptionsInput, RegisterInput, RegisterOptionsInput } from '../../shared/domain/identity-input';
import type { Route } from '../admin/route-types';

/** What the OpenAPI document says about one identity route (the identity function serves it, the admin function documents it). */
export type IdentityRouteDoc = Pick<Route, 'method' | 'path' | 'doc' | 'public' | 'role'>;

const CSRF = '403 csrf: a cookie write without X-Herald-CSRF: 1 and the site Origin';

/** The sign-in and people routes, kept apart from SimpleWebAuthn so the admin function can publish them without bundling it. */
export const IDENTITY_ROUTE_DOCS = {
  registerOptions: {
    method: 'POST',
    path: '/api/auth/register/options',
    public: true,
    doc: { summary: 'Passkey creation options for an invitation', body: RegisterOptionsInput, responses: { 200: '{ options, name, role }', 400: 'bad body', 404: 'unknown invitation', 410: 'invitation_expired, invitation_used or invitation_revoked' } },
  },
  register: {
    method: 'POST',
    path: '/api/auth/register',
    public: true,
    doc: { summary: 'Register the passkey, use the invitation, start a session (Set-Cookie herald_session)', body: RegisterInput, responses: { 201: '{ user: { id, name, role } }', 400: 'bad or foreign attestation (path response)', 404: 'unknown invitation', 410: 'invitation expired, used or revoked' } },
  },
  loginOptions: {
    method: 'POST',
    path: '/api/auth/login/options',
    public: true,
    doc: { summary: 'Passkey request options (discoverable credentials) and the challenge id', body: LoginOptionsInput, responses: { 200: '{ challengeId, options }' } },
  },
  login: {
    method: 'POST',
    path: '/api/auth/login',
    public: true,
    doc: { summary: 'Sign in with a passkey assertion (Set-Cookie herald_session)', body: LoginInput, responses: { 200: '{ user }', 400: 'bad body', 401: 'replayed, foreign or unknown assertion; challenge used or expired; user disabled' } },
  },
  logout: {
    method: 'POST',
    path: '/api/auth/logout',
    public: true,
    doc: { summary: 'Sign out: the session ends, the cookie is cleared (cookie + CSRF)', responses: { 204: 'signed out', 401: 'no live session', 403: CSRF } },
  },
  me: {
    method: 'GET',
    path: '/api/auth/me',
    public: true,
    doc: { summary: 'Who is signed in (session cookie or Bearer token)', responses: { 200: '{ user: { id, name, role }, session: { id, expiresAt } | null }', 401: 'nobody' } },
  },
  createInvitation: {
    method: 'POST',
    path: '/api/invitations',
    role: 'admin',
    doc: { summary: 'Invite someone: a one-use URL valid 72 hours (shown once)', body: InvitationInput, responses: { 201: '{ id, url, expiresAt }', 400: 'bad name or role' } },
  },
  listInvitations: {
    method: 'GET',
    path: '/api/invitations',
    role: 'admin',
    doc: { summary: 'Every invitation, newest first (never the token)', responses: { 200: '{ items: [{ id, name, role, createdAt, createdBy, expiresAt, usedAt?, revokedAt? }] }' } },
  },
  revokeInvitation: {
    method: 'DELETE',
    path: '/api/invitations/{id}',
    role: 'admin',
    doc: { summary: 'Revoke an invitation', responses: { 204: 'revoked', 404: 'no such invitation' } },
  },
  listUsers: {
    method: 'GET',
    path: '/api/users',
    role: 'admin',
    doc: { summary: 'Every user with their passkeys and live sessions', responses: { 200: '{ items: [{ id, name, role, createdAt, passkeys, sessions }] }' } },
  },
  removePasskey: {
    method: 'DELETE',
    path: '/api/users/{id}/passkeys/{passkeyId}',
    role: 'admin',
    doc: { summary: 'Remove a passkey: it signs in no more', responses: { 204: 'removed', 404: 'no such passkey for this user' } },
  },
  revokeSession: {
    method: 'DELETE',
    path: '/api/users/{id}/sessions/{sessionId}',
    role: 'admin',
    doc: { summary: 'End a session at once', responses: { 204: 'ended', 404: 'no such session for this user' } },
  },
} as const satisfies Record<string, IdentityRouteDoc>;
