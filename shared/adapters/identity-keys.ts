import { INDEX_PARTITIONS, KEY_PREFIXES } from '../table-definition';

/**
 * Where identity items live. Users, passkeys and sessions also sit under gsi1
 * 'USER' sorted by user id, so the admin's list of people is one Query; an
 * invitation sits under gsi1 'INVITE', newest first.
 */
export const USER = 'user';
export const PASSKEY = 'passkey';
export const SESSION = 'session';
export const INVITATION = 'invitation';
export const CHALLENGE = 'challenge';

export const userKey = (id: string) => ({ pk: `${KEY_PREFIXES.user}${id}`, sk: 'U' });
export const userIndex = (id: string) => ({ gsi1pk: INDEX_PARTITIONS.users, gsi1sk: `${id}#U` });
export const passkeyKey = (credentialId: string) => ({ pk: `${KEY_PREFIXES.passkey}${credentialId}`, sk: 'P' });
export const passkeyIndex = (userId: string, credentialId: string) => ({ gsi1pk: INDEX_PARTITIONS.users, gsi1sk: `${userId}#P#${credentialId}` });
export const sessionKey = (sha256: string) => ({ pk: `${KEY_PREFIXES.session}${sha256}`, sk: 'S' });
export const sessionIndex = (userId: string, id: string) => ({ gsi1pk: INDEX_PARTITIONS.users, gsi1sk: `${userId}#S#${id}` });
export const invitationKey = (sha256: string) => ({ pk: `${KEY_PREFIXES.invitation}${sha256}`, sk: 'I' });
export const invitationIndex = (createdAt: string, id: string) => ({ gsi1pk: INDEX_PARTITIONS.invitations, gsi1sk: `${createdAt}#${id}` });
export const challengeKey = (id: string) => ({ pk: `${KEY_PREFIXES.challenge}${id}`, sk: 'C' });

/** An item's own fields: never its keys or type. */
export function fieldsOf<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, type: _t, ...rest } = item;
  return rest as T;
}
