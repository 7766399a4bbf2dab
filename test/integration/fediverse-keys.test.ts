import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { FileKeyPairs } from '../../shared/adapters/file-key-pairs';
import { SecretKeyPairs } from '../../shared/adapters/secret-key-pairs';
import { startAwsJsonStandIn, STAND_IN_CREDENTIALS } from '../support/aws-json-stand-in';
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

/**
 * Secrets Manager on the wire (the SDK's real client against a stand-in): an
 * empty secret (no AWSCURRENT version) until PutSecretValue, slow to answer.
 */
async function fakeSecretsManager() {
  let value: string | undefined;
  const standIn = await startAwsJsonStandIn(async (call) => {
    await new Promise((r) => setTimeout(r, 20));
    if (call.target === 'secretsmanager.GetSecretValue') {
      if (value === undefined) return { status: 400, body: { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT" } };
      return { status: 200, body: { SecretString: value } };
    }
    value = String(call.body.SecretString);
    return { status: 200, body: {} };
  });
  const client = new SecretsManagerClient({ region: 'us-east-1', endpoint: standIn.endpoint, credentials: STAND_IN_CREDENTIALS });
  return { client, calls: () => standIn.calls.map((c) => c.target), stop: standIn.stop };
}

describe('the actor key pairs', () => {
  it('are generated once in the cloud even when two cold starts race, and both get the same keys', async () => {
    const sm = await fakeSecretsManager();
    const start = () => new SecretKeyPairs({ secretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:keys', secrets: sm.client, doc: emu.doc, table: emu.table, waitMs: 20 });
    const [a, b] = await Promise.all([start().load(), start().load()]);
    expect(a.rsa.publicKey).toEqual(b.rsa.publicKey);
    expect(a.ed25519.publicKey).toEqual(b.ed25519.publicKey);
    expect(sm.calls().filter((c) => c === 'secretsmanager.PutSecretValue')).toHaveLength(1);
    const later = await start().load();
    expect(later.rsa.publicKey).toEqual(a.rsa.publicKey);
    expect(sm.calls().filter((c) => c === 'secretsmanager.PutSecretValue')).toHaveLength(1);
    await sm.stop();
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
