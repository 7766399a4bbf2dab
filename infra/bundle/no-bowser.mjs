// Stands in for bowser in Lambda bundles. The SDK's browser user-agent
// provider imports it with import(); esbuild drops that dead code from a
// single-file bundle, but with code splitting still writes bowser as a chunk
// (35 KB) that Node never loads. Should it ever be called, no browser is found.
export const parse = () => ({});
export default { parse };
