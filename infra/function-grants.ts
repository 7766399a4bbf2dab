import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKeyValueStore } from 'aws-cdk-lib/aws-cloudfront';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { GSI1, INDEX_PARTITIONS, KEY_PREFIXES } from '../shared/table-definition';
import type { HeraldConfig } from './config';
import type { AdminTokenParameter } from './constructs/admin-token-parameter';
import type { HeraldFunction } from './constructs/herald-function';
import type { OriginSecret } from './constructs/origin-secret';
import type { KeySecret } from './constructs/key-secret';
import type { EnvKey, FunctionDeclaration, KeySecretName, KeyValueStoreName, SecretName, TableGrant } from './function-declaration';

/** What the declarations refer to by name, as built in the stack. */
export interface Resources {
  readonly config: HeraldConfig;
  readonly table: ITable;
  readonly bucket: Bucket;
  readonly adminToken: AdminTokenParameter;
  readonly originSecret: OriginSecret;
  readonly queues: ReadonlyMap<string, Queue>;
  /** Secrets a function fills once and keeps (the ActivityPub actor's key pairs). */
  readonly keySecrets: Readonly<Record<KeySecretName, KeySecret>>;
  /** CloudFront KeyValueStores the viewer-request functions read (the redirects). */
  readonly keyValueStores: Readonly<Record<KeyValueStoreName, IKeyValueStore>>;
}

/** The variable naming each KeyValueStore (shared/config.ts reads it). */
const KEY_VALUE_STORE_VARIABLES: Record<KeyValueStoreName, string> = { redirects: 'REDIRECTS_KVS_ARN' };

/** The variable naming each key secret (shared/config.ts reads it). */
const KEY_SECRET_VARIABLES: Record<KeySecretName, string> = { activityPubKeys: 'ACTIVITYPUB_KEY_SECRET' };

/** The environment variables of one config key, as shared/config.ts reads them. */
function variables(key: EnvKey, r: Resources): Record<string, string> {
  switch (key) {
    case 'table':
      return { TABLE_NAME: r.table.tableName };
    case 'bucket':
      return { BUCKET_NAME: r.bucket.bucketName };
    case 'site':
      return {
        SITE_URL: r.config.siteUrl,
        SITE_TITLE: r.config.siteTitle,
        SITE_DESCRIPTION: r.config.siteDescription,
        // The first configured language names the site and tag feeds, which mix languages.
        SITE_LANGUAGE: r.config.languages[0]!,
        FEED_PAGE_SIZE: String(r.config.feedPageSize),
        CANONICAL_HOSTS: r.config.canonicalHosts.join(','),
      };
    case 'siteUrl':
      return { SITE_URL: r.config.siteUrl };
    case 'hubs':
      return { WEBSUB_HUBS: r.config.hubs.join(',') };
    case 'fediverse':
      return {
        ACTIVITYPUB_HANDLE: r.config.activityPubHandle,
        ...(r.config.activityPubIconUrl ? { ACTIVITYPUB_ICON_URL: r.config.activityPubIconUrl } : {}),
        ...(r.config.activityPubLanguageActors ? { ACTIVITYPUB_LANGUAGE_ACTORS: r.config.languages.join(',') } : {}),
      };
  }
}

/** The variable naming a secret's parameter (shared/config.ts reads it), and how to grant reading it. */
function secret(name: SecretName, r: Resources) {
  return name === 'adminToken'
    ? { variable: 'ADMIN_TOKEN_PARAMETER', parameter: r.adminToken.parameterName, grant: (fn: HeraldFunction) => r.adminToken.grantRead(fn) }
    : { variable: 'ORIGIN_SECRET_PARAMETER', parameter: r.originSecret.parameterPath, grant: (fn: HeraldFunction) => r.originSecret.grantRead(fn) };
}

/** The queue URL variable a sender reads, e.g. HERALD_QUEUE_FEDIVERSE_DELIVERY_URL. */
export const queueUrlVariable = (queue: string) => `HERALD_QUEUE_${queue.toUpperCase().replace(/-/g, '_')}_URL`;

/** A function's whole environment: its declared config keys, its queues, and Powertools' names. */
export function environmentOf(decl: FunctionDeclaration, r: Resources): Record<string, string> {
  const env: Record<string, string> = { POWERTOOLS_SERVICE_NAME: `herald-${decl.name}`, POWERTOOLS_METRICS_NAMESPACE: 'Herald' };
  for (const key of decl.environment) Object.assign(env, variables(key, r));
  for (const queue of decl.grants.queues ?? []) env[queueUrlVariable(queue)] = queueNamed(r, queue, decl).queueUrl;
  for (const name of decl.grants.secrets ?? []) {
    const { variable, parameter } = secret(name, r);
    env[variable] = parameter;
  }
  for (const name of decl.grants.keySecrets ?? []) env[KEY_SECRET_VARIABLES[name]] = r.keySecrets[name].arn;
  for (const name of decl.grants.keyValueStores ?? []) env[KEY_VALUE_STORE_VARIABLES[name]] = r.keyValueStores[name].keyValueStoreArn;
  return env;
}

const leadingKeys = (grant: TableGrant) => (grant.items === 'all' ? undefined : grant.items.map((kind) => `${KEY_PREFIXES[kind]}*`));
const indexKeys = (index: NonNullable<TableGrant['index']>) => (index === 'all' ? undefined : index.map((p) => INDEX_PARTITIONS[p]));

/** Applies a declaration's grants to its function's role: table, bucket keys, queues. */
export function applyGrants(fn: HeraldFunction, decl: FunctionDeclaration, r: Resources): void {
  const { table, objects, queues } = decl.grants;
  if (table) {
    fn.grantTable(r.table, {
      actions: table.actions,
      leadingKeys: leadingKeys(table),
      indexes: table.index ? [{ name: GSI1, leadingKeys: indexKeys(table.index) }] : [],
    });
  }
  for (const writes of decl.grants.tableWrites ?? []) fn.grantTable(r.table, { actions: writes.actions, leadingKeys: leadingKeys(writes), indexes: [] });
  if (objects?.length) {
    const all = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] as const;
    const byActions = new Map<string, string[]>();
    for (const o of objects) {
      const actions = (o.actions ?? all).join(',');
      byActions.set(actions, [...(byActions.get(actions) ?? []), r.bucket.arnForObjects(o.key)]);
    }
    for (const [actions, resources] of byActions) fn.allow(actions.split(','), resources);
    // Without ListBucket a HeadObject on a missing key answers 403 instead of 404.
    fn.allow(['s3:ListBucket'], [r.bucket.bucketArn]);
    const stack = r.bucket.stack;
    const bucketArn = `<${stack.getLogicalId(r.bucket.node.defaultChild as CfnBucket)}.Arn>`;
    for (const o of objects) if (o.key.endsWith('*')) fn.acknowledgeWildcardResource(`${bucketArn}/${o.key}`, o.why);
  }
  for (const queue of queues ?? []) queueNamed(r, queue, decl).grantSendMessages(fn.role);
  for (const name of decl.grants.secrets ?? []) secret(name, r).grant(fn);
  for (const name of decl.grants.keySecrets ?? []) r.keySecrets[name].grantReadAndFill(fn);
  // UpdateKeys names the store's ETag, which DescribeKeyValueStore reads; nothing else, on that store only.
  for (const name of decl.grants.keyValueStores ?? []) {
    fn.allow(['cloudfront-keyvaluestore:DescribeKeyValueStore', 'cloudfront-keyvaluestore:UpdateKeys'], [r.keyValueStores[name].keyValueStoreArn]);
  }
}

function queueNamed(r: Resources, queue: string, decl: FunctionDeclaration): Queue {
  const found = r.queues.get(queue);
  if (!found) throw new Error(`function ${decl.name} sends to queue ${queue}, which no function declares as its trigger`);
  return found;
}
