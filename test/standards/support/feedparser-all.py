"""Parses each feed file named on the command line with python3-feedparser and
prints, as JSON, everything it read: the feed's keys and each entry's keys with
their values (times as ISO 8601 UTC), so two feeds can be compared field by field."""
import calendar
import json
import sys
import time

import feedparser


def plain(value):
    if isinstance(value, time.struct_time):
        return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(calendar.timegm(value)))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


out = {}
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        d = feedparser.parse(f.read())
    out[path] = {
        'bozo': int(bool(d.bozo)),
        'bozo_exception': str(d.get('bozo_exception', '')),
        'version': d.version,
        'feed': plain(dict(d.feed)),
        'entries': [plain(dict(e)) for e in d.entries],
    }
json.dump(out, sys.stdout, ensure_ascii=False)
