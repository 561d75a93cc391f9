/**
 * The input of a file scan, fixed when the DataFrame is created (like Spark's InMemoryFileIndex):
 * the data files behind the given paths (folders listed recursively, globs expanded, hidden
 * names skipped, `pathGlobFilter` / `modifiedBefore` / `modifiedAfter` applied) and, unless
 * `recursiveFileLookup` is set, the Hive-style partition columns found in the folder names
 * under each base path (`year=2024/month=11/…`).
 *
 * Invariants: files are sorted by path; every file carries one raw (unescaped) value per
 * partition column, in partition-schema order; a missing path fails with PATH_NOT_FOUND.
 */
import { readdirSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { committedSinkFiles } from '../../streaming/sinks/file-sink-log.js';
import { type StructType, structField, structType } from '../../types/data-type.js';
import { microsToMillis } from '../../types/datetime/micros.js';
import { stringToTimestamp } from '../../types/datetime/timestamp-parse.js';
import { AnalysisException } from '../../util/errors.js';
import type { FileOptions } from './file-options.js';
import { expandGlob, globToRegExp, hasGlob } from './glob.js';
import { isHiddenName } from './hidden-files.js';
import {
  castPartitionValue,
  inferPartitionValue,
  resolvePartitionType,
  type TypedValue,
} from './partition-values.js';
import { unescapePathName } from './path-escaping.js';

export interface FileEntry {
  readonly path: string;
  readonly size: number;
  readonly modificationTime: number;
  /** Internal values, one per partition column. */
  readonly partitionValues: readonly unknown[];
}

export interface FileIndex {
  readonly files: readonly FileEntry[];
  readonly partitionSchema: StructType;
}

export interface ListingContext {
  readonly timeZone: string;
  readonly caseSensitive: boolean;
  readonly typeInference: boolean;
  /** The user's schema: partition columns named there take its types. */
  readonly userSchema?: StructType;
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function pathNotFound(p: string): AnalysisException {
  return new AnalysisException('PATH_NOT_FOUND', `Path does not exist: file:${resolve(p)}.`);
}

/** Resolves the user's paths (globs expanded) to existing absolute paths. */
export function resolveInputPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const local = p.startsWith('file://') ? p.slice(7) : p.startsWith('file:') ? p.slice(5) : p;
    if (hasGlob(local)) {
      const matched = expandGlob(local);
      if (!matched.length) throw pathNotFound(local);
      out.push(...matched.map((m) => resolve(m)));
    } else {
      if (!statOrNull(local)) throw pathNotFound(local);
      out.push(resolve(local));
    }
  }
  return out;
}

interface Listed {
  readonly path: string;
  readonly stats: Stats;
  /** The base path partition discovery starts from. */
  readonly base: string;
}

function listLeafFiles(root: string, base: string, out: Listed[]): void {
  const st = statOrNull(root);
  if (!st) return;
  if (st.isFile()) {
    out.push({ path: root, stats: st, base });
    return;
  }
  if (!st.isDirectory()) return;
  for (const name of readdirSync(root).sort()) {
    if (isHiddenName(name)) continue;
    listLeafFiles(`${root}${sep}${name}`, base, out);
  }
}

function timeOption(o: FileOptions, key: string, timeZone: string): number | undefined {
  const v = o.get(key);
  if (v === undefined) return undefined;
  const micros = stringToTimestamp(v, o.get('timeZone') ?? timeZone);
  if (micros === null) {
    throw new AnalysisException(
      'INVALID_OPTION_VALUE',
      `The timestamp provided for the '${key}' option is invalid. The expected format is 'YYYY-MM-DDTHH:mm:ss', but the provided timestamp: ${v}`,
    );
  }
  return microsToMillis(micros);
}

/** Lists the files of a scan and discovers its partition columns. */
export function buildFileIndex(paths: readonly string[], o: FileOptions, ctx: ListingContext): FileIndex {
  const roots = resolveInputPaths(paths);
  const basePathOpt = o.get('basePath');
  const basePath = basePathOpt === undefined ? undefined : resolve(basePathOpt);
  if (basePath !== undefined && !statOrNull(basePath)?.isDirectory()) {
    throw new AnalysisException(
      'INVALID_OPTION_VALUE',
      `Option 'basePath' must be a directory: file:${basePath}.`,
    );
  }
  const listed: Listed[] = [];
  for (const r of roots) {
    const st = statOrNull(r)!;
    const base = basePath ?? (st.isDirectory() ? r : dirname(r));
    // a folder written by a streaming file sink: only the files its log committed are visible
    const committed = st.isDirectory() ? committedSinkFiles(r) : undefined;
    if (committed) {
      for (const f of committed) {
        const fst = statOrNull(f);
        if (fst) listed.push({ path: f, stats: fst, base });
      }
    } else listLeafFiles(r, base, listed);
  }
  const globFilter = o.get('pathGlobFilter');
  const nameRe = globFilter === undefined ? undefined : globToRegExp(globFilter);
  const before = timeOption(o, 'modifiedBefore', ctx.timeZone);
  const after = timeOption(o, 'modifiedAfter', ctx.timeZone);
  const seen = new Set<string>();
  const kept = listed.filter((f) => {
    if (seen.has(f.path)) return false;
    seen.add(f.path);
    if (nameRe && !nameRe.test(basename(f.path))) return false;
    if (before !== undefined && !(f.stats.mtimeMs < before)) return false;
    if (after !== undefined && !(f.stats.mtimeMs > after)) return false;
    return true;
  });
  kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const recursive = o.bool('recursiveFileLookup', false);
  if (recursive) {
    return {
      partitionSchema: structType([]),
      files: kept.map((f) => ({
        path: f.path,
        size: f.stats.size,
        modificationTime: f.stats.mtimeMs,
        partitionValues: [],
      })),
    };
  }
  return discoverPartitions(kept, ctx);
}

/** `k=v` folder segments between a file's base path and the file, as (column, raw value) pairs. */
function partitionSpec(file: Listed): [string, string][] {
  const rel = relative(file.base, dirname(file.path));
  if (rel === '' || rel.startsWith('..')) return [];
  const spec: [string, string][] = [];
  for (const seg of rel.split(sep)) {
    const eq = seg.indexOf('=');
    // a folder without `=` ends the partition spec found so far (Spark starts again below it)
    if (eq <= 0) {
      spec.length = 0;
      continue;
    }
    spec.push([unescapePathName(seg.slice(0, eq)), seg.slice(eq + 1)]);
  }
  return spec;
}

function discoverPartitions(files: readonly Listed[], ctx: ListingContext): FileIndex {
  const specs = files.map(partitionSpec);
  const norm = (n: string) => (ctx.caseSensitive ? n : n.toLowerCase());
  const withSpec = specs.filter((s) => s.length > 0);
  if (withSpec.length === 0) {
    return {
      partitionSchema: structType([]),
      files: files.map((f) => ({
        path: f.path,
        size: f.stats.size,
        modificationTime: f.stats.mtimeMs,
        partitionValues: [],
      })),
    };
  }
  const names = withSpec[0]!.map(([k]) => k);
  const key = names.map(norm).join('/');
  const conflicting = specs.some((s) => s.map(([k]) => norm(k)).join('/') !== key);
  if (conflicting) {
    const suspicious = [
      ...new Set(
        files.map((f, i) => `\t${dirname(f.path)}: ${specs[i]!.map(([k]) => k).join(', ') || '(none)'}`),
      ),
    ];
    throw new AnalysisException(
      'CONFLICTING_DIRECTORY_STRUCTURES',
      `Conflicting directory structures detected. Suspicious paths:\n${suspicious.join('\n')}\nIf provided paths are partition directories, please set "basePath" in the options of the data source to specify the root directory of the table. If there are multiple root directories, please load them separately and then union them.`,
    );
  }
  const typed: TypedValue[][] = specs.map((s) =>
    s.map(([, raw]) => {
      const unescaped = unescapePathName(raw);
      return inferPartitionValue(unescaped, ctx.typeInference, ctx.timeZone);
    }),
  );
  const user = ctx.userSchema;
  const fields = names.map((name, i) => {
    const given = user?.fields.find((f) => norm(f.name) === norm(name));
    if (given) return structField(given.name, given.dataType, true);
    return structField(name, resolvePartitionType(typed.map((t) => t[i]!.dataType)), true);
  });
  const rawValues = specs.map((s) => s.map(([, raw]) => unescapePathName(raw)));
  return {
    partitionSchema: structType(fields),
    files: files.map((f, fi) => ({
      path: f.path,
      size: f.stats.size,
      modificationTime: f.stats.mtimeMs,
      partitionValues: fields.map((field, i) => {
        const given = user?.fields.some((u) => norm(u.name) === norm(field.name));
        // a user-given type is applied to the raw text; an inferred one to the inferred value
        const v = given ? inferPartitionValue(rawValues[fi]![i]!, false, ctx.timeZone) : typed[fi]![i]!;
        return castPartitionValue(v, field.dataType, ctx.timeZone);
      }),
    })),
  };
}
