/**
 * A log of one JSON-ish text entry per batch id in a folder (Spark's HDFSMetadataLog): each entry
 * is written to a temp file, fsync'ed and renamed into place, so a reader sees a whole entry or
 * none; an existing entry is never overwritten (a second writer loses).
 *
 * Invariant: entries are immutable once written; `latest()` is the highest batch id present.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

export class MetadataLog {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private path(batchId: number): string {
    return join(this.dir, String(batchId));
  }

  /** Writes the entry for `batchId`; returns false if one exists already. */
  add(batchId: number, content: string, fileName = String(batchId)): boolean {
    const target = join(this.dir, fileName);
    if (existsSync(target)) return false;
    const tmp = join(this.dir, `.${batchId}.${process.pid}.${Date.now()}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      // link fails if the target exists: no silent overwrite of a committed entry
      linkSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      renameSync(tmp, target);
      return true;
    }
    rmSync(tmp, { force: true });
    return true;
  }

  get(batchId: number): string | undefined {
    try {
      return readFileSync(this.path(batchId), 'utf8');
    } catch {
      return undefined;
    }
  }

  batchIds(): number[] {
    return readdirSync(this.dir)
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .sort((a, b) => a - b);
  }

  latest(): { batchId: number; content: string } | undefined {
    const ids = this.batchIds();
    const id = ids[ids.length - 1];
    if (id === undefined) return undefined;
    const content = this.get(id);
    return content === undefined ? undefined : { batchId: id, content };
  }

  /** Removes entries older than `minBatchIdToKeep` (log retention). */
  purge(minBatchIdToKeep: number): void {
    for (const id of this.batchIds()) if (id < minBatchIdToKeep) rmSync(this.path(id), { force: true });
  }
}
