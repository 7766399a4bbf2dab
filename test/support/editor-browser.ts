import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * Helpers for driving the editor in Chromium: a context signed in by Bearer
 * token (playwright adds the header on /api/*; the app itself has no test
 * hook), axe-core run in the page, and layout checks.
 */
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.2 AA rule set the editor is held to. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Adds `Authorization: Bearer token` to every /api/* request of the context (screens tested apart from the passkey sign-in). */
export async function signInByToken(context: BrowserContext, token: string): Promise<void> {
  await context.route('**/api/**', async (route) => {
    try {
      const response = await route.fetch({ headers: { ...route.request().headers(), authorization: `Bearer ${token}` } });
      return await route.fulfill({ response });
    } catch (err) {
      // A request still in flight when its test closes the context has nobody left to answer.
      if (!/disposed|closed/i.test(String(err))) throw err;
    }
  });
}

/** Violations of WCAG 2.2 AA that axe-core finds in the page (axe is evaluated through the DevTools protocol, which the page's CSP does not govern). */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, iframes: false })`)) as {
    violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    passes: unknown[];
  };
  // axe ran its rules (an empty result from a failed injection would pass anything).
  if (result.passes.length < 5) throw new Error(`axe checked only ${result.passes.length} rules`);
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** How far the page scrolls sideways (0 when it fits the viewport). */
export const horizontalOverflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

/** Console messages that report a Content-Security-Policy refusal. */
export function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) found.push(m.text());
  });
  return found;
}

/** The tag name and accessible label of the focused element. */
export const focused = (page: Page) =>
  page.evaluate('(() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}:${e.getAttribute("aria-label") || e.id || e.textContent.trim().slice(0, 40)}` : "" })()') as Promise<string>;

/** A signed-in page of the editor at `hash` (its CSP refusals collected), once the screen has loaded. */
export function editorOpener(browser: Browser, base: string, token: string) {
  return async (hash: string, options: { width?: number; timezoneId?: string } = {}): Promise<{ page: Page; csp: string[]; context: BrowserContext }> => {
    const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, timezoneId: options.timezoneId });
    await signInByToken(context, token);
    const page = await context.newPage();
    const csp = cspViolations(page);
    await page.goto(`${base}/admin/${hash}`);
    await page.locator('h1').filter({ hasNotText: 'Loading' }).first().waitFor();
    return { page, csp, context };
  };
}
