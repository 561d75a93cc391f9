/** Shared helpers of the file-connector tests: a session, temporary folders, rows as text. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type DataFrame, Session } from '../../../src/index.js';

export const spark = Session.builder()
  .master('local[2]')
  .config('spark.sql.session.timeZone', 'UTC')
  .getOrCreate();

export function tempDir(prefix = 'sluice-files-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes text (gzip when the name ends in .gz), creating folders. */
export function put(root: string, rel: string, text: string): string {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, rel.endsWith('.gz') ? gzipSync(Buffer.from(text)) : text);
  return p;
}

/** Rows with every column cast to string (exact timestamps and decimals), sorted. */
export async function textRows(df: DataFrame): Promise<(string | null)[][]> {
  const cols = df.columns.map((c) => `cast(\`${c}\` as string) as \`${c}\``);
  const rows = (await df.selectExpr(...cols).collect()).map((r) => r.toArray() as (string | null)[]);
  return rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Plain row arrays, sorted. */
export async function plainRows(df: DataFrame): Promise<unknown[][]> {
  const rows = (await df.collect()).map((r) => r.toArray());
  return rows.sort((a, b) => (JSON.stringify(a, big) < JSON.stringify(b, big) ? -1 : 1));
}

function big(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}
