/**
 * Polls `url` until a successful answer's body satisfies `predicate`, and
 * returns that body: published objects appear asynchronously (stream ->
 * publisher -> bucket), so end-to-end tests wait for them instead of sleeping.
 */
export async function waitForBody(url: string, predicate: (body: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let body = '';
  while (Date.now() < deadline) {
    body = await fetch(url).then((r) => (r.ok ? r.text() : ''));
    if (predicate(body)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never satisfied the condition; last body:\n${body.slice(0, 500)}`);
}
