import { SSMClient } from '@aws-sdk/client-ssm';
import { cachedParameter, type ParameterLog } from '../adapters/ssm-parameter';
import type { AuthConfig } from '../config';
import { adminTokenProblem } from '../domain/admin-token';
import type { TokenStore } from '../ports/token-store';
import { makeTokenVerifier, type TokenVerifier } from '../services/token-verifier';

/** Where the bootstrap admin token's sha256 is read from (`AuthConfig` and `HeraldConfig` both fit). */
export type BootstrapSource = Pick<AuthConfig, 'region'> & { adminTokenSha256?: string | undefined; adminTokenParameter?: string | undefined };

const SHA256 = /^[0-9a-f]{64}$/;
let ssm: SSMClient | undefined;

/** One SSM client per process, made only when a parameter is configured (never locally). */
export function ssmClient(region: string): SSMClient {
  ssm ??= new SSMClient({ region });
  return ssm;
}

/**
 * The bootstrap admin token's sha256 as a function: the literal locally, or the
 * SecureString parameter in the cloud, read at cold start and again every 5 minutes
 * (so `aws ssm put-parameter --overwrite` rotates it without a deploy).
 */
export function bootstrapHash(source: BootstrapSource, log?: ParameterLog): () => Promise<string | undefined> {
  if (source.adminTokenParameter === undefined) return () => Promise.resolve(source.adminTokenSha256);
  const read = cachedParameter({
    ssm: ssmClient(source.region),
    name: source.adminTokenParameter,
    validate: (v) => SHA256.test(v),
    ...(log ? { log } : {}),
  });
  void read(); // start the read during init (cold start), not on the first request
  return read;
}

/**
 * The token check with the bootstrap hash read from `bootstrapSha256` on each call
 * (it is cached upstream). A token that could not be a bootstrap token (short, or a
 * published example) is checked against the table only, so even a hash of the
 * README's example stored by mistake opens nothing.
 */
export function makeBootstrapVerifier(deps: { tokens: TokenStore; bootstrapSha256: () => Promise<string | undefined> }): TokenVerifier {
  const tableOnly = makeTokenVerifier({ tokens: deps.tokens });
  let current: { hash: string; verify: TokenVerifier } | undefined;
  return async (token) => {
    if (token === undefined || adminTokenProblem(token) !== undefined) return tableOnly(token);
    const hash = await deps.bootstrapSha256();
    if (hash === undefined) return tableOnly(token);
    if (current?.hash !== hash) current = { hash, verify: makeTokenVerifier({ tokens: deps.tokens, bootstrapSha256: hash }) };
    return current.verify(token);
  };
}

/** The verifier the admin API and the authorizer both use: `bootstrapVerifier(tokens, loadAuthConfig())`. */
export function bootstrapVerifier(tokens: TokenStore, source: BootstrapSource, log?: ParameterLog): TokenVerifier {
  return makeBootstrapVerifier({ tokens, bootstrapSha256: bootstrapHash(source, log) });
}
