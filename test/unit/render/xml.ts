import { validateXML, type XMLFileInfo, type XMLLintOptions, type XMLValidationResult } from 'xmllint-wasm';

/**
 * Reading rendered XML back, independently of the code that wrote it:
 * libxml2 (xmllint-wasm) decides well-formedness and canonicalises (C14N),
 * which turns CDATA into escaped text and leaves only a handful of entities,
 * so small regexes and one decoder can then read elements back as text.
 */

/**
 * libxml2's well-formedness check of every file in one wasm call. The package's
 * typings insist on a schema or a normalisation, but without either xmllint
 * checks well-formedness only, which is what these tests want.
 */
export function checkWellFormed(files: XMLFileInfo[]): Promise<XMLValidationResult> {
  return validateXML({ xml: files } as unknown as XMLLintOptions);
}

/** libxml2's complaints about the documents (empty when all are well-formed). */
export async function xmlErrors(docs: string[]): Promise<string[]> {
  if (docs.length === 0) return [];
  const result = await checkWellFormed(docs.map((contents, i) => ({ fileName: `doc${i}.xml`, contents })));
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** The C14N form of a well-formed document; throws with libxml2's errors otherwise. */
export async function canonical(xml: string): Promise<string> {
  const result = await validateXML({ xml: [{ fileName: 'feed.xml', contents: xml }], normalization: 'c14n' });
  if (!result.valid) throw new Error(`not well-formed:\n${result.errors.map((e) => e.rawMessage).join('\n')}`);
  return result.normalized;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes character and predefined entity references in one pass (so `&amp;lt;` gives `&lt;`). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return XML_ENTITIES[ref] ?? whole;
  });
}

export type Leaf = { attrs: Record<string, string>; text: string };

const escapeName = (name: string) => name.replace(/[.:-]/g, (c) => `\\${c}`);

/** Every leaf element `name` (no child elements) in C14N text, with decoded attributes and text. */
export function leaves(c14n: string, name: string): Leaf[] {
  const re = new RegExp(`<${escapeName(name)}((?:\\s[^>]*)?)>([^<]*)</${escapeName(name)}>`, 'g');
  return [...c14n.matchAll(re)].map((m) => ({ attrs: attributes(m[1] ?? ''), text: decodeEntities(m[2] ?? '') }));
}

/** The inner C14N text of every `name` element (for per-item reads such as `item` or `entry`). */
export function blocks(c14n: string, name: string): string[] {
  const re = new RegExp(`<${escapeName(name)}(?:\\s[^>]*)?>([\\s\\S]*?)</${escapeName(name)}>`, 'g');
  return [...c14n.matchAll(re)].map((m) => m[1] ?? '');
}

/** The attributes of the first start tag of `name`. */
export function startTagAttrs(c14n: string, name: string): Record<string, string> {
  const m = new RegExp(`<${escapeName(name)}((?:\\s[^>]*)?)>`).exec(c14n);
  if (!m) throw new Error(`no <${name}> in document`);
  return attributes(m[1] ?? '');
}

function attributes(source: string): Record<string, string> {
  return Object.fromEntries(
    [...source.matchAll(/([\w:.-]+)="([^"]*)"/g)].map((m) => [m[1] ?? '', decodeEntities(m[2] ?? '')]),
  );
}

/** Hostile strings and what must survive of them once XML-forbidden characters are dropped. */
export const HOSTILE: { name: string; raw: string; survives: string }[] = [
  { name: 'C0 controls', raw: 'Meeting\u0000\u0001\u0008\u000B\u000C\u001F in Geneva\t!', survives: 'Meeting in Geneva\t!' },
  { name: 'lone surrogates', raw: 'high \uD83D alone, low \uDE00 alone', survives: 'high  alone, low  alone' },
  { name: 'U+FFFE and U+FFFF', raw: 'not\uFFFE chars\uFFFF', survives: 'not chars' },
  { name: 'a CDATA end', raw: 'ends ]]> here', survives: 'ends ]]> here' },
  { name: 'ampersands', raw: 'Q&A & AT&T &amp; &#x26; &lt;', survives: 'Q&A & AT&T &amp; &#x26; &lt;' },
  { name: 'markup', raw: '<Geneva> "quoted" \'single\' </title>', survives: '<Geneva> "quoted" \'single\' </title>' },
  { name: 'RTL text', raw: '\u202Bمؤتمر الدول الأطراف\u202C שלום', survives: '\u202Bمؤتمر الدول الأطراف\u202C שלום' },
  { name: 'emoji', raw: '🇨🇭 Geneva 💣🚫 👩🏽‍💻', survives: '🇨🇭 Geneva 💣🚫 👩🏽‍💻' },
];
