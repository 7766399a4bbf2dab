import fc from 'fast-check';

/**
 * The hostile-input corpus: hand-written requests for every known trick
 * (wrong shapes, forbidden characters, injection, traversal, header
 * injection, invalid UTF-8, oversize bodies) plus seeded generated bodies.
 * Ids in paths are placeholders ({ann}, {tok}, {reb}) filled with real ids.
 */
export type HostileRequest = {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as is (already serialised); base64 when `base64` is set. */
  body?: string;
  base64?: boolean;
  query?: Record<string, string>;
  /** Sent without the admin token (the caller gets a bad-token header instead, if any). */
  anonymous?: boolean;
};

/** Characters XML 1.0 cannot carry, XML specials, CDATA ends, bidi and the like. */
export const HOSTILE_STRINGS: string[] = [
  '\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u001F',
  'lone high \uD800 and low \uDFFF surrogates',
  'non-chars \uFFFE\uFFFF and \u007F DEL \u0085 NEL \u2028 LS \u2029 PS',
  ']]>',
  'a ]]> in the middle ]]]]><![CDATA[>',
  '<![CDATA[ evil ]]>',
  '& &amp; &#0; &#x0; &#xFFFE; &#55296; &#1114112; &lt; &bogus; &',
  '< > " \' &',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
  '<!-- comment --> -- <!--',
  '\u202E\u202B right-to-left override \u200F\u200E\uFEFF',
  'Zalgo: Z̷̢̛͓̗̮̈́̊a̸̰̋l̴̰̓g̵̜̅o̸̤͒',
  '🇨🇭💣🚫👩🏽‍💻',
  '\r\nX-Injected: yes\r\n\r\n<html>',
  '%00%0d%0a../../etc/passwd',
  'javascript:alert(document.cookie)',
  '{{constructor.constructor("alert(1)")()}} ${7*7} <%= 7*7 %>',
  '__proto__',
];

/** Markdown bodies that try to smuggle script or bad URLs through the Markdown step. */
export const HOSTILE_MARKDOWN: string[] = [
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java&#x09;script:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![img](javascript:alert(1))',
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<form action="https://evil.example"><input name=x></form>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '```\n]]> </description> <![CDATA[\n```',
  '<![CDATA[ ]]> ]]> ]]>',
  '&#0; &#x0; &#xFFFE; &#xD800; &#55296; &#1114112; &#x110000;',
  '&#x1; &#x8; &#xB; &#x1F; &#x7F;',
  '<p title="&#0;">x</p>',
  '[a](https://example.org/"onmouseover="alert(1))',
  '<a href="https://example.org/&#0;">nul in href</a>',
  '<img src="https://example.org/x.png" alt="&#0;]]>">',
  '<a href="  javascript:alert(1)">spaces</a>',
  '<a href="&#106;avascript:alert(1)">entity-encoded scheme</a>',
  '> quote\n>> ]]>\n\n- list ]]>\n\n| a | b |\n|---|---|\n| ]]> | <x> |',
  '<details open ontoggle=alert(1)>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
];

export const HOSTILE_URLS: string[] = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:image/png;base64,iVBORw0KGgo=',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x',
  '/relative/path',
  'http://',
  'https://example.org/\u0000nul',
  ' https://example.org/leading-space',
  'https://example.org/trailing\n',
  'https://example.org/"onmouseover="alert(1)',
  'https://example.org/]]>?a=<b>&c="d"',
  'https://user:pass@example.org/x',
  `https://example.org/${'a'.repeat(2100)}`,
  'https://exa mple.org/',
  'mailto:press@example.org',
];

export const TRAVERSAL: string[] = ['..', '../..', '../../etc/passwd', 'a/b', 'a\\b', '%2e%2e', '%2e%2e%2f', '.', 'CON', 'a b', 'A', '-a', 'a--b', 'a-', '\u0000', 'é', 'x'.repeat(101)];

const base = { title: 'Hostile input test', language: 'en', status: 'published', tags: ['hostile'] };
const json = (v: unknown) => JSON.stringify(v);
const post = (name: string, body: unknown, extra: Partial<HostileRequest> = {}): HostileRequest => ({
  name,
  method: 'POST',
  path: '/api/announcements',
  body: typeof body === 'string' ? body : json(body),
  ...extra,
});

export function handWrittenCorpus(): HostileRequest[] {
  const out: HostileRequest[] = [];
  const shapes = ['null', '1', '"a string"', '[]', 'true', '{', '{"title":', '', ' ', 'NaN', '{"a":1}{"b":2}', '\u0000', '[{"title":"x","language":"en"}]', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, `${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`];
  for (const [i, shape] of shapes.entries()) {
    out.push(post(`shape ${i} to POST announcements`, shape));
    out.push({ name: `shape ${i} to PUT announcement`, method: 'PUT', path: '/api/announcements/{ann}', body: shape, headers: { 'if-match': '*' } });
    out.push({ name: `shape ${i} to POST tokens`, method: 'POST', path: '/api/tokens', body: shape });
  }

  const wrong: unknown[] = [null, 0, -1, 1.5, true, [], {}, 'x'.repeat(70_000), [null], [{}], { $ne: null }];
  const fields = ['title', 'summary', 'body', 'language', 'tags', 'authors', 'images', 'attachments', 'slug', 'canonicalUrl', 'status', 'publishAt'];
  for (const field of fields) for (const [i, value] of wrong.entries()) out.push(post(`wrong type ${i} for ${field}`, { ...base, [field]: value }));
  out.push(post('unknown field', { ...base, isAdmin: true }));
  out.push(post('prototype pollution', `{"title":"x","language":"en","__proto__":{"polluted":1},"constructor":{"prototype":{"p":1}}}`));
  out.push(post('status retracted is not for clients', { ...base, status: 'retracted' }));
  out.push(post('publishAt without scheduled', { ...base, publishAt: '2026-01-01T00:00:00Z' }));
  for (const when of ['2026-02-30T09:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T09:00:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', '+275760-09-13T00:00:00Z', '2026-01-01T09:00:00+99:99', '2026-01-01T09:00:00.123456789Z', 'yesterday']) {
    out.push(post(`publishAt ${when}`, { ...base, status: 'scheduled', publishAt: when }));
  }

  const textFields: [string, (s: string) => unknown][] = [
    ['title', (s) => ({ ...base, title: `T ${s}` })],
    ['summary', (s) => ({ ...base, summary: s })],
    ['body', (s) => ({ ...base, body: s })],
    ['author name', (s) => ({ ...base, authors: [{ name: `A ${s}` }] })],
    ['image alt/caption/credit', (s) => ({ ...base, images: [{ url: 'https://example.org/i.png', alt: s, caption: s, credit: s }] })],
    ['attachment title', (s) => ({ ...base, attachments: [{ url: 'https://example.org/a.pdf', title: `D ${s}`, type: 'application/pdf' }] })],
  ];
  for (const [field, make] of textFields) for (const [i, s] of HOSTILE_STRINGS.entries()) out.push(post(`hostile string ${i} in ${field}`, make(s)));
  for (const [i, md] of HOSTILE_MARKDOWN.entries()) out.push(post(`hostile markdown ${i}`, { ...base, summary: md, body: md }));

  const urlFields: [string, (u: string) => unknown][] = [
    ['canonicalUrl', (u) => ({ ...base, canonicalUrl: u })],
    ['image url', (u) => ({ ...base, images: [{ url: u, alt: 'x' }] })],
    ['attachment url', (u) => ({ ...base, attachments: [{ url: u, title: 'x', type: 'application/pdf' }] })],
    ['author url', (u) => ({ ...base, authors: [{ name: 'x', url: u }] })],
  ];
  for (const [field, make] of urlFields) for (const [i, u] of HOSTILE_URLS.entries()) out.push(post(`hostile url ${i} in ${field}`, make(u)));
  for (const email of ['a@b', '"<script>"@example.org', 'x@example.org\r\nBcc: y@example.org', 'a@[127.0.0.1]']) {
    out.push(post(`author email ${json(email)}`, { ...base, authors: [{ name: 'x', email }] }));
  }
  for (const type of ['text/html', 'image/jpg', 'application/pdf\r\nX: y', '../../x', 'a/b"c']) {
    out.push(post(`attachment type ${json(type)}`, { ...base, attachments: [{ url: 'https://example.org/a', title: 'x', type }] }));
  }

  for (const t of TRAVERSAL) {
    out.push(post(`slug ${json(t)}`, { ...base, slug: t }));
    out.push(post(`tag ${json(t)}`, { ...base, tags: [t] }));
    out.push(post(`language ${json(t)}`, { ...base, language: t }));
  }
  out.push(post('language with path', { ...base, language: 'en-GB/../../x' }));
  out.push(post('21 tags', { ...base, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }));
  out.push(post('duplicate tags', { ...base, tags: ['a', 'a'] }));

  // Size: just under and over the 256 KB limit, and the largest bodies that validate.
  out.push(post('300 KB body', { ...base, body: 'x'.repeat(300_000) }));
  out.push(post('255 KB of unknown field', { ...base, pad: 'x'.repeat(255_000) }));
  out.push(post('60000 quotes (Markdown escapes each as &quot;)', { ...base, body: '"'.repeat(60_000) }));
  out.push(post('60000 ampersands', { ...base, body: '&'.repeat(60_000) }));
  out.push(post('30000 emoji', { ...base, body: '💣'.repeat(30_000) }));
  out.push(post('20 tags and a 40000-character body', { ...base, tags: Array.from({ length: 20 }, (_, i) => `big${i}`), body: '&'.repeat(40_000) }));
  out.push(post('20 tags and 60000 emoji-free markdown list', { ...base, tags: Array.from({ length: 20 }, (_, i) => `list${i}`), body: '- a\n'.repeat(15_000) }));
  out.push(post('10 images, 20 attachments, 10 authors, all maximal', {
    ...base,
    summary: '<'.repeat(2000),
    images: Array.from({ length: 10 }, (_, i) => ({ url: `https://example.org/${i}`, alt: '&'.repeat(500), caption: '<'.repeat(1000), credit: '>'.repeat(300) })),
    attachments: Array.from({ length: 20 }, (_, i) => ({ url: `https://example.org/${i}.pdf`, title: '"'.repeat(300), type: 'application/pdf' })),
    authors: Array.from({ length: 10 }, () => ({ name: "'".repeat(200) })),
  }));

  // Invalid UTF-8 and other bytes, base64-encoded as API Gateway delivers binary bodies.
  const bytes: [string, number[]][] = [
    ['lone continuation byte', [0x80]],
    ['truncated sequence', [0xe2, 0x82]],
    ['overlong slash', [0xc0, 0xaf]],
    ['CESU surrogate', [0xed, 0xa0, 0x80]],
    ['0xFF 0xFE', [0xff, 0xfe]],
    ['UTF-16 BOM', [0xfe, 0xff]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ];
  for (const [what, b] of bytes) {
    const inside = Buffer.concat([Buffer.from('{"title":"'), Buffer.from(b), Buffer.from('","language":"en"}')]);
    out.push(post(`invalid UTF-8 (${what}) in title`, inside.toString('base64'), { base64: true }));
  }
  out.push(post('UTF-8 BOM then JSON', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json(base))]).toString('base64'), { base64: true }));
  out.push(post('UTF-16LE JSON', Buffer.from(json(base), 'utf16le').toString('base64'), { base64: true }));
  out.push(post('not base64 at all', '!!!%%%', { base64: true }));

  // Content types.
  for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/evil+json', 'application/json\r\nX-Injected: 1', '']) {
    out.push(post(`content-type ${json(type)}`, base, { headers: { 'content-type': type } }));
  }

  // Header injection and odd headers.
  for (const key of ['a\r\nX-Injected: 1', 'a\nb', '', ' ', 'k'.repeat(256), 'ключ', '\u0000', 'valid-key-but-\u007f']) {
    out.push(post(`Idempotency-Key ${json(key.slice(0, 40))}`, base, { headers: { 'idempotency-key': key } }));
  }
  for (const ifMatch of ['"v1"\r\nX-Injected: 1', '', '*, "v999"', 'W/"v1"', '"v1"'.repeat(5000), '\u0000', '"v-1"', '"v1e308"']) {
    out.push({ name: `If-Match ${json(ifMatch.slice(0, 40))} on PUT`, method: 'PUT', path: '/api/announcements/{ann}', body: json(base), headers: { 'if-match': ifMatch } });
    out.push({ name: `If-Match ${json(ifMatch.slice(0, 40))} on DELETE`, method: 'DELETE', path: '/api/announcements/{ann-doomed}', headers: { 'if-match': ifMatch } });
  }
  for (const auth of ['Bearer', 'Bearer ' + 'A'.repeat(100_000), 'Bearer \u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000', 'Bearer ' + 'ä'.repeat(20), 'bearer    hrd_wrongwrongwrongwrong', 'Bearer hrd_x\r\nX-Injected: 1', 'Token hrd_aaaaaaaaaaaaaaaaaaaaaa', "Bearer ' OR '1'='1' --        "]) {
    for (const [method, path] of [['POST', '/api/announcements'], ['GET', '/api/tokens'], ['POST', '/api/feeds/rebuild'], ['DELETE', '/api/tokens/{tok}']] as const) {
      out.push({ name: `bad authorization ${json(auth.slice(0, 30))} on ${method} ${path}`, method, path, anonymous: true, headers: { authorization: auth }, ...(method === 'POST' ? { body: json(base) } : {}) });
    }
  }

  // Paths: traversal and junk in every id position.
  const ids = ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%', '%ZZ', '%00', '%0d%0aX-Injected:%201', '<script>', 'a'.repeat(5000), '00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-00000000000G', '%F0%9F%92%A3', '%C0%AF', '..;', '*'];
  for (const id of ids) {
    out.push({ name: `GET announcement ${id.slice(0, 30)}`, method: 'GET', path: `/api/announcements/${id}` });
    out.push({ name: `GET history ${id.slice(0, 30)}`, method: 'GET', path: `/api/announcements/${id}/history` });
    out.push({ name: `PUT announcement ${id.slice(0, 30)}`, method: 'PUT', path: `/api/announcements/${id}`, body: json(base), headers: { 'if-match': '*' } });
    out.push({ name: `DELETE announcement ${id.slice(0, 30)}`, method: 'DELETE', path: `/api/announcements/${id}`, headers: { 'if-match': '*' } });
    out.push({ name: `DELETE token ${id.slice(0, 30)}`, method: 'DELETE', path: `/api/tokens/${id}` });
    out.push({ name: `GET rebuild ${id.slice(0, 30)}`, method: 'GET', path: `/api/feeds/rebuilds/${id}` });
  }
  for (const path of ['/api/announcements/../tokens', '/api//announcements', '/api/announcements/{ann}/history/..', '/api/announcements/{ann}/../../tokens', '/API/ANNOUNCEMENTS', '/api/announcements?x', '/api/' + 'a/'.repeat(2000)]) {
    out.push({ name: `path ${path.slice(0, 40)}`, method: 'GET', path });
  }
  for (const method of ['PATCH', 'OPTIONS', 'TRACE', 'CONNECT', 'get', 'FOO', 'DELETE\r\nX: 1']) {
    out.push({ name: `method ${json(method)}`, method, path: '/api/announcements', body: json(base) });
  }

  // The list's query string.
  const queries: Record<string, string>[] = [
    { limit: '0' }, { limit: '-1' }, { limit: '101' }, { limit: '1e2' }, { limit: 'abc' }, { limit: '' }, { limit: '1.5' }, { limit: '0x10' },
    { cursor: 'garbage' }, { cursor: '' }, { cursor: Buffer.from('{"gsi1pk":"ANN","gsi1sk":{"S":"x"}}').toString('base64url') },
    { cursor: Buffer.from('{"pk":"TOKEN#x","sk":"T","gsi1pk":"ANN","gsi1sk":"z"}').toString('base64url') },
    { cursor: Buffer.from('{"gsi1pk":"TOKEN","gsi1sk":"z"}').toString('base64url') },
    { cursor: Buffer.from('{"gsi1pk":"ANN","gsi1sk":"' + 'z'.repeat(1500) + '"}').toString('base64url') },
    { cursor: Buffer.from('{"gsi1pk":"ANN","gsi1sk":""}').toString('base64url') },
    { cursor: Buffer.from('{"gsi1pk":"ANN"}').toString('base64url') },
    { status: 'retracted' }, { status: 'deleted' }, { tag: '../x' }, { tag: 'A' }, { language: 'en/../x' },
    { from: '2026-02-30T00:00:00Z' }, { from: '2026-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }, { from: 'now' }, { unknown: '1' }, { __proto__: 'x' } as Record<string, string>,
    { tag: 'x'.repeat(41) }, { to: '9999-12-31T23:59:59Z' },
  ];
  for (const [i, query] of queries.entries()) out.push({ name: `list query ${i} ${json(query).slice(0, 60)}`, method: 'GET', path: '/api/announcements', query });

  // Tokens.
  for (const [i, s] of HOSTILE_STRINGS.entries()) {
    out.push({ name: `token subject hostile ${i}`, method: 'POST', path: '/api/tokens', body: json({ subject: s, role: 'editor' }) });
  }
  for (const role of ['root', 'ADMIN', '', null, ['admin'], { $eq: 'admin' }]) {
    out.push({ name: `token role ${json(role)}`, method: 'POST', path: '/api/tokens', body: json({ subject: 's', role }) });
  }
  out.push({ name: 'token extra field', method: 'POST', path: '/api/tokens', body: json({ subject: 's', role: 'editor', sha256: '0'.repeat(64) }) });
  out.push({ name: 'rebuild with a body', method: 'POST', path: '/api/feeds/rebuild', body: '{{{{', headers: { 'content-type': 'text/plain' } });
  return out;
}

/** A JSON value from a pool that mixes valid fields and hostile strings. */
const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS, ...HOSTILE_MARKDOWN),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

/** Announcement-shaped bodies, each field valid, hostile or of the wrong type. */
export function generatedCorpus(count: number, seed: number): HostileRequest[] {
  // Mostly valid-typed (so many are stored and reach the feeds), sometimes anything at all.
  const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 });
  const body = fc.record(
    {
      title: maybe(fc.oneof(fc.constant('Generated announcement'), hostileString)),
      summary: maybe(hostileString),
      body: maybe(hostileString),
      language: maybe(fc.constantFrom('en', 'fr', 'pt-BR')),
      tags: maybe(fc.array(fc.constantFrom('gen', 'msp', 'seminar'), { maxLength: 3 })),
      authors: maybe(fc.array(fc.record({ name: hostileString }), { maxLength: 2 })),
      images: maybe(fc.array(fc.record({ url: fc.constantFrom(...HOSTILE_URLS.slice(0, 3), 'https://example.org/i.png', 'https://example.org/a?b=<c>&d=]]>'), alt: hostileString, caption: hostileString }), { maxLength: 2 })),
      canonicalUrl: maybe(fc.constantFrom(...HOSTILE_URLS.slice(0, 3), 'https://example.org/a', 'https://example.org/"x"')),
      status: maybe(fc.constantFrom('published', 'draft')),
    },
    { requiredKeys: ['title', 'language'] },
  );
  return fc.sample(body, { seed, numRuns: count }).map((b, i) => post(`generated ${i} (seed ${seed})`, b));
}
