import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../../infra/local/ports';

const dataDir = mkdtempSync(join(tmpdir(), 'herald-token-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm start` with ADMIN_TOKEN set; resolves with its exit code and output, or 'still running' after 20 s. */
async function start(adminToken: string): Promise<{ code: number | 'still running'; output: string }> {
  const child = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(await freePort()), DATA_DIR: dataDir, ADMIN_TOKEN: adminToken },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | 'still running'>((resolve) => {
    const timer = setTimeout(() => resolve('still running'), 20_000);
    child.once('close', (c) => {
      clearTimeout(timer);
      resolve(c ?? -1);
    });
  });
  if (code === 'still running') {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('close', r));
  }
  return { code, output };
}

describe('npm start with a weak bootstrap admin token', () => {
  it.each([
    ["the README's example value", 'change-me-0123456789abcdef'],
    ['a 31-character token', 'a'.repeat(20) + 'B'.repeat(11)],
  ])('refuses %s: exits 2 naming ADMIN_TOKEN, before starting anything', async (_name, token) => {
    const { code, output } = await start(token);

    expect(code).toBe(2);
    expect(output).toMatch(/herald: ADMIN_TOKEN /);
    expect(output).not.toContain('starting DynamoDB Local');
  });
});
