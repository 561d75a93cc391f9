/**
 * The ManualClock a StreamTest drives its query with. It also tells the test when the query's
 * loop goes back to sleep on the clock — the moment a trigger released by `advance` has finished
 * — so a test waits for exactly that, never for an amount of real time.
 */
import { ManualClock, type WakeSignal } from '../streaming/clock.js';

export class StreamTestClock extends ManualClock {
  private sleepWatchers: (() => void)[] = [];

  override sleepUntil(time: number, signal: WakeSignal): Promise<void> {
    const before = this.waiting;
    const p = super.sleepUntil(time, signal);
    if (this.waiting > before) for (const w of this.sleepWatchers.splice(0)) w();
    return p;
  }

  /** Resolves the next time a loop starts sleeping on this clock; returns a canceller too. */
  nextSleep(): { readonly slept: Promise<void>; cancel(): void } {
    let watcher: () => void = () => undefined;
    const slept = new Promise<void>((resolve) => {
      watcher = resolve;
      this.sleepWatchers.push(watcher);
    });
    return {
      slept,
      cancel: () => {
        this.sleepWatchers = this.sleepWatchers.filter((w) => w !== watcher);
      },
    };
  }

  /** Advances time; returns how many sleeping loops it woke. */
  advanceAndCount(ms: number): number {
    const before = this.waiting;
    this.advance(ms);
    return before - this.waiting;
  }
}
