import type { FunctionDeclaration } from '../../infra/function-declaration';
import { queueUrlVariable } from '../../infra/function-grants';

/** What every function reads (placeholders; nothing is called at import). */
const BASE = {
  TABLE_NAME: 't',
  BUCKET_NAME: 'b',
  SITE_URL: 'https://news.example.org',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const ACCOUNT = '123456789012';
const SECRET_VARIABLES = { adminToken: ['ADMIN_TOKEN_PARAMETER', '/herald/admin-token-sha256'], originSecret: ['ORIGIN_SECRET_PARAMETER', '/aws/reference/secretsmanager/herald-origin'] } as const;

/**
 * A representative cloud environment for one function's cold import: the
 * variables the stack sets for its declared queues, secrets, key secrets and
 * key-value stores (infra/function-grants.ts `environmentOf`, same names),
 * with placeholder values, so a function that needs a queue or a store
 * imports as it does in Lambda instead of failing on a missing setting.
 */
export function cloudEnvironment(decl: FunctionDeclaration): Record<string, string> {
  const env: Record<string, string> = { ...BASE, POWERTOOLS_SERVICE_NAME: `herald-${decl.name}`, POWERTOOLS_METRICS_NAMESPACE: 'Herald' };
  for (const queue of decl.grants.queues ?? []) env[queueUrlVariable(queue)] = `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/herald-${queue}`;
  for (const name of decl.grants.secrets ?? []) env[SECRET_VARIABLES[name][0]] = SECRET_VARIABLES[name][1];
  if (decl.grants.keySecrets?.includes('activityPubKeys')) env.ACTIVITYPUB_KEY_SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:herald-activitypub-keys`;
  if (decl.grants.keyValueStores?.includes('redirects')) env.REDIRECTS_KVS_ARN = `arn:aws:cloudfront::${ACCOUNT}:key-value-store/herald-redirects`;
  return env;
}
