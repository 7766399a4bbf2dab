// Stands in for postcss in Lambda bundles. sanitize-html loads postcss only to
// filter `style` attributes, and Herald's allowlist drops every `style`, so
// this is never called; it is here to keep 90 KB of postcss out of the bundle.
module.exports = {
  parse() {
    throw new Error('postcss is not bundled: Herald allows no style attributes');
  },
};
