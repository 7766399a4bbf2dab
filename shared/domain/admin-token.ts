/**
 * What a bootstrap admin token must be. The bootstrap token opens every admin
 * route, so a short one or the README's example value (which anyone can read)
 * is refused wherever it is accepted: `npm start`, the CLI and the verifier.
 */

/** The fewest characters a bootstrap admin token may have (`openssl rand -base64 32` gives 44). */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/** Example values published in the README and its history: known to everyone, so never a secret. */
export const PUBLISHED_EXAMPLE_TOKENS: readonly string[] = ['change-me-0123456789abcdef'];

/** Why `token` cannot be a bootstrap admin token, or undefined when it can. */
export function adminTokenProblem(token: string): string | undefined {
  if (PUBLISHED_EXAMPLE_TOKENS.includes(token)) {
    return 'is the example value from the README; generate one with `openssl rand -base64 32`';
  }
  if (!/^[\x21-\x7e]+$/.test(token)) return 'must be visible ASCII characters only (no spaces)';
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    return `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (it has ${token.length}); generate one with \`openssl rand -base64 32\``;
  }
  if (token.length > 512) return 'must be at most 512 characters';
  return undefined;
}
