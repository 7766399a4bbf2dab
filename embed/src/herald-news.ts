import { clampLimit, httpUrl, parseFeed, type NewsFeed } from './feed';
import { fallbackNode, feedNode } from './render';
import { styleSheet } from './styles';

/** How often a box re-reads its feed: at most once a minute. */
export const REFRESH_MS = 60_000;

/**
 * `<herald-news feed="https://…/feeds/fr/feed.json" limit="5">`: a partner
 * site's box of a Herald feed's latest items. Reads the JSON Feed without
 * credentials and lets the browser revalidate it (cache: 'no-cache' sends
 * If-None-Match, so no preflight and usually a 304), renders into a shadow
 * root, and shows a link to the feed when it cannot show items. The element's
 * own text, if any, is that link's text.
 */
export class HeraldNews extends HTMLElement {
  static observedAttributes = ['feed', 'limit'];
  readonly #root: ShadowRoot;
  #feed: NewsFeed | undefined;
  #text = '';
  #loadedAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styleSheet()];
  }

  connectedCallback(): void {
    this.#timer ??= setInterval(() => void this.#load(), REFRESH_MS);
    if (Date.now() - this.#loadedAt >= REFRESH_MS) void this.#load();
    else this.#render();
  }

  disconnectedCallback(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.isConnected || old === value) return;
    if (name === 'feed') {
      // A new feed is read at once: its items replace the old ones.
      this.#feed = undefined;
      this.#text = '';
      void this.#load();
    } else this.#render();
  }

  /** The feed's URL, absolute and http(s), or undefined. */
  get #url(): string | undefined {
    return httpUrl(this.getAttribute('feed'), document.baseURI);
  }

  async #load(): Promise<void> {
    const url = this.#url;
    this.#loadedAt = Date.now();
    if (!url) return this.#render();
    try {
      const res = await fetch(url, { cache: 'no-cache', credentials: 'omit' });
      if (url !== this.#url) return;
      const text = res.ok ? await res.text() : '';
      if (text && text === this.#text) return;
      this.#text = text;
      this.#feed = text ? parseFeed(JSON.parse(text), url) : undefined;
    } catch {
      // Unreachable or not JSON: keep what was shown, or the link to the feed.
      if (url !== this.#url) return;
    }
    this.#render();
  }

  #render(): void {
    const feed = this.#feed;
    const box = feed?.items.length ? feedNode(feed, clampLimit(this.getAttribute('limit'))) : fallbackNode(this.#url, (this.textContent ?? '').trim() || feed?.title || '');
    this.#root.replaceChildren(box);
  }
}

if (!customElements.get('herald-news')) customElements.define('herald-news', HeraldNews);
