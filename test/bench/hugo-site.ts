import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAnnouncement } from './corpus';

/**
 * The bench corpus as a Hugo site, for the static-site-generator comparison:
 * the same announcements (title, date, language, tags, Markdown body, photo
 * and credit), with what Herald publishes for them: a page each, home,
 * section, language and tag lists, and RSS for each list, 50 items per feed.
 */
export function writeHugoSite(dir: string, count: number): void {
  const languages = ['en', 'fr', 'es'];
  writeFileSync(
    join(dir, 'config.toml'),
    [
      'baseURL = "https://news.example.org/"',
      'title = "Herald bench"',
      'defaultContentLanguage = "en"',
      'defaultContentLanguageInSubdir = true',
      'rssLimit = 50',
      'disableKinds = ["sitemap", "robotsTXT", "404"]',
      '[taxonomies]',
      '  tag = "tags"',
      ...languages.flatMap((lang, i) => [`[languages.${lang}]`, `  weight = ${i + 1}`, `  languageCode = "${lang}"`]),
    ].join('\n'),
  );
  const layouts = join(dir, 'layouts', '_default');
  mkdirSync(layouts, { recursive: true });
  // Pages as complete as Herald's own: head, the article, its photo with credit.
  writeFileSync(
    join(layouts, 'single.html'),
    '<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title>' +
      '<meta name="description" content="{{ .Summary | plainify }}"></head><body><article><h1>{{ .Title }}</h1>' +
      '<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time>' +
      '{{ with .Params.image }}<figure><img src="{{ .url }}" alt="{{ .alt }}"><figcaption>{{ .caption }} {{ .credit }}</figcaption></figure>{{ end }}' +
      '{{ .Content }}<ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relLangURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul></article></body></html>',
  );
  writeFileSync(
    join(layouts, 'list.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><ul>' +
      '{{ range first 50 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary | plainify }}</li>{{ end }}</ul></body></html>',
  );
  const news = join(dir, 'content', 'news');
  mkdirSync(news, { recursive: true });
  for (let i = 0; i < count; i++) {
    const a = benchAnnouncement(i);
    const image = a.images?.[0];
    const front = {
      title: a.title,
      date: a.publishedAt,
      summary: a.summary,
      tags: a.tags,
      ...(image ? { image: { url: image.url, alt: image.alt, caption: image.caption, credit: image.credit } } : {}),
    };
    writeFileSync(join(news, `${a.slug}.${a.language}.md`), `${JSON.stringify(front, null, 1)}\n\n${a.body}\n`);
  }
}
