import type { webcrypto } from 'node:crypto';
import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import type { JwkPairs } from '../ports/key-pair-source';

/** New key pairs for the actor, as JWKs to keep. */
export async function generateJwkPairs(): Promise<JwkPairs> {
  const pair = async (algorithm: 'RSASSA-PKCS1-v1_5' | 'Ed25519') => {
    const p = await generateCryptoKeyPair(algorithm);
    return { privateKey: await exportJwk(p.privateKey), publicKey: await exportJwk(p.publicKey) };
  };
  return { rsa: await pair('RSASSA-PKCS1-v1_5'), ed25519: await pair('Ed25519') };
}

/** The kept JWKs as CryptoKeyPairs, RSA first (Fedify signs draft-cavage with the first RSA key). */
export async function importJwkPairs(jwks: JwkPairs): Promise<webcrypto.CryptoKeyPair[]> {
  return Promise.all(
    [jwks.rsa, jwks.ed25519].map(async (p) => ({ privateKey: await importJwk(p.privateKey, 'private'), publicKey: await importJwk(p.publicKey, 'public') })),
  );
}
