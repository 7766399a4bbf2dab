let stack: Promise<typeof import('./markdown')> | undefined;

/**
 * renderMarkdown with the Markdown stack (marked and sanitize-html, about
 * 5 ms of the admin function's cold start) loaded on the first body it
 * renders, not when the function starts: most cold starts answer a read.
 * The bundle keeps the module inline; only its evaluation waits.
 */
export async function renderMarkdownOnDemand(markdown: string): Promise<string> {
  stack ??= import('./markdown');
  return (await stack).renderMarkdown(markdown);
}
