import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { bearerToken, makeTokenVerifier } from '../../../shared/services/token-verifier';
import { InMemoryTokenStore } from '../../support/fakes';

const BOOTSTRAP = 'bootstrap-admin-token-4f1c2b7e9d';
const hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function verifier() {
  const tokens = new InMemoryTokenStore();
  tokens.add('editor-token-aaaaaaaaaaaa', 'editor@example.org', 'editor');
  tokens.add('revoked-token-bbbbbbbbbbb', 'former@example.org', 'editor', '2017-06-01T00:00:00.000Z');
  return makeTokenVerifier({ tokens, bootstrapSha256: hex(BOOTSTRAP) });
}

describe('token verifier', () => {
  it('accepts the bootstrap token by its configured hash as an admin', async () => {
    expect(await verifier()(BOOTSTRAP)).toEqual({ subject: 'bootstrap-admin', role: 'admin' });
  });

  it('accepts a stored token with its subject and role', async () => {
    expect(await verifier()('editor-token-aaaaaaaaaaaa')).toEqual({ subject: 'editor@example.org', role: 'editor' });
  });

  it.each([
    ['a wrong token', 'editor-token-aaaaaaaaaaab'],
    ['a revoked token', 'revoked-token-bbbbbbbbbbb'],
    ['the bootstrap hash itself', hex(BOOTSTRAP)],
    ['an empty token', ''],
    ['no token', undefined],
  ])('rejects %s', async (_name, token) => {
    expect(await verifier()(token)).toBeUndefined();
  });

  it('works without a bootstrap hash', async () => {
    const verify = makeTokenVerifier({ tokens: new InMemoryTokenStore() });
    expect(await verify(BOOTSTRAP)).toBeUndefined();
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abcdefghijklmnop', 'abcdefghijklmnop'],
    ['bearer abcdefghijklmnop', 'abcdefghijklmnop'],
    ['BEARER   abcdefghijklmnop  ', 'abcdefghijklmnop'],
    ['Bearer herald_tok.0123-ABC~xyz/+=', 'herald_tok.0123-ABC~xyz/+='],
  ])('reads the token from %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a Basic credential', 'Basic ZWRpdG9yOnNlY3JldHNlY3JldA=='],
    ['a token shorter than 16 characters', 'Bearer short-token'],
    ['a token longer than 512 characters', `Bearer ${'a'.repeat(513)}`],
    ['two tokens', 'Bearer abcdefghijklmnop qrstuvwxyz012345'],
    ['a non-ASCII token', 'Bearer abcdefghijklmnopé'],
    ['no scheme', 'abcdefghijklmnopqrstuvwxyz'],
  ])('finds no token in %s', (_name, header) => {
    expect(bearerToken(header)).toBeUndefined();
  });
});
