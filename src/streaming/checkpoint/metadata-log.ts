/**
 * A log of one JSON-ish text entry per batch id in a folder (Spark's HDFSMetadataLog): each entry
 * is written to a temp file and linked into place, so a reader sees a whole entry or none; an
 * existing entry is never overwritten (a second writer loses).
 *
 * Durability, chosen per entry by the caller:
 *  - `add`        the temp file is fsync'ed before it is linked (blocks the thread);
 *  - `addDurably` the same off the main thread, plus an fsync of the folder, so the entry survives
 *                 an operating-system crash once the promise resolves;
 *  - `addCached`  no fsync: the entry survives the process (SIGKILL) but maybe not a power loss —
 *                 for entries whose loss only costs a re-run (the commit log).
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
import { link as linkAsync, open as openAsync, rename as renameAsync, rm as rmAsync } from 'node:fs/promises';
import { join } from 'node:path';

export class MetadataLog {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private path(batchId: number): string {
    return join(this.dir, String(batchId));
  }

  private tempPath(batchId: number): string {
    return join(this.dir, `.${batchId}.${process.pid}.${Date.now()}.tmp`);
  }

  /** Writes the entry for `batchId` (fsync'ed); returns false if one exists already. */
  add(batchId: number, content: string, fileName = String(batchId)): boolean {
    return this.write(batchId, content, fileName, true);
  }

  /** Writes the entry without an fsync (see the header); returns false if one exists already. */
  addCached(batchId: number, content: string): boolean {
    return this.write(batchId, content, String(batchId), false);
  }

  /**
   * Writes the entry on the thread pool: temp file written and fsync'ed, linked into place, the
   * folder fsync'ed. Resolves (false if the entry existed) once all of it is on disk.
   */
  async addDurably(batchId: number, content: string): Promise<boolean> {
    const target = this.path(batchId);
    if (existsSync(target)) return false;
    const tmp = this.tempPath(batchId);
    const file = await openAsync(tmp, 'w');
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    let added = true;
    try {
      await linkAsync(tmp, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') added = false;
      else await renameAsync(tmp, target);
    }
    await rmAsync(tmp, { force: true });
    if (!added) return false;
    const dir = await openAsync(this.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return true;
  }

  private write(batchId: number, content: string, fileName: string, sync: boolean): boolean {
    const target = join(this.dir, fileName);
    if (existsSync(target)) return false;
    const tmp = this.tempPath(batchId);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, content);
      if (sync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      // link fails if the target exists: no silent overwrite of a committed entry
      linkSync(tmp, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        rmSync(tmp, { force: true });
        return false;
      }
      // a file system without hard links: rename (the temp file is still there to be renamed)
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

  /** Removes the entry for `batchId` if there is one (an unreadable entry about to be rewritten). */
  remove(batchId: number): void {
    rmSync(this.path(batchId), { force: true });
  }

  /** Removes entries older than `minBatchIdToKeep` (log retention). */
  purge(minBatchIdToKeep: number): void {
    for (const id of this.batchIds()) if (id < minBatchIdToKeep) rmSync(this.path(id), { force: true });
  }
}
