/**
 * The Nexmark queries q0, q1, q2, q14, q15, q16, q17, q21, q22 (as the Nexmark suite used by
 * Flink, RisingWave and Arroyo defines them) in Spark SQL, over the views person/auction/bid of
 * the `nexmark` table. The SQL lives in queries/*.sql so the Sluice and pyspark jobs and the
 * correctness fixtures read the very same text.
 *
 * Invariant: every query reads only the `nexmark` view (registered by the caller over a stream
 * or a table) through views.sql; `stateful` queries aggregate (complete/update output),
 * the others are per-event maps and filters (append).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const QUERY_DIR = join(import.meta.dirname, 'queries');

export interface NexmarkQuery {
  readonly name: string;
  readonly stateful: boolean;
  /** Spark Structured Streaming refuses it (distinct aggregates); Spark runs it in batch only. */
  readonly sparkBatchOnly: boolean;
}

export const NEXMARK_QUERIES: readonly NexmarkQuery[] = [
  { name: 'q0', stateful: false, sparkBatchOnly: false },
  { name: 'q1', stateful: false, sparkBatchOnly: false },
  { name: 'q2', stateful: false, sparkBatchOnly: false },
  { name: 'q14', stateful: false, sparkBatchOnly: false },
  { name: 'q15', stateful: true, sparkBatchOnly: true },
  { name: 'q16', stateful: true, sparkBatchOnly: true },
  { name: 'q17', stateful: true, sparkBatchOnly: false },
  { name: 'q21', stateful: false, sparkBatchOnly: false },
  { name: 'q22', stateful: false, sparkBatchOnly: false },
];

export function nexmarkQuery(name: string): NexmarkQuery {
  const q = NEXMARK_QUERIES.find((x) => x.name === name);
  if (!q)
    throw new Error(
      `unknown Nexmark query '${name}' (available: ${NEXMARK_QUERIES.map((x) => x.name).join(', ')})`,
    );
  return q;
}

/** A .sql file's text without `--` comment lines. */
function sqlText(file: string): string {
  return readFileSync(join(QUERY_DIR, file), 'utf8')
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n')
    .trim();
}

/** The CREATE VIEW statements for person, auction and bid. */
export function viewStatements(): string[] {
  return sqlText('views.sql')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function querySql(name: string): string {
  nexmarkQuery(name);
  return sqlText(`${name}.sql`);
}
