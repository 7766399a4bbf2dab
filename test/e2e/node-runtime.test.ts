import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HERALD_VERSION } from '../../cli/main';
import { startHerald } from '../support/local-process';

const run = promisify(execFile);
const major = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);
/** The Lambda runtime's major: the last test ties it to the stack's runtime and esbuild's target. */
const LAMBDA_MAJOR = 24;

describe('Node 24 everywhere, whatever the machine has', () => {
  it('runs the test suite itself on the Lambda runtime major', () => {
    expect(major(process.version)).toBe(LAMBDA_MAJOR);
  });

  it('runs `npx herald` on Node 24 and reports the package version', async () => {
    const { stdout } = await run('npx', ['herald', 'version'], { cwd: process.cwd() });
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(stdout.trim()).toMatch(/^herald \S+ \(Node v\d+\.\d+\.\d+\)$/);
    expect(stdout).toContain(`herald ${pkg.version} `);
    expect(HERALD_VERSION).toBe(pkg.version);
    expect(major(stdout.split('Node ')[1] ?? '')).toBe(LAMBDA_MAJOR);
  });

  it('says at `npm start` which Node it runs, and it is Node 24', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-node-'));
    const herald = await startHerald(dir);
    try {
      const line = /herald: Node (v\S+);/.exec(herald.output());
      expect(line).not.toBeNull();
      expect(major(line![1]!)).toBe(LAMBDA_MAJOR);
    } finally {
      await herald.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deploys and bundles for the same major', async () => {
    const { BUNDLE } = await import('../../infra/bundle/options');
    const { HERALD_RUNTIME } = await import('../../infra/constructs/herald-function');
    expect(HERALD_RUNTIME.name).toBe(`nodejs${LAMBDA_MAJOR}.x`);
    expect(BUNDLE.target).toBe(`node${LAMBDA_MAJOR}`);
  });
});
