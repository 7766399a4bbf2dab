"""Applies the XSLT stylesheet (argv[1]) to each feed file (argv[2:]) with lxml,
i.e. libxslt, the XSLT 1.0 engine Chromium uses, and prints the HTML pages as JSON."""
import json
import sys

from lxml import etree

transform = etree.XSLT(etree.parse(sys.argv[1]))
out = {}
for path in sys.argv[2:]:
    result = transform(etree.parse(path))
    out[path] = {'html': str(result), 'errors': [str(e) for e in transform.error_log]}
json.dump(out, sys.stdout, ensure_ascii=False)
