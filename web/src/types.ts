import type { Announcement } from '../../shared/domain/announcement';
import type { Media } from '../../shared/domain/media';

/**
 * Shapes the API answers with, as the editor reads them. The announcement type
 * is the API's own (shared/domain), so a renamed field fails the type check here.
 */
export type { Announcement };
export type User = { id: string; name: string; role: 'admin' | 'editor' };
export type Me = { user: User; session: { id: string; expiresAt: string } | null };
export type Page<T> = { items: T[]; cursor?: string };
export type HistoryEntry = { version: number; action: string; by: string; at: string; changed: string[] };
export type ReviewLink = { id: string; url?: string; expiresAt: string; createdAt?: string };
export type { Media, MediaFile } from '../../shared/domain/media';
export type Preview = {
  html: string;
  socialText: string;
  card: { title: string; description: string; url: string; image?: { url: string; width: number; height: number; alt: string } };
};
export type Invitation = { id: string; name: string; role: string; createdAt: string; createdBy: string; expiresAt: string; usedAt?: string; revokedAt?: string };
export type UserDetail = User & {
  createdAt: string;
  passkeys: { id: string; createdAt: string; lastUsedAt?: string }[];
  sessions: { id: string; createdAt: string; lastSeenAt: string; expiresAt: string }[];
};
