import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsJsonError } from '../../shared/adapters/aws-json';
import { FileKeyPairs } from '../../shared/adapters/file-key-pairs';
import { SecretKeyPairs } from '../../shared/adapters/secret-key-pairs';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * The actor's key pairs are generated once and kept: locally in a file under
 * DATA_DIR, in the cloud in a secret created empty, with a table lock so two
 * racing cold starts cannot each generate (and publish) a different key.
 */
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
}, 120_000);
afterAll(() => emu.stop());

/** Secrets Manager as seen through awsJson: an empty secret until PutSecretValue, slow to answer. */
function fakeSecretsManager() {
  let value: string | undefined;
  const calls: string[] = [];
  const call = (async <T>(c: { target: string; body: unknown }): Promise<T> => {
    calls.push(c.target);
    await new Promise((r) => setTimeout(r, 20));
    if (c.target === 'secretsmanager.GetSecretValue') {
      if (value === undefined) throw new AwsJsonError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT", 400);
      return { SecretString: value } as T;
    }
    value = (c.body as { SecretString: string }).SecretString;
    return {} as T;
  }) as never;
  return { call, calls };
}

describe('the actor key pairs', () => {
  it('are generated once in the cloud even when two cold starts race, and both get the same keys', async () => {
    const sm = fakeSecretsManager();
    const start = () => new SecretKeyPairs({ secretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:keys', region: 'us-east-1', doc: emu.doc, table: emu.table, call: sm.call, waitMs: 20 });
    const [a, b] = await Promise.all([start().load(), start().load()]);
    expect(a.rsa.publicKey).toEqual(b.rsa.publicKey);
    expect(a.ed25519.publicKey).toEqual(b.ed25519.publicKey);
    expect(sm.calls.filter((c) => c === 'secretsmanager.PutSecretValue')).toHaveLength(1);
    const later = await start().load();
    expect(later.rsa.publicKey).toEqual(a.rsa.publicKey);
    expect(sm.calls.filter((c) => c === 'secretsmanager.PutSecretValue')).toHaveLength(1);
  });

  it('are kept in a file under DATA_DIR and read back, not regenerated, by the next start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'herald-keys-')), 'activitypub-keys.json');
    const first = await new FileKeyPairs(file).load();
    const again = await new FileKeyPairs(file).load();
    expect(again).toEqual(first);
    expect(first.rsa.publicKey.kty).toBe('RSA');
    expect(first.ed25519.publicKey.crv).toBe('Ed25519');
  });
});
