/**
 * Small, exact edits to the XML the `feed` package returns, for what it cannot
 * express: namespaces of extensions it did not declare, root attributes such
 * as xml:lang, and extra Atom links. Each edit targets the root start tag only.
 */
export function withRootNamespaces(xml: string, root: string, ns: Record<string, string>): string {
  return withRootAttributes(
    xml,
    root,
    Object.fromEntries(Object.entries(ns).map(([prefix, uri]) => [`xmlns:${prefix}`, uri])),
  );
}

/** Adds attributes missing from the root start tag; values must be pre-escaped. */
export function withRootAttributes(xml: string, root: string, attributes: Record<string, string>): string {
  const start = xml.indexOf(`<${root}`);
  const end = xml.indexOf('>', start);
  if (start < 0 || end < 0) throw new Error(`no <${root}> element in rendered feed`);
  const tag = xml.slice(start, end);
  const missing = Object.entries(attributes)
    .filter(([name]) => !new RegExp(`\\s${name.replace(':', '\\:')}=`).test(tag))
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
  return xml.slice(0, end) + missing + xml.slice(end);
}

/** Inserts `fragment` right after the first occurrence of `marker`. */
export function insertAfter(xml: string, marker: string, fragment: string): string {
  const at = xml.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not found in rendered feed`);
  return xml.slice(0, at + marker.length) + fragment + xml.slice(at + marker.length);
}
