import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

/** SHA-256 and HMAC-SHA-256 for the signer, from node:crypto. */
class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.h = secret ? createHmac('sha256', secret instanceof ArrayBuffer ? Buffer.from(secret) : (secret as string | Uint8Array)) : createHash('sha256');
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.h.update(typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data) : (data as Uint8Array));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.h.digest()));
  }
}

/** An AWS service error: its `__type` (e.g. ResourceNotFoundException) and message. */
export class AwsJsonError extends Error {
  override readonly name = 'AwsJsonError';
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(`${type}: ${message}`);
  }
}

/**
 * One call to an AWS JSON-protocol API (SQS, Secrets Manager), SigV4-signed
 * with the Lambda role's credentials from the environment. Written because the
 * shared install has no @aws-sdk/client-sqs or client-secrets-manager (no new
 * packages in this round): two calls each do not justify two SDK clients.
 */
export async function awsJson<T>(call: { service: string; target: string; region: string; body: unknown; endpoint?: string }): Promise<T> {
  // SQS speaks AWS JSON 1.0, Secrets Manager 1.1.
  const contentType = `application/x-amz-json-${call.service === 'sqs' ? '1.0' : '1.1'}`;
  const url = new URL(call.endpoint ?? `https://${call.service}.${call.region}.amazonaws.com/`);
  const body = JSON.stringify(call.body);
  const signer = new SignatureV4({ service: call.service, region: call.region, credentials: fromEnv(), sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    headers: { host: url.host, 'content-type': contentType, 'x-amz-target': call.target },
    body,
  });
  const res = await fetch(url, { method: 'POST', headers: signed.headers as Record<string, string>, body, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!res.ok) {
    const type = String(parsed.__type ?? `HTTP ${res.status}`).split('#').pop()!;
    throw new AwsJsonError(type, String(parsed.message ?? parsed.Message ?? ''), res.status);
  }
  return parsed as T;
}
