/**
 * The box's styles: inherited host fonts and colours, themable through CSS
 * custom properties (--herald-news-*) and ::part(). Applied as a constructable
 * stylesheet (adoptedStyleSheets), so a host CSP without 'unsafe-inline' is fine.
 */
export const CSS = `:host{display:block;font:inherit;color:inherit}
:host([hidden]){display:none}
h2{font-size:var(--herald-news-heading-size,1.25em);margin:0 0 .5em}
ul{list-style:none;margin:0;padding:0;display:grid;gap:var(--herald-news-gap,1em)}
h3{font-size:var(--herald-news-title-size,1.05em);margin:0}
a{color:var(--herald-news-link-color,inherit)}
p{margin:.25em 0}
.meta{color:var(--herald-news-muted-color,inherit);opacity:var(--herald-news-muted-opacity,.8);font-size:.9em}
figure{margin:.5em 0}
img{max-width:100%;height:auto;max-height:var(--herald-news-image-height,12em);border-radius:var(--herald-news-radius,0)}
figcaption{font-size:.8em;opacity:.8}
.cancelled{text-decoration:line-through}`;

let sheet: CSSStyleSheet | undefined;

/** One shared sheet for every box on the page. */
export function styleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
