import { describe, expect, it } from '@jest/globals';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heldBy, HOLD_FILE } from '../../../infra/local/stream-gates';
import type { HeraldLogger } from '../../../shared/logger';

const said: string[] = [];
const logger: HeraldLogger = { info: (m) => void said.push(m), warn: (m) => void said.push(m), error: (m) => void said.push(m) };
const event: DynamoDBStreamEvent = { Records: [] };

describe('holding the local stream functions with DATA_DIR/publisher.hold', () => {
  it('runs no batch while the file exists, then runs the waiting batch once it is removed', async () => {
    // Prepare
    const hold = join(mkdtempSync(join(tmpdir(), 'herald-hold-')), HOLD_FILE);
    writeFileSync(hold, '');
    const handled: DynamoDBStreamEvent[] = [];
    const handler = heldBy(hold, async (e) => (handled.push(e), { batchItemFailures: [] }), logger);

    // Act
    const running = handler(event);
    await new Promise((r) => setTimeout(r, 400));

    // Assess
    expect(handled).toHaveLength(0);
    expect(said).toEqual(['stream functions held']);
    rmSync(hold);
    await expect(running).resolves.toEqual({ batchItemFailures: [] });
    expect(handled).toEqual([event]);
    expect(said).toEqual(['stream functions held', 'stream functions released']);
  });

  it('fails a held batch at stop, so the poller leaves it in the stream, rather than hanging the stop', async () => {
    const hold = join(mkdtempSync(join(tmpdir(), 'herald-hold-')), HOLD_FILE);
    writeFileSync(hold, '');
    const handled: DynamoDBStreamEvent[] = [];
    const stopping = new AbortController();
    const running = heldBy(hold, async (e) => (handled.push(e), { batchItemFailures: [] }), logger, stopping.signal)(event);
    stopping.abort();
    await expect(running).rejects.toThrow('stopped while held');
    expect(handled).toHaveLength(0);
  });

  it('passes batches straight through when no hold file exists', async () => {
    const handled: DynamoDBStreamEvent[] = [];
    const handler = heldBy(join(tmpdir(), `absent-${process.pid}`, HOLD_FILE), async (e) => (handled.push(e), { batchItemFailures: [] }), logger);
    await handler(event);
    expect(handled).toEqual([event]);
  });
});
