import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { synthHerald, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
let deploy: string;
beforeAll(() => {
  herald = synthHerald();
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## Deploy to AWS');
  const end = readme.indexOf('\n## ', start + 1);
  deploy = readme.slice(start, end < 0 ? undefined : end);
});

describe("the README's deploy section, against the synthesized template", () => {
  it('exists and names at least one parameter and one output', () => {
    expect(deploy.length).toBeGreaterThan(100);
    expect(deploy).toMatch(/--parameters \w+=/);
    expect(deploy).toMatch(/\boutput\s+`?\w+/);
  });

  it('names only parameters the template declares', () => {
    const named = [...deploy.matchAll(/--parameters (\w+)=/g)].map((m) => m[1]!);
    const declared = Object.keys(herald.template.toJSON().Parameters ?? {});
    for (const name of named) expect(declared).toContain(name);
  });

  it('names only outputs the template declares', () => {
    const named = [...deploy.matchAll(/\boutput\s+`?(\w+)/g)].map((m) => m[1]!);
    const declared = Object.keys(herald.template.toJSON().Outputs ?? {});
    expect(named).toEqual(expect.arrayContaining(['DistributionDomainName', 'DeadLetterQueueUrl', 'ReconcilerFunctionName']));
    for (const name of named) expect(declared).toContain(name);
  });
});
