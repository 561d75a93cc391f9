/**
 * The SQL golden corpus: every query of corpus/*.sql runs on Sluice over the tables in
 * fixtures/tables.json, and its column names, column types and rows (or error class) are compared
 * with what Apache Spark returned for the same query (fixtures/<file>.json, produced by
 * generate.py). Rows compare in order when the query ends in ORDER BY, sorted otherwise.
 *
 *   npx vitest run test/sql-engine/corpus.test.ts
 *   SQL_CORPUS_QUERY=tpch npx vitest run test/sql-engine/corpus.test.ts    names containing it
 *
 * Queries listed in known-gaps.json are expected to fail (with the reason recorded there); one
 * that starts passing fails the run until it is taken off the list, so the list stays true.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';
import { outputOf } from '../../src/plan/plan-output.js';
import { simpleString } from '../../src/types/data-type.js';
import { SluiceError } from '../../src/util/errors.js';
import { type Canonical, canon, sortRows } from './corpus-values.js';

interface Expected {
  name: string;
  sql: string;
  ordered: boolean;
  columns?: string[];
  types?: string[];
  rows?: Canonical[][];
  error?: string;
}

const HERE = import.meta.dirname;
const FIXTURES = join(HERE, 'fixtures');
const knownGaps = JSON.parse(readFileSync(join(HERE, 'known-gaps.json'), 'utf8')) as Record<string, string>;
const filter = process.env.SQL_CORPUS_QUERY;

const spark = Session.builder()
  .master('local[2]')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.shuffle.partitions', '4')
  .getOrCreate();
const tables = JSON.parse(readFileSync(join(FIXTURES, 'tables.json'), 'utf8')) as Record<
  string,
  { schema: string; rows: unknown[][] }
>;
for (const [name, t] of Object.entries(tables))
  spark.createDataFrame(t.rows, t.schema).createOrReplaceTempView(name);

const tally = { pass: 0, fail: 0, known: 0 };
afterAll(() => {
  spark.stop();
  const total = tally.pass + tally.fail + tally.known;
  console.log(
    `SQL corpus: ${tally.pass}/${total} queries match Spark (${tally.known} known gaps, ${tally.fail} unexpected failures)`,
  );
});

async function check(q: Expected): Promise<string | undefined> {
  let columns: string[];
  let types: string[];
  let rows: Canonical[][];
  try {
    const df = spark.sql(q.sql);
    const out = outputOf(df.plan);
    columns = out.map((a) => a.name);
    types = out.map((a) => simpleString(a.dataType));
    const internal = await spark.executeInternal(df.plan);
    rows = internal.map((r) => out.map((a, i) => canon(r[i], a.dataType)));
  } catch (e) {
    const cls = e instanceof SluiceError ? /^\[([^\]]+)\]/.exec(e.message)?.[1] : undefined;
    if (q.error !== undefined) {
      return cls === q.error ? undefined : `expected error ${q.error}, got ${cls ?? String(e)}`;
    }
    return `failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  if (q.error !== undefined) return `expected error ${q.error}, got ${rows.length} rows`;
  if (JSON.stringify(columns) !== JSON.stringify(q.columns))
    return `columns ${JSON.stringify(columns)} != ${JSON.stringify(q.columns)}`;
  if (JSON.stringify(types) !== JSON.stringify(q.types))
    return `types ${JSON.stringify(types)} != ${JSON.stringify(q.types)}`;
  const want = q.ordered ? q.rows! : sortRows(q.rows!);
  const got = q.ordered ? rows : sortRows(rows);
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  if (a === b) return undefined;
  return `rows differ:\n  got      ${a.slice(0, 600)}\n  expected ${b.slice(0, 600)}`;
}

for (const file of readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json') && f !== 'tables.json')
  .sort()) {
  const queries = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Expected[];
  describe(file.replace(/\.json$/, ''), () => {
    for (const q of queries.filter((x) => !filter || x.name.includes(filter))) {
      it(q.name, async () => {
        const failure = await check(q);
        const gap = knownGaps[q.name];
        if (gap !== undefined) {
          if (failure === undefined)
            expect.fail(`${q.name} now matches Spark: remove it from known-gaps.json`);
          tally.known++;
          return;
        }
        if (failure === undefined) tally.pass++;
        else tally.fail++;
        if (failure !== undefined) expect.fail(`${q.sql}\n${failure}`);
      });
    }
  });
}
