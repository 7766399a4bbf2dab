import type { webcrypto } from 'node:crypto';

type JsonWebKey = webcrypto.JsonWebKey;
/** The actor's key pairs as JWKs: RSA (draft-cavage signatures, publicKey) and Ed25519 (RFC 9421, Multikey, proofs). */
export type JwkPairs = { rsa: { privateKey: JsonWebKey; publicKey: JsonWebKey }; ed25519: { privateKey: JsonWebKey; publicKey: JsonWebKey } };

/**
 * Where the actor's keys live. `load` returns the kept pairs, generating and
 * keeping them the first time only: a regenerated key would make every
 * follower's server reject Herald's signatures until it re-fetched the actor.
 */
export interface KeyPairSource {
  load(): Promise<JwkPairs>;
}
