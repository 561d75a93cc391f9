/**
 * The batch write protocol (`df.write…save(path)`): save modes, staging and publication. Tasks
 * write under `<path>/_temporary/<job>/` (a hidden folder readers skip); only when every task
 * succeeded does the job commit move the files into place — after removing the old data for
 * `overwrite` (only the partitions written to, with `partitionOverwriteMode=dynamic`) — and
 * write `_SUCCESS`. A writer that dies before the commit leaves nothing readers can see.
 *
 * Invariant: the old data of an overwrite is removed only after the new files are complete.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { StructType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { FormatContext } from './file-format.js';
import { FileOptions } from './file-options.js';
import {
  type FileWriteSpec,
  type PartitionRunner,
  splitPartitionColumns,
  type WrittenFile,
  writePartitionsToFolder,
} from './file-writer.js';

export type SaveMode = 'append' | 'overwrite' | 'errorifexists' | 'ignore';

export function parseSaveMode(m: string): SaveMode {
  switch (m.toLowerCase()) {
    case 'append':
      return 'append';
    case 'overwrite':
      return 'overwrite';
    case 'error':
    case 'errorifexists':
    case 'default':
      return 'errorifexists';
    case 'ignore':
      return 'ignore';
    default:
      throw new AnalysisException(
        'INVALID_SAVE_MODE',
        `The specified save mode "${m}" is invalid. Valid save modes include "append", "overwrite", "ignore", "error", "errorifexists", and "default".`,
      );
  }
}

export interface SaveSpec extends FileWriteSpec {
  readonly mode: SaveMode;
}

/** Runs the write of `partitions` to `path` with the save mode; returns the files published. */
export async function saveToPath(
  partitions: PartitionRunner,
  schema: StructType,
  path: string,
  spec: SaveSpec,
  ctx: FormatContext,
): Promise<WrittenFile[]> {
  const out = resolve(path);
  const exists = existsSync(out);
  if (exists && spec.mode === 'errorifexists') {
    throw new AnalysisException(
      'PATH_ALREADY_EXISTS',
      `Path file:${out} already exists. Set mode as "overwrite" to overwrite the existing path.`,
    );
  }
  if (exists && spec.mode === 'ignore') return [];
  // validate before running anything
  splitPartitionColumns(schema, spec.partitionBy, ctx.conf.getBoolean('spark.sql.caseSensitive', false));
  const jobId = spec.jobId ?? randomUUID();
  const temporary = join(out, '_temporary');
  const staging = join(temporary, jobId);
  mkdirSync(staging, { recursive: true });
  let files: WrittenFile[];
  try {
    files = await writePartitionsToFolder(partitions, schema, staging, { ...spec, jobId }, ctx);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    removeIfEmpty(temporary);
    if (!exists) removeIfEmpty(out);
    throw e;
  }
  commitJob(out, staging, files, spec, ctx);
  removeIfEmpty(temporary);
  if (ctx.conf.getBoolean('mapreduce.fileoutputcommitter.marksuccessfuljobs', true)) {
    writeFileSync(join(out, '_SUCCESS'), '');
  }
  return files;
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // not empty, or gone
  }
}

function commitJob(
  out: string,
  staging: string,
  files: readonly WrittenFile[],
  spec: SaveSpec,
  ctx: FormatContext,
): void {
  if (spec.mode === 'overwrite') {
    const o = new FileOptions(spec.options);
    const dynamic =
      (
        o.get('partitionOverwriteMode') ??
        ctx.conf.get('spark.sql.sources.partitionOverwriteMode') ??
        'static'
      ).toLowerCase() === 'dynamic';
    if (dynamic && spec.partitionBy.length) {
      const dirs = new Set(files.map((f) => dirname(f.path)).filter((d) => d !== '.'));
      for (const d of dirs) rmSync(join(out, d), { recursive: true, force: true });
    } else {
      for (const name of readdirSync(out)) {
        if (name !== '_temporary') rmSync(join(out, name), { recursive: true, force: true });
      }
    }
  }
  for (const f of files) {
    const target = join(out, f.path);
    mkdirSync(dirname(target), { recursive: true });
    renameSync(join(staging, f.path), target);
  }
  rmSync(staging, { recursive: true, force: true });
}
