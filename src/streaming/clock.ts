/**
 * Clocks for the trigger loop. The system clock uses real time; the manual clock only moves when
 * a test calls `advance`, so streaming tests never sleep for correctness.
 *
 * Invariant: `sleepUntil(t)` resolves once `now() >= t` or when `wake()` is called (new data,
 * stop, processAllAvailable), whichever comes first.
 */
export interface Clock {
  now(): number;
  sleepUntil(time: number, signal: WakeSignal): Promise<void>;
}

/** A one-shot-per-wait wake-up that the loop's waiters share. */
export class WakeSignal {
  private waiters: (() => void)[] = [];
  private pending = false;

  wake(): void {
    this.pending = true;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  /** Consumes a wake-up that arrived while nobody was waiting. */
  takePending(): boolean {
    const p = this.pending;
    this.pending = false;
    return p;
  }
  onWake(f: () => void): () => void {
    this.waiters.push(f);
    return () => {
      this.waiters = this.waiters.filter((x) => x !== f);
    };
  }
}

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  sleepUntil(time: number, signal: WakeSignal): Promise<void> {
    if (signal.takePending()) return Promise.resolve();
    const delay = time - Date.now();
    if (delay <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve();
      }, delay);
      const off = signal.onWake(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export class ManualClock implements Clock {
  private time: number;
  private sleepers: { until: number; resolve: () => void }[] = [];

  constructor(startMs = 0) {
    this.time = startMs;
  }
  now(): number {
    return this.time;
  }
  /** Moves time forward and releases every sleeper whose time has come. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.sleepers.filter((s) => s.until <= this.time);
    this.sleepers = this.sleepers.filter((s) => s.until > this.time);
    for (const s of due) s.resolve();
  }
  setTime(ms: number): void {
    this.advance(ms - this.time);
  }
  /** Number of loops currently waiting on this clock (tests use it to know a query is idle). */
  get waiting(): number {
    return this.sleepers.length;
  }
  sleepUntil(time: number, signal: WakeSignal): Promise<void> {
    if (signal.takePending()) return Promise.resolve();
    if (time <= this.time) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        until: time,
        resolve: () => {
          off();
          resolve();
        },
      };
      this.sleepers.push(entry);
      const off = signal.onWake(() => {
        this.sleepers = this.sleepers.filter((s) => s !== entry);
        resolve();
      });
    });
  }
}
