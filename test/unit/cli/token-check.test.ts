import { describe, expect, it } from '@jest/globals';
import { main } from '../../../cli/main';
import { adminTokenProblem, MIN_ADMIN_TOKEN_LENGTH } from '../../../shared/domain/admin-token';
import { makeTokenService } from '../../../shared/services/token-service';
import { InMemoryTokenStore } from '../../support/fakes';

describe('the bootstrap admin token rule', () => {
  it.each([
    ["the README's example", 'change-me-0123456789abcdef', /example value from the README/],
    ['31 characters', 'x'.repeat(31), /at least 32 characters \(it has 31\)/],
    ['a space inside', `${'x'.repeat(20)} ${'y'.repeat(20)}`, /visible ASCII/],
  ])('refuses %s', (_name, token, why) => {
    expect(adminTokenProblem(token)).toMatch(why);
  });

  it('accepts what `openssl rand -base64 32` prints (44 characters)', () => {
    expect(adminTokenProblem('3q2+7w/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789=')).toBeUndefined();
  });

  it('holds for the tokens Herald issues (they stay >= 32 characters)', async () => {
    const issued = await makeTokenService({ tokens: new InMemoryTokenStore(), clock: () => new Date(0) }).issue(
      { subject: 'e@example.org', role: 'editor' },
      { subject: 'admin', role: 'admin' },
    );

    expect(issued.token.length).toBeGreaterThanOrEqual(MIN_ADMIN_TOKEN_LENGTH);
    expect(adminTokenProblem(issued.token)).toBeUndefined();
  });
});

describe('the CLI', () => {
  it('refuses a HERALD_TOKEN that no server would accept, naming it, without a request', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (s: string) => err.push(s), isTty: false };

    const code = await main(['list'], { HERALD_URL: 'http://127.0.0.1:9', HERALD_TOKEN: 'change-me-0123456789abcdef' }, io);

    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/herald: HERALD_TOKEN is the example value from the README/);
  });
});
