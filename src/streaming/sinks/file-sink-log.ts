/**
 * The file sink's metadata log, `<output>/_spark_metadata/` (Spark's FileStreamSinkLog): one
 * entry per batch listing the files that batch committed, compacted every `compactInterval`
 * batches into `<batchId>.compact` (all files so far) so the log does not grow without bound.
 * Readers of the output folder that find this log read only the files it lists, so files of a
 * batch that crashed before committing are never visible.
 *
 * After each compaction the entries before the previous compaction are deleted once they are
 * older than the cleanup delay (Spark's `spark.sql.streaming.fileSink.log.deletion`, default
 * true, and `…fileSink.log.cleanupDelay`, default 10 minutes — a reader that listed the log a
 * moment ago may still be reading them), so the folder keeps about two compaction intervals of
 * entries.
 *
 * Entry format (Spark's): `v1` then one JSON object per file
 * `{"path":…,"size":…,"isDir":false,"modificationTime":…,"blockReplication":1,"blockSize":…,"action":"add"}`.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MetadataLog } from '../checkpoint/metadata-log.js';

export const SINK_LOG_DIR = '_spark_metadata';

export interface SinkFileStatus {
  readonly path: string;
  readonly size: number;
  readonly isDir: boolean;
  readonly modificationTime: number;
  readonly blockReplication: number;
  readonly blockSize: number;
  readonly action: 'add' | 'delete';
}

function parseEntry(text: string): SinkFileStatus[] {
  const [version, ...lines] = text.split('\n');
  if (version !== 'v1') throw new Error(`Unsupported file sink log version '${version}'`);
  return lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as SinkFileStatus);
}

export class FileSinkLog {
  private readonly dir: string;
  private readonly log: MetadataLog;

  constructor(
    outputPath: string,
    private readonly compactInterval = 10,
    private readonly expiry: { readonly deletion: boolean; readonly cleanupDelayMs: number } = {
      deletion: true,
      cleanupDelayMs: 10 * 60_000,
    },
  ) {
    this.dir = join(outputPath, SINK_LOG_DIR);
    this.log = new MetadataLog(this.dir);
  }

  /** The highest batch id committed (plain or compacted entry), or -1. */
  latestBatchId(): number {
    return Math.max(-1, ...entryIds(this.dir).map((e) => e.batchId));
  }

  /** Records the files of `batchId`; on a compaction batch, writes all live files instead. */
  add(batchId: number, files: readonly SinkFileStatus[]): boolean {
    const isCompaction = (batchId + 1) % this.compactInterval === 0;
    const all = isCompaction ? [...this.allFiles(), ...files] : files;
    const text = ['v1', ...all.map((f) => JSON.stringify(f))].join('\n');
    // a compact entry (`<id>.compact`) holds every live file: readers start from the latest one
    const added = this.log.add(batchId, text, isCompaction ? `${batchId}.compact` : String(batchId));
    if (added && isCompaction && this.expiry.deletion) this.deleteExpired(batchId - this.compactInterval);
    return added;
  }

  /** Deletes entries before `minBatchIdToKeep` (the previous compaction) older than the cleanup delay. */
  private deleteExpired(minBatchIdToKeep: number): void {
    const expiredBefore = Date.now() - this.expiry.cleanupDelayMs;
    for (const e of entryIds(this.dir)) {
      if (e.batchId >= minBatchIdToKeep) continue;
      const f = join(this.dir, e.name);
      try {
        if (statSync(f).mtimeMs <= expiredBefore) rmSync(f, { force: true });
      } catch {
        /* gone already */
      }
    }
  }

  /** Every file committed so far (the latest compaction plus the entries after it). */
  allFiles(): SinkFileStatus[] {
    const ids = entryIds(this.dir);
    if (ids.length === 0) return [];
    // compactions by their file name: a reader need not know the writer's compactInterval
    const compactions = ids.filter((e) => e.name.endsWith('.compact'));
    const lastCompact = compactions[compactions.length - 1];
    const start = lastCompact ? lastCompact.batchId : -1;
    const out: SinkFileStatus[] = [];
    for (const e of ids) {
      if (e.batchId < start) continue;
      for (const f of parseEntry(readFileSync(join(this.dir, e.name), 'utf8'))) {
        if (f.action === 'add') out.push(f);
      }
    }
    return out;
  }
}

function entryIds(dir: string): { batchId: number; name: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: /^(\d+)(\.compact)?$/.exec(name) }))
    .filter((x) => x.m)
    .map((x) => ({ batchId: Number(x.m![1]), name: x.name }))
    .sort((a, b) => a.batchId - b.batchId);
}

/**
 * For batch readers: the files a streaming file sink committed under `folder`, or undefined when the
 * folder was not written by one (then the reader lists the folder as usual).
 */
export function committedSinkFiles(folder: string): string[] | undefined {
  if (!existsSync(join(folder, SINK_LOG_DIR))) return undefined;
  return new FileSinkLog(folder).allFiles().map((f) => join(folder, f.path));
}
