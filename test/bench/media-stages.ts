import { performance, PerformanceObserver } from 'node:perf_hooks';
import { S3MediaObjects } from '../../shared/adapters/s3-media-objects';
import { median } from './stats';

/**
 * When, within each timed `complete`, the upload had been read and the last
 * public file stored (the rest is marking the item ready), how long the
 * main thread spent collecting garbage, and the process's CPU time (all its
 * threads: libvips, the main thread, s3rver in-process): where a slow run
 * lost its time, and a figure that the machine's load does not inflate.
 */
export class StageClock {
  private t0 = 0;
  private read = 0;
  private stored = 0;
  private cpu0 = process.cpuUsage();
  private runs: { start: number; end: number; read: number; stored: number; cpu: number }[] = [];
  // GC entries arrive after the fact, so they are matched to runs by their start time.
  private readonly collections: { at: number; ms: number }[] = [];
  private readonly gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) this.collections.push({ at: e.startTime, ms: e.duration });
  });

  constructor() {
    this.gc.observe({ entryTypes: ['gc'] });
  }

  private since = () => performance.now() - this.t0;

  /** The bucket adapter, noting when the upload was read and each public file stored. */
  objects(...args: ConstructorParameters<typeof S3MediaObjects>): S3MediaObjects {
    const clock = this;
    return new (class extends S3MediaObjects {
      override async readUpload(key: string) {
        const bytes = await super.readUpload(key);
        clock.read = clock.since();
        return bytes;
      }
      override async putPublic(key: string, body: Buffer, type: string) {
        await super.putPublic(key, body, type);
        clock.stored = Math.max(clock.stored, clock.since());
      }
    })(...args);
  }

  start(): void {
    [this.read, this.stored] = [0, 0];
    this.cpu0 = process.cpuUsage();
    this.t0 = performance.now();
  }

  /** Milliseconds since start; records this run. */
  stop(): number {
    const end = performance.now();
    const cpu = process.cpuUsage(this.cpu0);
    this.runs.push({ start: this.t0, end, read: this.read, stored: this.stored, cpu: (cpu.user + cpu.system) / 1000 });
    return end - this.t0;
  }

  clear(): void {
    this.runs = [];
  }

  /** Call after the last run has settled, so its collections have been reported. */
  summary(): string {
    const gc = this.runs.map((r) => this.collections.filter((c) => c.at >= r.start && c.at < r.end).reduce((sum, c) => sum + c.ms, 0));
    const at = (stage: 'read' | 'stored') => median(this.runs.map((r) => r[stage])).toFixed(0);
    const cpu = median(this.runs.map((r) => r.cpu)).toFixed(0);
    return `upload read at ${at('read')} ms, all files stored at ${at('stored')} ms, then the item marked ready; main-thread GC ${median(gc).toFixed(0)} (max ${Math.max(...gc).toFixed(0)}) ms, process CPU ${cpu} ms per complete`;
  }

  disconnect(): void {
    this.gc.disconnect();
  }
}
