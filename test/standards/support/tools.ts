import { spawnSync } from 'node:child_process';
import { afterAll } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeGated } from './tool-gate';

/**
 * The Debian tools the standards tests run feeds through. A test that needs
 * one skips, loudly, when the tool is absent on a developer's machine, and
 * fails when `CI` is set (tool-gate.ts); CI (.ci/run) installs them all.
 */
export const TOOLS = {
  jing: '/usr/bin/jing',
  xmllint: '/usr/bin/xmllint',
  python: '/usr/bin/python3',
  newsboat: '/usr/bin/newsboat',
  sqlite3: '/usr/bin/sqlite3',
  feed2toot: '/usr/bin/feed2toot',
  chromium: '/usr/bin/chromium',
} as const;

export const HERE = dirname(fileURLToPath(import.meta.url));
export const SCHEMAS = join(HERE, '..', 'schemas');

function feedparserPresent(): boolean {
  if (!existsSync(TOOLS.python)) return false;
  return spawnSync(TOOLS.python, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0;
}

const present = {
  jing: () => existsSync(TOOLS.jing),
  xmllint: () => existsSync(TOOLS.xmllint),
  feedparser: feedparserPresent,
  newsboat: () => existsSync(TOOLS.newsboat) && existsSync(TOOLS.sqlite3),
  feed2toot: () => existsSync(TOOLS.feed2toot),
  chromium: () => existsSync(TOOLS.chromium),
  lxml: () => existsSync(TOOLS.python) && spawnSync(TOOLS.python, ['-c', 'import lxml.etree'], { stdio: 'ignore' }).status === 0,
};

/** Whether each tool is installed (newsboat also needs sqlite3 to read its cache). */
export const toolPresent = (tool: keyof typeof present): boolean => present[tool]();

/** `describe` when the tool is installed; otherwise a loud skip, or a failure when CI is set. */
export function describeWith(tool: keyof typeof present, name: string, body: () => void): void {
  describeGated(tool, present[tool](), name, body);
}

/** Folders writeTemp made for this test file: the tools read them synchronously, so they go when the file is done. */
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes files (relative key -> body) under a fresh temporary folder, removed after the test file; returns their paths. */
export function writeTemp(files: { key: string; body: string }[]): { dir: string; paths: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'herald-standards-'));
  temps.push(dir);
  const paths = files.map((f) => {
    const path = join(dir, f.key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.body);
    return path;
  });
  return { dir, paths };
}

/** Runs jing on the Atom RELAX NG schema (RFC 4287 Appendix B); returns its error lines. */
export function jingErrors(paths: string[]): string[] {
  const r = spawnSync(TOOLS.jing, ['-c', join(SCHEMAS, 'atom.rnc'), ...paths], { encoding: 'utf8' });
  const errors = `${r.stdout}`.split('\n').filter((l) => l.trim());
  if (r.status !== 0 && errors.length === 0) errors.push(`jing exited ${r.status}: ${r.stderr}`);
  return errors;
}

/** Strict well-formedness with xmllint; returns its complaints (empty when well-formed). */
export function xmllintErrors(paths: string[]): string {
  const r = spawnSync(TOOLS.xmllint, ['--noout', '--nonet', ...paths], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr || `xmllint exited ${r.status}`;
}

export type ParsedEntry = {
  id: string | null;
  title: string | null;
  title_type: string | null;
  link: string | null;
  published: string | null;
  updated: string | null;
  summary: string | null;
  content: string[];
  tags: { term: string; scheme: string | null }[];
  authors: string[];
  enclosures: { href: string; type?: string; length?: string }[];
  media_content: Record<string, string>[];
  media_credit: string[];
};
export type ParsedFeed = {
  bozo: number;
  bozo_exception: string;
  version: string;
  feed: { title: string | null; language: string | null; links: { rel: string; href: string }[]; updated: string | null };
  entries: ParsedEntry[];
};

/** Runs one of the feedparser scripts beside this file over `paths`; its JSON, keyed by path. */
function runFeedparser<T>(script: string, paths: string[]): Record<string, T> {
  const r = spawnSync(TOOLS.python, [join(HERE, script), ...paths], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`feedparser failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, T>;
}

/** What python3-feedparser makes of each file, keyed by path: the fields Herald's tests read. */
export function feedparser(paths: string[]): Record<string, ParsedFeed> {
  return runFeedparser<ParsedFeed>('feedparser-dump.py', paths);
}

/** Everything python3-feedparser read from each file (every feed and entry key), for field-by-field comparisons. */
export function feedparserAll<T>(paths: string[]): Record<string, T> {
  return runFeedparser<T>('feedparser-all.py', paths);
}
