import { describe, expect, it } from '@jest/globals';
import { EditorGate } from '../../../infra/local/editor-gate';

/** A promise and its resolver: an editor's publish the test ends when it chooses. */
function latch(): { promise: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Settles after every promise callback already queued (and a timer turn) has run. */
const turns = (n = 5) => new Promise<void>((resolve) => setTimeout(resolve, n));

/** Which of a pass and a later-scheduled marker finished first. */
async function first(pass: Promise<void>, marker: Promise<void>): Promise<'pass' | 'marker'> {
  return Promise.race([pass.then(() => 'pass' as const), marker.then(() => 'marker' as const)]);
}

describe('the editor gate (the deferred step yields to an editor\'s publish, npm start only)', () => {
  it('lets a request pass at once while nobody publishes', async () => {
    const gate = new EditorGate(undefined, 60_000);
    expect(gate.held).toBe(false);
    expect(await first(gate.pass(), turns())).toBe('pass');
  });

  it('holds a request while an editor\'s change is published, and lets it go when the publish ends', async () => {
    // Prepare
    const gate = new EditorGate(undefined, 60_000);
    const publish = latch();
    const order: string[] = [];
    const holding = gate.hold(async () => {
      await publish.promise;
      order.push('editor published');
    });
    // Act
    const passing = gate.pass().then(() => order.push('step request sent'));
    await turns(20);
    const heldMeanwhile = [...order];
    publish.open();
    await Promise.all([holding, passing]);
    // Assess
    expect(heldMeanwhile).toEqual([]);
    expect(order).toEqual(['editor published', 'step request sent']);
    expect(gate.held).toBe(false);
  });

  it('waits for overlapping holds until the last ends', async () => {
    const gate = new EditorGate(undefined, 60_000);
    const a = latch();
    const b = latch();
    const holds = [gate.hold(() => a.promise), gate.hold(() => b.promise)];
    let sent = false;
    const passing = gate.pass().then(() => (sent = true));
    a.open();
    await turns(20);
    expect(sent).toBe(false);
    b.open();
    await Promise.all([...holds, passing]);
    expect(sent).toBe(true);
  });

  it('is released when the publish fails', async () => {
    const gate = new EditorGate(undefined, 60_000);
    await expect(gate.hold(async () => Promise.reject(new Error('publish failed')))).rejects.toThrow('publish failed');
    expect(gate.held).toBe(false);
    expect(await first(gate.pass(), turns())).toBe('pass');
  });

  it('never waits longer than its cap, and a hold that outlasted it (a crashed holder) is not waited for again', async () => {
    // Prepare: a publish that never ends, as a holder that died mid-publish leaves the count.
    const gate = new EditorGate(undefined, 30);
    void gate.hold(() => new Promise<never>(() => undefined));
    // Act
    await gate.pass();
    // Assess: still held, yet the step went on; the next request does not wait out the cap again.
    expect(gate.held).toBe(true);
    expect(await first(gate.pass(), turns())).toBe('pass');
  });

  it('waits again for a new publish after a capped one', async () => {
    const buffer = new SharedArrayBuffer(12);
    const stale = new EditorGate(buffer, 30);
    const step = new EditorGate(buffer, 30);
    const stuck = latch();
    const old = stale.hold(() => stuck.promise);
    await step.pass();
    stuck.open();
    await old;
    const next = latch();
    const holding = stale.hold(() => next.promise);
    let sent = false;
    const passing = step.pass().then(() => (sent = true));
    await turns(5);
    expect(sent).toBe(false);
    next.open();
    await Promise.all([holding, passing]);
    expect(sent).toBe(true);
  });

  it('lets everything through once opened (stop drains the step without waiting)', async () => {
    const gate = new EditorGate(undefined, 60_000);
    void gate.hold(() => new Promise<never>(() => undefined));
    const waiting = gate.pass();
    gate.open();
    expect(await first(waiting, turns())).toBe('pass');
    expect(await first(gate.pass(), turns())).toBe('pass');
    expect(gate.held).toBe(false);
  });

  it('is one gate for every EditorGate on the same buffer (the stream thread and the step\'s thread)', async () => {
    const buffer = new SharedArrayBuffer(12);
    const stream = new EditorGate(buffer, 60_000);
    const step = new EditorGate(buffer, 60_000);
    const publish = latch();
    const holding = stream.hold(() => publish.promise);
    expect(step.held).toBe(true);
    let sent = false;
    const passing = step.pass().then(() => (sent = true));
    await turns(20);
    expect(sent).toBe(false);
    publish.open();
    await Promise.all([holding, passing]);
    expect(sent).toBe(true);
  });
  it('lets the holder\'s own requests pass at once, and on the same thread holds everyone else\'s (the stream\'s import batches)', async () => {
    // Prepare: one gate on one thread, as the stream thread has it; a publish that asks for storage itself.
    const gate = new EditorGate(undefined, 60_000);
    const publish = latch();
    const order: string[] = [];
    // Act: inside the hold, the holder's request; beside it, an import batch's request.
    const holding = gate.hold(async () => {
      await gate.pass();
      order.push('holder request sent');
      await publish.promise;
      order.push('editor published');
    });
    const beside = gate.pass().then(() => order.push('import request sent'));
    await turns(20);
    const meanwhile = [...order];
    publish.open();
    await Promise.all([holding, beside]);
    // Assess
    expect(meanwhile).toEqual(['holder request sent']);
    expect(order).toEqual(['holder request sent', 'editor published', 'import request sent']);
  });
});
