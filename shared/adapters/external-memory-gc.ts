import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8 count Buffer memory (ArrayBuffer backing stores) towards its
 * overall heap limit instead of starting a full collection whenever a few
 * tens of megabytes of it were allocated. A media `complete` allocates about
 * 20 MB of short-lived buffers (the upload read, the decoded web-size pixels,
 * the files written), and on Node 24 that set off one to two mark-compacts of
 * the whole heap per call (26 to 58 ms of main-thread time; none with this,
 * and complete's median 340 -> 206 ms in interleaved runs). Garbage buffers
 * then wait longer (about 100 MB at most was seen), still bounded by the heap
 * limit. Setting it again is harmless; the flag is read by each collection,
 * so setting it after start takes effect (test/unit/adapters/external-memory-gc.test.ts).
 */
export function countExternalMemoryInHeapLimit(): void {
  setFlagsFromString('--external-memory-accounted-in-global-limit');
}
