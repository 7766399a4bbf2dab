import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const MODULE = resolve('shared/adapters/external-memory-gc.ts');

/**
 * Full collections in a fresh Node process that allocates 1.25 GB of
 * short-lived 5 MB buffers (as media `complete` does, a few at a time),
 * with or without the setting. A child process, so this one's heap is not
 * touched and nothing else it runs can trigger or absorb a collection.
 */
function markCompacts(withSetting: boolean): number {
  const script = `
    import { PerformanceObserver } from 'node:perf_hooks';
    if (${withSetting}) (await import(${JSON.stringify(MODULE)})).countExternalMemoryInHeapLimit();
    let full = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.detail?.kind === 4) full++; }).observe({ entryTypes: ['gc'] });
    for (let i = 0; i < 256; i++) { Buffer.allocUnsafeSlow(5 * 2 ** 20); await new Promise((r) => setImmediate(r)); }
    await new Promise((r) => setTimeout(r, 50));
    console.log(full);`;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('countExternalMemoryInHeapLimit', () => {
  it('stops buffer allocations from setting off a full collection every few tens of megabytes', () => {
    const without = markCompacts(false);
    const withIt = markCompacts(true);

    expect(without).toBeGreaterThanOrEqual(5);
    expect(withIt).toBeLessThanOrEqual(Math.floor(without / 4));
  });
});
