// CloudFront Function (runtime cloudfront-js-2.0), viewer request, on the default
// (page) behaviour: redirects from the organisation's old site (issue 14). The
// KeyValueStore holds old path (with its query) -> new path; the redirects function
// keeps it in step with the table. A hit answers 301 to SITE_URL + the new path; a
// miss (the store's get throws) falls through to the directory index below.
// Keys are tried as shared/redirects/redirect.ts lookupKeys() does: the path with
// its query, then the path alone. SITE_URL is filled at synth (infra/edge/redirects-code.ts).
var SITE_URL = '';
var kvsHandle = cf.kvs();

function queryOf(querystring) {
  var parts = [];
  for (var name in querystring) {
    var q = querystring[name];
    var values = q.multiValue ? q.multiValue : [q];
    for (var i = 0; i < values.length; i++) parts.push(values[i].value === '' ? name : name + '=' + values[i].value);
  }
  return parts.join('&');
}

async function redirectOf(request) {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  var query = queryOf(request.querystring || {});
  var keys = query ? [request.uri + '?' + query, request.uri] : [request.uri];
  for (var i = 0; i < keys.length; i++) {
    var to;
    try {
      to = await kvsHandle.get(keys[i]);
    } catch (e) {
      to = undefined;
    }
    if (to) {
      return {
        statusCode: 301,
        statusDescription: 'Moved Permanently',
        headers: { location: { value: SITE_URL + to }, 'cache-control': { value: 'public, max-age=3600' } },
      };
    }
  }
  return undefined;
}

async function handler(event) {
  var moved = await redirectOf(event.request);
  return moved ? moved : directoryIndex(event);
}
