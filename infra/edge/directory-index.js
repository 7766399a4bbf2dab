// CloudFront Function (runtime cloudfront-js-2.0), viewer request, on the
// bucket behaviours: S3's REST endpoint behind Origin Access Control has no
// directory index, so /news/{slug}-{id8}/ must be rewritten to the object
// news/{slug}-{id8}/index.html that the publisher writes. The same mapping as
// the local server's objectKey() in infra/local/static-objects.ts.
// Attached to every bucket behaviour in infra/constructs/site-distribution.ts.
// /admin (no slash) redirects to the editor at /admin/, whose asset URLs live there.
// A preflight (OPTIONS, allowed only on the feeds and embed behaviours) is answered
// here with 204: S3 has no CORS rule for it, and a response-headers policy only adds
// headers. PREFLIGHT is filled at synth from shared/http/cors.ts (infra/edge/edge-code.ts).
var PREFLIGHT = { prefixes: [], headers: {} };
function handler(event) {
  var request = event.request;
  if (request.method === 'OPTIONS') {
    for (var i = 0; i < PREFLIGHT.prefixes.length; i++) {
      if (request.uri.indexOf(PREFLIGHT.prefixes[i]) === 0) {
        return { statusCode: 204, statusDescription: 'No Content', headers: PREFLIGHT.headers };
      }
    }
    return { statusCode: 405, statusDescription: 'Method Not Allowed', headers: { allow: { value: 'GET, HEAD' } } };
  }
  if (request.uri === '/admin') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/admin/' } } };
  }
  if (request.uri.charAt(request.uri.length - 1) === '/') {
    request.uri = request.uri + 'index.html';
  }
  return request;
}
