import type { FormState } from './form-model';

/**
 * Unsaved edits kept in this browser's localStorage, one entry per
 * announcement ("new" for one not yet created), with the ETag they were
 * based on, so a reload restores them and a save clears them.
 */
export type StoredDraft = { form: FormState; etag?: string; savedAt: string };

const key = (id: string | undefined) => `herald.draft.${id ?? 'new'}`;

/** The stored edits of an announcement, if any. */
export function loadDraft(id: string | undefined): StoredDraft | undefined {
  try {
    const raw = localStorage.getItem(key(id));
    return raw ? (JSON.parse(raw) as StoredDraft) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the current edits. */
export function storeDraft(id: string | undefined, form: FormState, etag: string | undefined): void {
  try {
    localStorage.setItem(key(id), JSON.stringify({ form, etag, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: edits then live only in the page.
  }
}

/** Forgets them (after a save, or when the editor discards them). */
export function clearDraft(id: string | undefined): void {
  try {
    localStorage.removeItem(key(id));
  } catch {
    // nothing to clear
  }
}
