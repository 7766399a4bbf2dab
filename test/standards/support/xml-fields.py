"""Reads {"rss": ..., "atom": ...} as JSON on stdin, parses both with Python's
strict expat parser (any well-formedness error exits non-zero) and prints the
text of every field Herald writes from editor input, as JSON."""
import json
import sys
import xml.etree.ElementTree as ET

NS = {
    'atom': 'http://www.w3.org/2005/Atom',
    'content': 'http://purl.org/rss/1.0/modules/content/',
    'dc': 'http://purl.org/dc/elements/1.1/',
    'media': 'http://search.yahoo.com/mrss/',
}


def texts(root, path):
    return [el.text or '' for el in root.findall(path, NS)]


def attrs(root, path, name):
    return [el.get(name) for el in root.findall(path, NS)]


docs = json.load(sys.stdin)
rss = ET.fromstring(docs['rss'].encode('utf-8'))
atom = ET.fromstring(docs['atom'].encode('utf-8'))
item = rss.find('channel/item')
entry = atom.find('atom:entry', NS)
out = {
    'rss': {
        'channel_title': texts(rss, 'channel/title'),
        'channel_description': texts(rss, 'channel/description'),
        'title': texts(item, 'title'),
        'description': texts(item, 'description'),
        'content': texts(item, 'content:encoded'),
        'creators': texts(item, 'dc:creator'),
        'categories': texts(item, 'category'),
        'link': texts(item, 'link'),
        'alt': texts(item, 'media:content/media:text'),
        'caption': texts(item, 'media:content/media:description'),
        'credit': texts(item, 'media:content/media:credit'),
        'doc_title': texts(item, 'media:content/media:title'),
    },
    'atom': {
        'feed_title': texts(atom, 'atom:title'),
        'feed_subtitle': texts(atom, 'atom:subtitle'),
        'title': texts(entry, 'atom:title'),
        'summary': texts(entry, 'atom:summary'),
        'content': texts(entry, 'atom:content'),
        'authors': texts(entry, 'atom:author/atom:name'),
        'terms': attrs(entry, 'atom:category', 'term'),
        'link': attrs(entry, "atom:link[@rel='alternate']", 'href'),
        'enclosure_titles': attrs(entry, "atom:link[@rel='enclosure']", 'title'),
        'alt': texts(entry, 'media:content/media:text'),
        'caption': texts(entry, 'media:content/media:description'),
        'credit': texts(entry, 'media:content/media:credit'),
    },
}
json.dump(out, sys.stdout, ensure_ascii=False)
