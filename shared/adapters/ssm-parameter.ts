import type { HeraldLogger } from '../logger';
import { GetParameterCommand, ParameterNotFound, type SSMClient } from '@aws-sdk/client-ssm';

/** What the reader needs of an SSM client: only `send` (a real client, or one with a fake transport). */
export type SsmSender = Pick<SSMClient, 'send'>;

/** How the cached value is reported on: a refresh that failed, or a value that failed validation. */
export type ParameterLog = Pick<HeraldLogger, 'warn'>;

/** Options of a cached parameter: its name, how long a value is kept, and what counts as valid. */
export interface CachedParameterOptions {
  readonly ssm: SsmSender;
  readonly name: string;
  /** How long a value is trusted before it is read again: a rotation takes effect within this. */
  readonly ttlMs?: number;
  /** After a failed read, how long to wait before trying SSM again (stale value kept meanwhile). */
  readonly retryMs?: number;
  readonly validate?: (value: string) => boolean;
  readonly log?: ParameterLog;
  readonly now?: () => number;
}

/**
 * One SecureString parameter (or a Secrets Manager secret through the
 * `/aws/reference/secretsmanager/` path), read decrypted on first use and kept
 * for a few minutes, so a rotated value is picked up without a deploy while a
 * warm function does not call SSM on every request. A failed read keeps the
 * last good value; with none it answers undefined (the caller refuses).
 */
export function cachedParameter(options: CachedParameterOptions): () => Promise<string | undefined> {
  const ttlMs = options.ttlMs ?? 5 * 60_000;
  const retryMs = options.retryMs ?? 10_000;
  const now = options.now ?? Date.now;
  let cached: { value: string | undefined; until: number } | undefined;
  let inFlight: Promise<string | undefined> | undefined;

  const refresh = async (): Promise<string | undefined> => {
    try {
      const value = await read(options.ssm, options.name);
      if (value !== undefined && options.validate && !options.validate(value)) {
        options.log?.warn('SSM parameter has an invalid value; ignored', { parameter: options.name });
        cached = { value: undefined, until: now() + ttlMs };
      } else {
        cached = { value, until: now() + ttlMs };
      }
    } catch (err) {
      options.log?.warn('SSM parameter could not be read; keeping the last value', {
        parameter: options.name,
        error: err instanceof Error ? err.name : 'unknown',
      });
      cached = { value: cached?.value, until: now() + retryMs };
    }
    return cached.value;
  };

  return async () => {
    if (cached && now() < cached.until) return cached.value;
    inFlight ??= refresh().finally(() => (inFlight = undefined));
    return inFlight;
  };
}

async function read(ssm: SsmSender, name: string): Promise<string | undefined> {
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    const value = out.Parameter?.Value?.trim();
    return value === '' ? undefined : value;
  } catch (err) {
    if (err instanceof ParameterNotFound || (err as { name?: string }).name === 'ParameterNotFound') return undefined;
    throw err;
  }
}
