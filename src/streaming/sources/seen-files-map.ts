/**
 * The file stream source's memory of the files it has taken (Spark's SeenFilesMap), and with it
 * the `maxFileAge` rule. Ages are measured against the newest modification time seen so far —
 * not the wall clock: after each batch the map forgets files older than
 * `newest seen - maxFileAge`, and from then on a listed file is new only if it is at least that
 * recent and not remembered. The threshold starts at 0, so a fresh query's first batch takes
 * every file whatever its age; a restarted query computes it from its log before its first batch.
 *
 * Invariants: a file once added is never new again (either remembered, or older than the
 * threshold, which never decreases as long as files only get added); with `fileNameOnly` files
 * are known by their name alone.
 */
import { basename } from 'node:path';

export class SeenFilesMap {
  private readonly files = new Map<string, number>();
  private latestTimestamp = 0;
  private lastPurgeTimestamp = 0;

  /** `maxAgeMs` Infinity: never forget (latestFirst with a per-trigger limit, as Spark). */
  constructor(
    private readonly maxAgeMs: number,
    private readonly fileNameOnly: boolean,
  ) {}

  private key(path: string): string {
    return this.fileNameOnly ? basename(path) : path;
  }

  add(path: string, timestamp: number): void {
    this.files.set(this.key(path), timestamp);
    if (timestamp > this.latestTimestamp) this.latestTimestamp = timestamp;
  }

  /** Recent enough (not older than the last purge's threshold) and not taken before. */
  isNewFile(path: string, timestamp: number): boolean {
    return timestamp >= this.lastPurgeTimestamp && !this.files.has(this.key(path));
  }

  /** Forgets the files older than `newest seen - maxAge`; returns how many. */
  purge(): number {
    this.lastPurgeTimestamp = this.latestTimestamp - this.maxAgeMs;
    let n = 0;
    for (const [k, ts] of this.files) {
      if (ts < this.lastPurgeTimestamp) {
        this.files.delete(k);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.files.size;
  }
}
