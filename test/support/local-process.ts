import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/ports';

/** Herald started the way a user starts it (`npm start`), in its own process group. */
export type HeraldProcess = { base: string; port: number; child: ChildProcess; output(): string; stop(signal?: NodeJS.Signals): Promise<void> };

export const TEST_TOKEN = 'test-admin-token-0123456789abcdef';

/** `env` may depend on the port (a SITE_URL of http://localhost:PORT, which WebAuthn needs: an IP is no rpID). */
export async function startHerald(dataDir: string, env: Record<string, string> | ((port: number) => Record<string, string>) = {}): Promise<HeraldProcess> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ADMIN_TOKEN: TEST_TOKEN, SITE_URL: base, ...(typeof env === 'function' ? env(port) : env) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  // 'close', not 'exit': npm may exit before Herald (which shares its stdout) has written its last lines.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`herald exited during start:\n${output}`);
    // Health alone could be answered by another process that took the port
    // between freePort() and listen (concurrent test runs): wait for our own
    // process to say it is ready on this port.
    const ready = output.includes(`ready on http://localhost:${port} `);
    const ok = ready && (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false));
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`herald did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    port,
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // npm forwards the signal to Herald; the group kill catches a stuck npm.
      process.kill(-child.pid!, signal);
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 20_000);
      await exited;
      // npm exits at once on SIGTERM, before Herald has even logged; wait for the whole group.
      for (let waited = 0; groupAlive(child.pid!) && waited < 25_000; waited += 100) {
        await new Promise((r) => setTimeout(r, 100));
      }
      clearTimeout(timer);
    },
  };
}

/**
 * Herald on a fresh data folder that stop() removes: a bench's 10,000-item
 * run leaves up to a gigabyte of emulator data otherwise.
 */
export async function startScratchHerald(
  prefix: string,
  env: Parameters<typeof startHerald>[1] = {},
): Promise<HeraldProcess & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dataDir, { recursive: true, force: true });
  const herald = await startHerald(dataDir, env).catch((error: unknown) => {
    remove();
    throw error;
  });
  return {
    ...herald,
    dataDir,
    async stop(signal?: NodeJS.Signals) {
      await herald.stop(signal);
      remove();
    },
  };
}

/** True while any process of the group is alive (signal 0 only checks). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line mentions `needle` (to find orphaned JVMs). */
export function processesMentioning(needle: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}
