import { useEffect, useState } from 'preact/hooks';
import { embedSnippets } from '../../../shared/domain/embed-snippet';
import { t } from '../i18n';

/** One feed as the subscription list (/feeds/index.opml) names it. */
type Listed = { title: string; json: string; home: string; language?: string };

/** The feeds of /feeds/index.opml (site, languages, tags), their JSON Feed URL beside each RSS one. */
export function feedsOfOpml(xml: string): Listed[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return [...doc.querySelectorAll('outline[xmlUrl]')].flatMap((o) => {
    const rss = o.getAttribute('xmlUrl') ?? '';
    if (!/\/feeds\/(.*\/)?rss\.xml$/.test(rss)) return [];
    return [{ title: o.getAttribute('title') ?? rss, json: rss.replace(/rss\.xml$/, 'feed.json'), home: o.getAttribute('htmlUrl') ?? rss, language: o.getAttribute('language') ?? undefined }];
  });
}

/**
 * Embed: for the site feed and every language and tag feed, the lines a
 * partner site copies to show its latest announcements (the news box, or its
 * iframe variant for hosts that allow no scripts): the same snippets as the home page.
 */
export function EmbedScreen() {
  const [feeds, setFeeds] = useState<Listed[] | undefined>(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    fetch('/feeds/index.opml', { cache: 'no-cache' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status}`))))
      .then((xml) => setFeeds(feedsOfOpml(xml)), (e: Error) => setError(e.message));
  }, []);
  return (
    <section aria-labelledby="embed-title">
      <h1 id="embed-title">{t.embed.title}</h1>
      <p>{t.embed.intro}</p>
      {error && <p role="alert" class="error">{t.error(error)}</p>}
      {!feeds && !error && <p role="status">{t.loading}</p>}
      {feeds?.length === 0 && <p>{t.embed.none}</p>}
      {feeds?.map((f, i) => {
        const s = embedSnippets(f.json.slice(0, f.json.indexOf('/feeds/')), f.json, f.title, f.home);
        return (
          <article key={f.json} aria-labelledby={`embed-${i}`}>
            <h2 id={`embed-${i}`} lang={f.language}><bdi>{f.title}</bdi></h2>
            <label>{t.embed.script}<textarea readOnly rows={3} value={s.script} onFocus={(e) => e.currentTarget.select()} /></label>
            <label>{t.embed.iframe}<textarea readOnly rows={2} value={s.iframe} onFocus={(e) => e.currentTarget.select()} /></label>
          </article>
        );
      })}
    </section>
  );
}
