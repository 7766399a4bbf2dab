import { randomUUID } from 'node:crypto';
import { DynamoChallengeStore } from '../adapters/dynamo-challenge-store';
import { DynamoInvitationStore } from '../adapters/dynamo-invitation-store';
import { DynamoSessionStore } from '../adapters/dynamo-session-store';
import { DynamoTokenStore } from '../adapters/dynamo-token-store';
import { DynamoUserStore } from '../adapters/dynamo-user-store';
import { simpleWebAuthnCeremony } from '../adapters/simplewebauthn-ceremony';
import { loadConfig, type HeraldConfig } from '../config';
import type { RelyingParty } from '../ports/webauthn-ceremony';
import { makeInvitationService } from '../services/invitation-service';
import { makePasskeyService } from '../services/passkey-service';
import { makePeopleService } from '../services/people-service';
import { makeRequestAuthenticator } from '../services/request-authenticator';
import { makeSessionService } from '../services/session-service';
import { basics } from './basics';
import { bootstrapVerifier } from './bootstrap-token';

/** The WebAuthn relying party of a site: its hostname, its origin, its title. */
export const relyingPartyOf = (config: Pick<HeraldConfig, 'siteUrl' | 'siteTitle'>): RelyingParty => {
  const url = new URL(config.siteUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: config.siteTitle };
};

/** The identity function's services, built once per process from configuration. */
export function wireIdentity(config: HeraldConfig = loadConfig()) {
  const { doc, logger } = basics(config);
  const clock = () => new Date();
  const users = new DynamoUserStore(doc, config.tableName);
  const sessionStore = new DynamoSessionStore(doc, config.tableName);
  const sessions = makeSessionService({ sessions: sessionStore, clock, newId: randomUUID });
  const invitations = makeInvitationService({ invitations: new DynamoInvitationStore(doc, config.tableName), clock, newId: randomUUID, siteUrl: config.siteUrl });
  return {
    logger,
    siteUrl: config.siteUrl,
    sessions,
    invitations,
    people: makePeopleService({ users, sessions: sessionStore, clock }),
    passkeys: makePasskeyService({
      invitations,
      users,
      challenges: new DynamoChallengeStore(doc, config.tableName),
      sessions,
      ceremony: simpleWebAuthnCeremony,
      rp: relyingPartyOf(config),
      clock,
      newId: randomUUID,
    }),
    // Bearer tokens for GET /api/auth/me (a public route, so no authorizer verdict): token items and the bootstrap hash.
    authenticator: makeRequestAuthenticator({
      verifyToken: bootstrapVerifier(new DynamoTokenStore(doc, config.tableName), config, logger),
      verifySession: sessions.verify,
      siteUrl: config.siteUrl,
    }),
  };
}
