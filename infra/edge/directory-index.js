// CloudFront Function (runtime cloudfront-js-2.0), viewer request, on the
// bucket behaviours: S3's REST endpoint behind Origin Access Control has no
// directory index, so /news/{slug}-{id8}/ must be rewritten to the object
// news/{slug}-{id8}/index.html that the publisher writes. The same mapping as
// the local server's objectKey() in infra/local/static-objects.ts.
// Attached to every bucket behaviour in infra/constructs/site-distribution.ts.
// /admin (no slash) redirects to the editor at /admin/, whose asset URLs live there.
function handler(event) {
  var request = event.request;
  if (request.uri === '/admin') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/admin/' } } };
  }
  if (request.uri.charAt(request.uri.length - 1) === '/') {
    request.uri = request.uri + 'index.html';
  }
  return request;
}
