import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stagedFiles } from '../../infra/constructs/staged-files';

const prefix = `herald-staged-test-${process.pid}-`;
const ours = () => readdirSync(tmpdir()).filter((d) => d.startsWith(prefix));

describe('stagedFiles: the folder an asset deploys from', () => {
  it('holds exactly the files, and a second synth of the same build reuses the folder instead of leaving another', () => {
    // Prepare
    const files = [
      { path: 'index.html', bytes: Buffer.from('<!doctype html>') },
      { path: 'assets/app-1.js', bytes: Buffer.from('console.log(1)') },
    ];
    try {
      // Act
      const first = stagedFiles(prefix, files);
      const again = stagedFiles(prefix, [...files].reverse());
      const changed = stagedFiles(prefix, [files[0]!, { path: 'assets/app-1.js', bytes: Buffer.from('console.log(2)') }]);
      // Assess
      expect(again).toBe(first);
      expect(changed).not.toBe(first);
      expect(readFileSync(join(first, 'assets/app-1.js'), 'utf8')).toBe('console.log(1)');
      expect(readFileSync(join(changed, 'assets/app-1.js'), 'utf8')).toBe('console.log(2)');
      expect(readdirSync(first).sort()).toEqual(['assets', 'index.html']);
      expect(ours().sort()).toEqual([first, changed].map((d) => d.slice(tmpdir().length + 1)).sort());
    } finally {
      for (const d of ours()) rmSync(join(tmpdir(), d), { recursive: true, force: true });
    }
  });
});
