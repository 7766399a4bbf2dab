import { expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { feedContext } from '../../shared/render/feed-context';
import { stylesheetFile, stylesheetPi } from '../../shared/render/stylesheet';
import { coalitionFeeds, SITE } from './support/coalition';
import { describeWith, HERE, TOOLS, writeTemp, xmllintErrors } from './support/tools';

/**
 * Opening rss.xml or atom.xml in a browser shows a readable page: the feeds
 * point at /feeds/feed.xsl, and libxslt (Chromium's XSLT engine, via lxml)
 * turns each into HTML with a subscribe hint and every item as text.
 */
const { files, byKey } = await coalitionFeeds();
const xml = files.filter((f) => f.key === 'feeds/rss.xml' || f.key === 'feeds/atom.xml' || f.key === 'feeds/fr/atom.xml');

describeWith('lxml', 'the feed stylesheet (XSLT 1.0, libxslt via python3-lxml)', () => {
  let pages: Record<string, { html: string; errors: string[] }>;
  let pathOf: Map<string, string>;

  it('is referenced by every RSS and Atom feed, and is well-formed XML', () => {
    for (const f of files.filter((x) => x.key.endsWith('.xml'))) {
      expect(f.body.split('\n')[1]).toBe(stylesheetPi(SITE.siteUrl));
    }
    expect(stylesheetPi('https://a.example/x?y=1&z=2')).toBe('<?xml-stylesheet type="text/xsl" href="https://a.example/x?y=1&amp;z=2/feeds/feed.xsl"?>');
    expect(xmllintErrors(writeTemp([stylesheetFile()]).paths)).toBe('');
  });

  it('turns each feed into a page with a subscribe hint naming the feed URL', () => {
    const { dir, paths } = writeTemp([stylesheetFile(), ...xml]);
    pathOf = new Map(xml.map((f, i) => [f.key, paths[i + 1]!]));
    const r = spawnSync(TOOLS.python, [join(HERE, 'xslt.py'), join(dir, 'feeds/feed.xsl'), ...paths.slice(1)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    pages = JSON.parse(r.stdout) as typeof pages;
    for (const [key, self] of [
      ['feeds/rss.xml', feedContext(SITE, 'site').urls.rss],
      ['feeds/atom.xml', feedContext(SITE, 'site').urls.atom],
      ['feeds/fr/atom.xml', feedContext(SITE, 'lang:fr').urls.atom],
    ] as const) {
      const page = pages[pathOf.get(key)!]!;
      expect(page.errors).toEqual([]);
      expect(page.html).toMatch(/^<!DOCTYPE html>\n<html lang="(en|fr)">/);
      expect(page.html).toContain(`To subscribe, copy its address into your feed reader:\n          <code>${self}</code>`);
    }
  });

  it('shows every item title as text (markup characters stay text), linked, with its image credit', () => {
    for (const key of ['feeds/rss.xml', 'feeds/atom.xml']) {
      const html = pages[pathOf.get(key)!]!.html;
      expect(html).toContain('>What happens in &lt;Geneva&gt; next week &amp; why "7MSP" matters</a>');
      expect(html).toContain('<a href="https://www.example.org/news?id=7msp&amp;lang=en">Seventh Meeting of States Parties opens at the Palais des Nations</a>');
      expect(html).toContain('Participants at the regional seminar in Bangkok, 16–17 March. Photo: (c) CMC');
      expect(html).toContain('alt="Delegates seated around a conference table"');
      expect(html).toContain(`Updated: a &lt;short&gt; guide to the week.`);
      expect(html).not.toContain('<short>');
      // dir="auto": an item of unknown language takes the direction of its own text.
      expect(html.match(/<article dir="auto">/g)).toHaveLength(Object.keys(byKey).length);
    }
  });
});
