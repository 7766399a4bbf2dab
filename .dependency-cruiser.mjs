/**
 * dependency-cruiser rules for Herald's production code (shared/, functions/,
 * infra/, cli/, web/). test/unit/structure/dependencies.test.ts runs them through
 * the API, so a new import circle or a layer breach fails CI; by hand:
 *   npx depcruise --config .dependency-cruiser.mjs shared functions infra cli web
 */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle: move the shared piece into a leaf module both sides import.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-layers-stay-pure',
      comment: 'Domain, content, render, ports and services never reach adapters, wiring, handlers or the AWS SDK.',
      severity: 'error',
      from: { path: '^shared/(domain|content|render|ports|services)/' },
      to: { path: ['^shared/(adapters|wiring)/', '^functions/', '^infra/', '@aws-sdk/', 'aws-cdk-lib'] },
    },
    {
      name: 'editor-shares-only-the-domain',
      comment: "The browser app (web/src) shares the API's request schemas (shared/domain) and nothing server-side.",
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: ['^shared/(?!domain/)', '^functions/', '^infra/', '^cli/', '@aws-sdk/', '^node:'] },
    },
    {
      name: 'embed-shares-only-the-domain',
      comment: 'The news box (embed/src) runs on partner sites: pure domain helpers only, no package, nothing server-side.',
      severity: 'error',
      from: { path: '^embed/src/' },
      to: { path: ['^shared/(?!domain/)', '^functions/', '^infra/', '^cli/', '^web/', 'node_modules', '^node:'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
