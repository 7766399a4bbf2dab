// Stands in for htmlparser2 in Lambda bundles. sanitize-html uses only its
// Parser, but require('htmlparser2') pulls in the whole package (DomUtils,
// dom-serializer and a second copy of `entities`, about 110 KB). This is the
// same Parser, from the same installed package.
export { Parser } from '../../node_modules/htmlparser2/dist/esm/Parser.js';
