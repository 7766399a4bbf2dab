import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_TOKEN } from './local-process';

/** What one `herald` command printed, and how it exited. */
export type CliResult = { code: number | null; out: string; err: string };

/**
 * Runs the installed `herald` command as a user would, against `base` with
 * the test token (overridable through `env`), and collects what it printed.
 * Only PATH is inherited, so nothing from the test runner's environment leaks in.
 */
export function runCli(base: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve('bin/herald.js'), ...args], {
      env: { PATH: process.env.PATH, HERALD_URL: base, HERALD_TOKEN: TEST_TOKEN, ...env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => done({ code, out, err }));
  });
}
