import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8 count Buffer memory (ArrayBuffer backing stores) towards its
 * overall heap limit instead of starting a full collection whenever a few
 * tens of megabytes of it were allocated. A media `complete` allocates about
 * 20 MB of short-lived buffers (the upload read, the decoded web-size pixels,
 * the files written), and on Node 24 that set off one to two mark-compacts of
 * the whole heap per call (26 to 58 ms of main-thread time; none with this,
 * and complete's median 396 -> 189 ms over 40 calls). Dead buffers wait
 * longer: 120 MB more held after those 40 (the media function has 2 GB),
 * still bounded by the heap limit. Set at start and left on: the flag is read by each collection, so
 * setting it after start takes effect (test/unit/adapters/external-memory-gc.test.ts),
 * but turned off and on again mid-process the per-call collections came back.
 */
export function countExternalMemoryInHeapLimit(): void {
  setFlagsFromString('--external-memory-accounted-in-global-limit');
}
