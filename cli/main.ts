import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { adminTokenProblem } from '../shared/domain/admin-token';
import { ApiError, makeClient, type Client } from './client';
import { FileFormatError, announcementFromMarkdown } from './front-matter';
import type { Io } from './io';
import { summaryOf, waitForRebuild } from './rebuild-progress';
import { redirectsCommand } from './redirects';
import { exportCommand } from './import/export-command';
import { importCommand, type ImportOptions } from './import/import-command';

/** The package's version, kept in step with package.json by test/e2e/node-runtime.test.ts. */
export const HERALD_VERSION = '0.1.0';

/** Where the CLI writes; tests pass their own. */

const USAGE = `usage: herald <command>

  post FILE.md                 create from Markdown with YAML front matter
  edit ID FILE.md              replace (If-Match: the current version, or --if-match)
  retract ID                   take it out of every feed
  show ID                      print one announcement as JSON
  history ID                   print its changes
  list [--status S] [--tag T] [--language L] [--from T] [--to T] [--limit N] [--all]
  invite NAME --role editor|admin   print a one-use sign-up URL (valid 72 hours)
  tokens create SUBJECT --role editor|admin
  tokens list
  tokens revoke ID
  rebuild                      re-render every feed and report what changed
  redirects list               print every redirect from the old site as "from -> to"
  import SOURCE [--dry-run] [--language L] [--tag T]... [--status draft|published]
         [--no-rehost] [--max-media N] [--old-site ORIGIN]
                               bring in a feed (URL or file: RSS, Atom, JSON Feed,
                               WordPress WXR, a Herald export) with its ids and dates
  export FILE                  write every announcement as JSON Lines
  version                      print the CLI's version and the Node.js it runs on

environment: HERALD_URL (e.g. http://localhost:3000), HERALD_TOKEN`;

/** Thrown for a mistake on the command line; answered with the usage and exit code 2. */
class UsageError extends Error {}

/** Runs one command; resolves to the process exit code (0 ok, 1 failed, 2 usage). */
export async function main(argv: string[], env: NodeJS.ProcessEnv, io: Io = stdio()): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    if (command === 'version' || command === '--version') {
      // The project's Node 24 (node@24 devDependency) when run as `npx herald` or through npm.
      io.out(`herald ${HERALD_VERSION} (Node ${process.version})`);
      return 0;
    }
    const url = env.HERALD_URL;
    const token = env.HERALD_TOKEN;
    if (!url || !/^https?:\/\//.test(url)) throw new UsageError('set HERALD_URL to the server, e.g. http://localhost:3000');
    if (!token) throw new UsageError('set HERALD_TOKEN to your API token');
    // Issued tokens have 47 characters and a bootstrap token 32+: anything else cannot be one.
    const problem = adminTokenProblem(token);
    if (problem) throw new UsageError(`HERALD_TOKEN ${problem}`);
    const api = makeClient({ baseUrl: url, token });
    return (await run(api, command, rest, io)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`herald: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(describe(err));
    return 1;
  }
}

async function run(api: Client, command: string, args: string[], io: Io): Promise<number | void> {
  switch (command) {
    case 'post': {
      const [file] = positional(args, 1, 'post FILE.md');
      // One key per invocation: the client's retries after a lost answer cannot duplicate.
      const res = await api('POST', '/api/announcements', {
        body: await readAnnouncement(file!),
        headers: { 'idempotency-key': randomUUID() },
      });
      io.out(`created ${res.body.id} (${res.body.status}, v${res.body.version}) ${res.body.slug}`);
      return;
    }
    case 'edit': {
      const { values, positionals } = parse(args, { 'if-match': { type: 'string' } });
      const [id, file] = exactly(positionals, 2, 'edit ID FILE.md');
      const body = await readAnnouncement(file!);
      const ifMatch = values['if-match'] ?? (await currentEtag(api, id!));
      const res = await api('PUT', `/api/announcements/${enc(id!)}`, { body, headers: { 'if-match': ifMatch } });
      io.out(`updated ${id} to v${res.body.version} (${res.body.status})`);
      return;
    }
    case 'retract': {
      const { values, positionals } = parse(args, { 'if-match': { type: 'string' } });
      const [id] = exactly(positionals, 1, 'retract ID');
      const ifMatch = values['if-match'] ?? (await currentEtag(api, id!));
      const res = await api('DELETE', `/api/announcements/${enc(id!)}`, { headers: { 'if-match': ifMatch } });
      io.out(`retracted ${id} (v${res.body.version})`);
      return;
    }
    case 'show': {
      const [id] = positional(args, 1, 'show ID');
      io.out(JSON.stringify((await api('GET', `/api/announcements/${enc(id!)}`)).body, null, 2));
      return;
    }
    case 'history': {
      const [id] = positional(args, 1, 'history ID');
      const items = (await api('GET', `/api/announcements/${enc(id!)}/history`)).body.items as Record<string, unknown>[];
      for (const h of items) io.out(`v${h.version}\t${h.at}\t${h.action}\t${h.by}\t${(h.changed as string[]).join(', ')}`);
      return;
    }
    case 'list':
      return list(api, args, io);
    case 'tokens':
      return tokens(api, args, io);
    case 'redirects':
      if (!(await redirectsCommand(api, args, io))) throw new UsageError('redirects list');
      return;
    case 'invite': {
      const { values, positionals } = parse(args, { role: { type: 'string' } });
      const [name] = exactly(positionals, 1, 'invite NAME --role editor|admin');
      if (values.role !== 'editor' && values.role !== 'admin') throw new UsageError('invite needs --role editor or --role admin');
      const res = await api('POST', '/api/invitations', { body: { name, role: values.role } });
      io.out(`invitation for ${name} (${values.role}), one use, until ${res.body.expiresAt}; send this URL to them:`);
      io.out(String(res.body.url));
      return;
    }
    case 'rebuild': {
      exactly(args, 0, 'rebuild');
      const accepted = await api('POST', '/api/feeds/rebuild');
      const started = Date.now();
      const done = await waitForRebuild(api, accepted.headers.get('location') ?? '', io);
      const s = summaryOf(done);
      io.out(`rebuilt ${s.feeds} feeds: ${s.written} files written, ${s.unchanged} unchanged`);
      io.out(`time: ${s.seconds !== undefined ? `${s.seconds.toFixed(1)} s in the publisher, ` : ''}${((Date.now() - started) / 1000).toFixed(1)} s here`);
      // The stored report lists the first keys only; the counts above are complete.
      for (const key of done.report!.written) io.out(`  wrote ${key}`);
      return;
    }
    case 'import':
      return importCommand(api, importOptions(args), io);
    case 'export': {
      const [file] = positional(args, 1, 'export FILE');
      return exportCommand(api, file!, io);
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function importOptions(args: string[]): ImportOptions {
  const { values, positionals } = parse(args, {
    'dry-run': { type: 'boolean' }, language: { type: 'string' }, tag: { type: 'string', multiple: true }, status: { type: 'string' },
    rehost: { type: 'boolean' }, 'no-rehost': { type: 'boolean' }, 'max-media': { type: 'string' }, 'old-site': { type: 'string' },
  });
  const [source] = exactly(positionals, 1, 'import SOURCE [options]');
  const status = values.status ?? 'published';
  if (status !== 'draft' && status !== 'published') throw new UsageError('--status must be draft or published');
  const maxMedia = Number(values['max-media'] ?? 500);
  if (!Number.isInteger(maxMedia) || maxMedia < 0) throw new UsageError('--max-media must be a whole number');
  if (values['old-site'] !== undefined && !/^https?:\/\/[^/]+\/?$/.test(values['old-site'])) throw new UsageError('--old-site must be an origin such as https://old.example.org');
  return {
    source: source!, dryRun: values['dry-run'] ?? false, language: values.language, tags: values.tag ?? [], status,
    rehost: !values['no-rehost'], maxMedia, ...(values['old-site'] ? { oldSite: values['old-site'] } : {}),
  };
}

async function list(api: Client, args: string[], io: Io): Promise<void> {
  const options = { status: { type: 'string' }, tag: { type: 'string' }, language: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, all: { type: 'boolean' } } as const;
  const { values, positionals } = parse(args, options);
  exactly(positionals, 0, 'list [options]');
  const { all, ...filters } = values;
  const query = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'));
  let cursor: string | undefined;
  do {
    if (cursor) query.set('cursor', cursor);
    const page = (await api('GET', `/api/announcements?${query}`)).body;
    for (const a of page.items as Record<string, unknown>[]) {
      io.out(`${a.id}\t${a.status}\tv${a.version}\t${a.createdAt}\t${a.title}`);
    }
    cursor = all ? (page.cursor as string | undefined) : undefined;
    if (!all && page.cursor) io.err('(more: --all for every page)');
  } while (cursor);
}

async function tokens(api: Client, args: string[], io: Io): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values, positionals } = parse(rest, { role: { type: 'string' } });
    const [subject] = exactly(positionals, 1, 'tokens create SUBJECT --role editor|admin');
    if (!values.role) throw new UsageError('tokens create needs --role editor or --role admin');
    const res = await api('POST', '/api/tokens', { body: { subject, role: values.role } });
    io.out(`token ${res.body.id} for ${res.body.subject} (${res.body.role}); the secret is shown only now:`);
    io.out(String(res.body.token));
  } else if (sub === 'list') {
    exactly(rest, 0, 'tokens list');
    for (const t of (await api('GET', '/api/tokens')).body.items as Record<string, unknown>[]) {
      io.out(`${t.id}\t${t.role}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'active'}\t${t.subject}`);
    }
  } else if (sub === 'revoke') {
    const [id] = exactly(rest, 1, 'tokens revoke ID');
    const res = await api('DELETE', `/api/tokens/${enc(id!)}`);
    io.out(`revoked ${id} (${res.body.subject}) at ${res.body.revokedAt}`);
  } else {
    throw new UsageError('tokens create|list|revoke');
  }
}

async function currentEtag(api: Client, id: string): Promise<string> {
  return (await api('GET', `/api/announcements/${enc(id)}`)).headers.get('etag') ?? '*';
}

async function readAnnouncement(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new FileFormatError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return announcementFromMarkdown(text);
  } catch (err) {
    if (err instanceof FileFormatError) throw new FileFormatError(`${file}: ${err.message}`);
    throw err;
  }
}

function parse<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>({
      args,
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function positional(args: string[], n: number, usage: string): string[] {
  return exactly(parse(args, {}).positionals, n, usage);
}

function exactly(values: string[], n: number, usage: string): string[] {
  if (values.length !== n) throw new UsageError(`usage: herald ${usage}`);
  return values;
}

const enc = encodeURIComponent;

/** One clear message per failure: what the API said, and which fields it named. */
function describe(err: unknown): string {
  if (err instanceof ApiError) {
    const head = err.status ? `herald: ${err.status} ${err.code}: ${err.message}` : `herald: ${err.message}`;
    return [head, ...err.details.map((d) => `  ${d.path}: ${d.message}`)].join('\n');
  }
  if (err instanceof FileFormatError) return `herald: ${err.message}`;
  return `herald: ${err instanceof Error ? err.message : String(err)}`;
}

function stdio(): Io {
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    isTty: Boolean(process.stderr.isTTY),
  };
}
