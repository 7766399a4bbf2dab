import type { HeraldConfig } from '../../shared/config';
import { wireIdentity } from '../../shared/wiring/identity';

/**
 * One-click first admin for `npm start`: while nobody has a passkey, a fresh
 * admin invitation (72 h, one use) whose URL main.ts prints; undefined once
 * someone can sign in (then admins invite others, or `herald invite`).
 */
export async function firstAdminInvitation(config: HeraldConfig): Promise<string | undefined> {
  const identity = wireIdentity(config);
  if (await identity.people.anyPasskey()) return undefined;
  const created = await identity.invitations.create({ name: 'First admin', role: 'admin' }, { subject: 'npm start', role: 'admin' });
  return created.url;
}
