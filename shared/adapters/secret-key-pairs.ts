import { GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { generateJwkPairs } from '../fediverse/keys';
import type { JwkPairs, KeyPairSource } from '../ports/key-pair-source';
import { KEY_PREFIXES } from '../table-definition';

/**
 * The cloud's keys: a Secrets Manager secret the stack creates empty. The
 * first cold start that finds it empty takes a lock (a conditional Put of
 * `FEDKEY#{secret}` in the table), generates the pairs and stores them; any
 * other cold start waits for the value instead of generating its own, so two
 * racing starts cannot leave followers with two different keys.
 */
export class SecretKeyPairs implements KeyPairSource {
  private cached?: Promise<JwkPairs>;
  constructor(
    private readonly deps: { secretId: string; secrets: Pick<SecretsManagerClient, 'send'>; doc: DynamoDBDocumentClient; table: string; waitMs?: number },
  ) {}

  load(): Promise<JwkPairs> {
    this.cached ??= this.read().catch((err: unknown) => {
      this.cached = undefined;
      throw err;
    });
    return this.cached;
  }

  private async read(): Promise<JwkPairs> {
    const kept = await this.get();
    if (kept) return kept;
    if (await this.lock()) {
      const pairs = await generateJwkPairs();
      await this.deps.secrets.send(new PutSecretValueCommand({ SecretId: this.deps.secretId, SecretString: JSON.stringify(pairs) }));
      return pairs;
    }
    for (let i = 0; i < 50; i += 1) {
      await new Promise((r) => setTimeout(r, this.deps.waitMs ?? 200));
      const now = await this.get();
      if (now) return now;
    }
    throw new Error('the actor key secret stayed empty while another start held the lock');
  }

  private async get(): Promise<JwkPairs | undefined> {
    try {
      const out = await this.deps.secrets.send(new GetSecretValueCommand({ SecretId: this.deps.secretId }));
      return out.SecretString ? (JSON.parse(out.SecretString) as JwkPairs) : undefined;
    } catch (err) {
      // A secret created without a value has no AWSCURRENT version yet.
      if (err instanceof ResourceNotFoundException) return undefined;
      throw err;
    }
  }

  private async lock(): Promise<boolean> {
    try {
      await this.deps.doc.send(
        new PutCommand({
          TableName: this.deps.table,
          Item: { pk: `${KEY_PREFIXES.fediverseKey}actor`, sk: 'LOCK', type: 'fediverse-key-lock', at: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
