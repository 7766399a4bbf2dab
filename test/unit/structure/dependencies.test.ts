import { cruise, type ICruiseOptions, type IViolation } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import config from '../../../.dependency-cruiser.mjs';

/** Cruises with the repo's rules and returns every violation as "rule: from -> to". */
async function violations(paths: string[]): Promise<string[]> {
  const options: ICruiseOptions = {
    ...config.options,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  };
  const result = await cruise(paths, options, undefined, { tsConfig: extractTSConfig('tsconfig.json') });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser returned text, not a result');
  const describe = (v: IViolation) =>
    `${v.rule.name}: ${(v.cycle ? [v.from, ...v.cycle.map((c) => c.name)] : [v.from, v.to]).join(' -> ')}`;
  return result.output.summary.violations.map(describe);
}

describe('production code structure', () => {
  it('has no import circle and no pure layer importing adapters, wiring or the AWS SDK', async () => {
    expect(await violations(['shared', 'functions', 'infra', 'cli', 'web', 'embed'])).toEqual([]);
  }, 120_000);

  it('reports an import circle when there is one (the rule can fail)', async () => {
    const found = await violations(['test/unit/structure/fixtures/circle']);
    expect(found.some((v) => v.startsWith('no-circular:'))).toBe(true);
  }, 120_000);
});
