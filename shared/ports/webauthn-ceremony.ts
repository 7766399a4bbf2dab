import type { PasskeyRecord } from '../domain/identity';

/** Who the passkeys are for: rpID = SITE_URL's hostname, origin = SITE_URL's origin, rpName = SITE_TITLE. */
export type RelyingParty = { rpID: string; origin: string; rpName: string };

/** A verified new passkey: credential id and COSE public key as base64url. */
export type NewPasskey = { id: string; publicKey: string; counter: number; transports: string[] };

/**
 * The WebAuthn ceremonies (SimpleWebAuthn in production), behind a port so the
 * services' unit tests decide what verifies; real ceremonies run end to end.
 * A verification that fails returns a reason instead of throwing.
 */
export interface WebAuthnCeremony {
  registrationOptions(input: { rp: RelyingParty; userId: string; userName: string }): Promise<{ options: unknown; challenge: string }>;
  verifyRegistration(input: { rp: RelyingParty; response: unknown; challenge: string }): Promise<NewPasskey | { failed: string }>;
  authenticationOptions(rp: RelyingParty): Promise<{ options: unknown; challenge: string }>;
  verifyAuthentication(input: { rp: RelyingParty; response: unknown; challenge: string; passkey: PasskeyRecord }): Promise<{ newCounter: number } | { failed: string }>;
}
