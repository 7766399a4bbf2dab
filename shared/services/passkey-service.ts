import type { Clock } from '../clock';
import { UnauthorizedError, ValidationError } from '../domain/errors';
import { CHALLENGE_SECONDS, type SessionRecord, type UserRecord } from '../domain/identity';
import { RegistrationRaced, type ChallengeStore, type UserStore } from '../ports/identity-store';
import type { RelyingParty, WebAuthnCeremony } from '../ports/webauthn-ceremony';
import type { InvitationService } from './invitation-service';
import type { SessionService } from './session-service';

/** A user and the session just started for them (the token goes into the cookie). */
export type SignedIn = { user: Pick<UserRecord, 'id' | 'name' | 'role'>; token: string; session: SessionRecord };

const badResponse = (message: string) => new ValidationError(message, [{ path: 'response', message }]);
const SIGN_IN_FAILED = 'the passkey could not be verified';
const registrationChallengeId = (invitationSha256: string) => `reg-${invitationSha256}`;

/**
 * Passkey sign-up (through an invitation) and sign-in (discoverable
 * credentials: no user name asked). Every challenge is used once; a sign-up
 * consumes its invitation in the same transaction that creates the user.
 */
export function makePasskeyService(deps: {
  invitations: InvitationService;
  users: UserStore;
  challenges: ChallengeStore;
  sessions: SessionService;
  ceremony: WebAuthnCeremony;
  rp: RelyingParty;
  clock: Clock;
  newId: () => string;
}) {
  const seconds = () => Math.floor(deps.clock().getTime() / 1000);
  const publicUser = (u: Pick<UserRecord, 'id' | 'name' | 'role'>) => ({ id: u.id, name: u.name, role: u.role });

  return {
    /** Creation options for the invited person; asking again replaces the previous challenge. */
    async registrationOptions(token: string) {
      const invitation = await deps.invitations.usable(token);
      const userId = deps.newId();
      const { options, challenge } = await deps.ceremony.registrationOptions({ rp: deps.rp, userId, userName: invitation.name });
      await deps.challenges.put({ id: registrationChallengeId(invitation.sha256), challenge, userId, expiresAt: seconds() + CHALLENGE_SECONDS });
      return { options, name: invitation.name, role: invitation.role };
    },

    /** Verifies the attestation, then creates user and passkey and consumes invitation and challenge at once. */
    async register(token: string, response: { id: string }): Promise<SignedIn> {
      const invitation = await deps.invitations.usable(token);
      const challenge = await deps.challenges.get(registrationChallengeId(invitation.sha256));
      if (!challenge?.userId || challenge.expiresAt <= seconds()) throw badResponse('no sign-up is in progress for this invitation (or it took over 5 minutes); ask for options again');
      const verified = await deps.ceremony.verifyRegistration({ rp: deps.rp, response, challenge: challenge.challenge });
      if ('failed' in verified) throw badResponse(`the passkey could not be verified: ${verified.failed}`);
      const at = deps.clock().toISOString();
      const user: UserRecord = { id: challenge.userId, name: invitation.name, role: invitation.role, createdAt: at };
      try {
        await deps.users.register({
          invitationSha256: invitation.sha256,
          challenge,
          user,
          passkey: { ...verified, userId: user.id, createdAt: at },
          at,
          nowSeconds: seconds(),
        });
      } catch (err) {
        if (!(err instanceof RegistrationRaced)) throw err;
        await deps.invitations.usable(token); // 410 when the invitation went meanwhile
        throw badResponse('this sign-up was already completed or its challenge expired; ask for options again');
      }
      return { user: publicUser(user), ...(await deps.sessions.create(user)) };
    },

    /** Request options with a fresh challenge, and its id to send back with the assertion. */
    async authenticationOptions() {
      const { options, challenge } = await deps.ceremony.authenticationOptions(deps.rp);
      const challengeId = deps.newId();
      await deps.challenges.put({ id: challengeId, challenge, expiresAt: seconds() + CHALLENGE_SECONDS });
      return { challengeId, options };
    },

    /** Signs in: the challenge is consumed first, so the same assertion never works twice. */
    async signIn(challengeId: string, response: { id: string }): Promise<SignedIn> {
      const challenge = await deps.challenges.consume(challengeId);
      if (!challenge || challenge.expiresAt <= seconds()) throw new UnauthorizedError('the sign-in challenge is unknown, used or expired; ask for options again');
      const passkey = await deps.users.getPasskey(response.id);
      if (!passkey) throw new UnauthorizedError(SIGN_IN_FAILED);
      const user = await deps.users.getUser(passkey.userId);
      if (!user || user.disabledAt) throw new UnauthorizedError(SIGN_IN_FAILED);
      const verified = await deps.ceremony.verifyAuthentication({ rp: deps.rp, response, challenge: challenge.challenge, passkey });
      if ('failed' in verified) throw new UnauthorizedError(SIGN_IN_FAILED);
      if (!(await deps.users.recordUse(passkey.id, passkey.counter, verified.newCounter, deps.clock().toISOString()))) {
        throw new UnauthorizedError(SIGN_IN_FAILED);
      }
      return { user: publicUser(user), ...(await deps.sessions.create(user)) };
    },
  };
}
export type PasskeyService = ReturnType<typeof makePasskeyService>;
