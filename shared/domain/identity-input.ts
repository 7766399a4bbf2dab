import './zod-english';
import * as z from 'zod/mini';

/**
 * The identity routes' request bodies, parsed once at the edge. Apart from
 * shared/domain/identity.ts so the authorizer, which reads cookies and
 * sessions but parses no body, bundles no zod.
 */
const Name = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100, 'must be at most 100 characters'));
const Token = z.string().check(z.minLength(16, 'is not an invitation token'), z.maxLength(200, 'is not an invitation token'));
/** A WebAuthn response as JSON; the ceremony itself checks its content (a failure is a 400 or 401 naming `response`). */
const CredentialJson = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(1400)),
  rawId: z.string().check(z.maxLength(1400)),
  type: z.literal('public-key'),
  response: z.looseObject({}),
});

/** POST /api/invitations. */
export const InvitationInput = z.strictObject({ name: Name, role: z.enum(['editor', 'admin']) });
export type InvitationInput = z.infer<typeof InvitationInput>;
/** POST /api/auth/register/options. */
export const RegisterOptionsInput = z.strictObject({ invitation: Token });
/** POST /api/auth/register. */
export const RegisterInput = z.strictObject({ invitation: Token, response: CredentialJson });
/** POST /api/auth/login/options. */
export const LoginOptionsInput = z.strictObject({});
/** POST /api/auth/login. */
export const LoginInput = z.strictObject({ challengeId: z.uuid(), response: CredentialJson });
