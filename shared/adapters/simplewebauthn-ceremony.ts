import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { WebAuthnCeremony } from '../ports/webauthn-ceremony';

const reason = (err: unknown) => (err instanceof Error ? err.message : 'not verified').slice(0, 300);

/**
 * The ceremonies with @simplewebauthn/server: discoverable credentials
 * (resident key required, so sign-in needs no user name), user verification
 * preferred, no attestation; origin and rpID checked on every response.
 */
export const simpleWebAuthnCeremony: WebAuthnCeremony = {
  async registrationOptions({ rp, userId, userName }) {
    const options = await generateRegistrationOptions({
      rpName: rp.rpName,
      rpID: rp.rpID,
      userName,
      userDisplayName: userName,
      userID: new TextEncoder().encode(userId),
      attestationType: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      timeout: 300_000,
    });
    return { options, challenge: options.challenge };
  },

  async verifyRegistration({ rp, response, challenge }) {
    try {
      const out = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: false,
      });
      if (!out.verified) return { failed: 'the attestation did not verify' };
      const { credential } = out.registrationInfo;
      return {
        id: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: [...(credential.transports ?? [])],
      };
    } catch (err) {
      return { failed: reason(err) };
    }
  },

  async authenticationOptions(rp) {
    const options = await generateAuthenticationOptions({ rpID: rp.rpID, allowCredentials: [], userVerification: 'preferred', timeout: 300_000 });
    return { options, challenge: options.challenge };
  },

  async verifyAuthentication({ rp, response, challenge, passkey }) {
    try {
      const out = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        credential: {
          id: passkey.id,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: passkey.counter,
          transports: passkey.transports as AuthenticatorTransport[],
        },
        requireUserVerification: false,
      });
      return out.verified ? { newCounter: out.authenticationInfo.newCounter } : { failed: 'the assertion did not verify' };
    } catch (err) {
      return { failed: reason(err) };
    }
  },
};
