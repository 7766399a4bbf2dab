import { afterAll } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every CDK App synthesizes into CDK_OUTDIR, or else into a fresh cdk.out-*
// under the temp dir that nothing removes (about 14 MB each, thousands per
// run). One folder per test file, removed when the file is done.
const outdir = mkdtempSync(join(tmpdir(), 'herald-cdk-out-'));
process.env.CDK_OUTDIR = outdir;

afterAll(() => rmSync(outdir, { recursive: true, force: true }));
