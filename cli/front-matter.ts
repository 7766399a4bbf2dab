import { parse } from 'yaml';

/** Thrown for a Markdown file the CLI cannot turn into an announcement. */
export class FileFormatError extends Error {
  override readonly name = 'FileFormatError';
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * A Markdown file with YAML front matter as the admin API's request body: the
 * front matter's keys become fields (title, summary, tags, language, status,
 * publishAt, images, attachments, authors, slug, canonicalUrl) and the rest of
 * the file becomes `body`. Fields are checked by the API, which names any bad one.
 */
export function announcementFromMarkdown(text: string): Record<string, unknown> {
  const source = text.replace(/^\uFEFF/, '');
  const match = FENCE.exec(source);
  if (!match) throw new FileFormatError('the file must start with YAML front matter between two --- lines');
  let meta: unknown;
  try {
    // YAML 1.2 core schema: times such as publishAt stay strings, exactly as written.
    meta = parse(match[1] ?? '', { schema: 'core' });
  } catch (err) {
    throw new FileFormatError(`the front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  meta ??= {};
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new FileFormatError('the front matter must be a YAML mapping (key: value lines)');
  if ('body' in meta) throw new FileFormatError('put the body below the front matter, not in a body: key');
  const body = source.slice(match[0].length).replace(/^\s*\n/, '').replace(/\s+$/, '');
  return { ...(meta as Record<string, unknown>), body };
}
