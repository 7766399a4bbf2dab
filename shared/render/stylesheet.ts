import { FEED_CACHE_CONTROL, type OutputFile as FeedFile } from './output-file';
import { escapeAttr } from './xml-writer';

/** Where the feeds' stylesheet lives; RSS and Atom point at it with <?xml-stylesheet?>. */
export const STYLESHEET_KEY = 'feeds/feed.xsl';

/** The processing instruction that makes a browser show a feed as a page. */
export function stylesheetPi(siteUrl: string): string {
  return `<?xml-stylesheet type="text/xsl" href="${escapeAttr(`${siteUrl}/${STYLESHEET_KEY}`)}"?>`;
}

/** The transformed page's one inline style; the site CSP allows it by its hash (shared/http/security-headers.ts). */
export const FEED_PAGE_CSS = `
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
          .subscribe { background: #fff8e1; border: 1px solid #f0d98c; padding: .75rem 1rem; border-radius: .4rem; }
          .subscribe code { word-break: break-all; }
          article { border-top: 1px solid #ddd; padding: 1rem 0; }
          h2 { font-size: 1.2rem; margin: 0 0 .25rem; }
          .meta, figcaption { color: #666; font-size: .9rem; }
          img { max-width: 100%; height: auto; }
`;

/**
 * XSLT 1.0 (what browsers run) turning rss.xml or atom.xml into a readable
 * page: a subscribe hint with the feed's own URL, then each item's title,
 * date, summary, image with caption and credit, and tags. Only text from the
 * feed is copied (xsl:value-of), never markup; the RSS description is the
 * summary Herald escaped as HTML, so it is written unescaped once to show it
 * as the same text. Readers and validators ignore the instruction.
 */
const XSL = `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:media="http://search.yahoo.com/mrss/"
  exclude-result-prefixes="atom media">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:template match="/">
    <html lang="{/rss/channel/language | /atom:feed/@xml:lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="/rss/channel/title | /atom:feed/atom:title"/> (web feed)</title>
        <style>${FEED_PAGE_CSS}</style>
      </head>
      <body>
        <p class="subscribe">This is a web feed. To subscribe, copy its address into your feed reader:
          <code><xsl:value-of select="$self"/></code></p>
        <h1><xsl:value-of select="/rss/channel/title | /atom:feed/atom:title"/></h1>
        <p><xsl:value-of select="/rss/channel/description | /atom:feed/atom:subtitle"/></p>
        <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
      </body>
    </html>
  </xsl:template>
  <xsl:template match="item | atom:entry">
    <article dir="auto">
      <h2><a href="{link | atom:link[@rel='alternate']/@href}"><xsl:value-of select="title | atom:title"/></a></h2>
      <p class="meta"><xsl:value-of select="pubDate | atom:published"/>
        <xsl:for-each select="category | atom:category"> · #<xsl:value-of select=". | @term"/></xsl:for-each></p>
      <xsl:apply-templates select="media:content[@medium='image'][1]"/>
      <xsl:choose>
        <xsl:when test="atom:summary"><p><xsl:value-of select="atom:summary"/></p></xsl:when>
        <xsl:otherwise><p><xsl:value-of select="description" disable-output-escaping="yes"/></p></xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>
  <xsl:template match="media:content">
    <figure>
      <img src="{@url}" alt="{media:text}"/>
      <figcaption><xsl:value-of select="media:description"/>
        <xsl:if test="media:credit"> Photo: <xsl:value-of select="media:credit"/></xsl:if></figcaption>
    </figure>
  </xsl:template>
</xsl:stylesheet>
`;

/** The stylesheet as a bucket object. */
export function stylesheetFile(): FeedFile {
  return { key: STYLESHEET_KEY, body: XSL, contentType: 'text/xsl; charset=utf-8', cacheControl: FEED_CACHE_CONTROL };
}
