import { describe, it } from '@jest/globals';

/** What a suite that needs a Debian tool does: run it, skip it loudly, or fail because CI must have the tool. */
export type ToolPlan = 'run' | 'skip' | 'fail';

/** True when `CI` is set to anything but empty, `0` or `false` (GitHub Actions and .ci/run set it). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * A missing tool skips on a developer's machine (with a warning) but fails
 * under CI, where a skipped consumer test would hide that nothing was checked.
 */
export function planFor(present: boolean, env: NodeJS.ProcessEnv): ToolPlan {
  if (present) return 'run';
  return isCi(env) ? 'fail' : 'skip';
}

const missing = (tool: string) => `${tool} is not installed (apt-get install it; .ci/run does)`;

/** `describe` gated on a tool: runs, skips with a loud warning, or under CI fails with the tool's name. */
export function describeGated(tool: string, present: boolean, name: string, body: () => void, env = process.env): void {
  const plan = planFor(present, env);
  if (plan === 'run') return describe(name, body);
  if (plan === 'fail') {
    return describe(name, () => {
      it(`needs ${tool}`, () => {
        throw new Error(`CI is set and ${missing(tool)}`);
      });
    });
  }
  console.warn(`\n!!!!! SKIPPED "${name}": ${missing(tool)} !!!!!\n`);
  describe.skip(name, body);
}

/** `it` gated the same way, for one test of a suite that needs an extra tool. */
export function itGated(tool: string, present: boolean, name: string, fn: () => Promise<void>, timeout?: number, env = process.env): void {
  const plan = planFor(present, env);
  if (plan === 'run') return it(name, fn, timeout);
  if (plan === 'fail') {
    return it(name, () => {
      throw new Error(`CI is set and ${missing(tool)}`);
    });
  }
  console.warn(`\n!!!!! SKIPPED "${name}": ${missing(tool)} !!!!!\n`);
  it.skip(name, fn);
}
