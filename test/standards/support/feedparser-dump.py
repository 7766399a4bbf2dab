"""Parses each feed file named on the command line with Debian's python3-feedparser
and prints, as JSON, what a feedparser-based reader or bot would see."""
import calendar
import json
import sys
import time

import feedparser


def iso(parsed):
    if not parsed:
        return None
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(calendar.timegm(parsed)))


def entry(e):
    return {
        'id': e.get('id'),
        'title': e.get('title'),
        'title_type': e.get('title_detail', {}).get('type'),
        'link': e.get('link'),
        'published': iso(e.get('published_parsed')),
        'updated': iso(e.get('updated_parsed')),
        'summary': e.get('summary'),
        'content': [c.get('value') for c in e.get('content', [])],
        'tags': [{'term': t.get('term'), 'scheme': t.get('scheme')} for t in e.get('tags', [])],
        'authors': [a.get('name') for a in e.get('authors', []) if a.get('name')],
        'enclosures': [
            {k: v for k, v in (('href', x.get('href')), ('type', x.get('type')), ('length', x.get('length'))) if v is not None}
            for x in e.get('enclosures', [])
        ],
        'media_content': e.get('media_content', []),
        'media_credit': [c.get('content') for c in e.get('media_credit', [])],
    }


out = {}
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        d = feedparser.parse(f.read())
    out[path] = {
        'bozo': int(bool(d.bozo)),
        'bozo_exception': str(d.get('bozo_exception', '')),
        'version': d.version,
        'feed': {
            'title': d.feed.get('title'),
            'language': d.feed.get('language'),
            'links': [{'rel': l.get('rel'), 'href': l.get('href')} for l in d.feed.get('links', [])],
            'updated': iso(d.feed.get('updated_parsed')),
        },
        'entries': [entry(e) for e in d.entries],
    }
json.dump(out, sys.stdout, ensure_ascii=False)
