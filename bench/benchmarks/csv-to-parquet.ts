/**
 * Benchmark `csv-to-parquet`: converts a generated CSV file (≥ 1 GB at the default size) to
 * Parquet — read with a header and an explicit schema, write snappy Parquet — then validates the
 * output by reading it back: row count and checksums (sum(id), sum(qty), sum of amounts in cents,
 * total note length, min/max timestamp). Only the conversion is timed; the read-back result is
 * what the harness compares with the expected result (computed by the generator) and across
 * engines. Each engine writes its own output folder next to the CSV and removes it afterwards.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Benchmark, PrepareContext, PreparedData } from '../harness/benchmark.js';
import { formatBytes, formatCount } from '../harness/format.js';

/** Bump when the generator's output changes, so stale files are regenerated. */
const DATA_VERSION = 1;
const CHUNK = 16_384;
const CITIES = [
  'London',
  'Paris',
  'Berlin',
  'Madrid',
  'Rome',
  'Lisbon',
  'Vienna',
  'Prague',
  'Oslo',
  'Dublin',
];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
const BASE_MICROS = Date.UTC(2024, 0, 1) * 1000;

interface DataMeta {
  readonly version: number;
  readonly rows: number;
  readonly bytes: number;
  readonly expected: unknown[][];
}

/** A deterministic pseudo-random integer in [0, n) for row `i` and salt `s`. */
function pick(i: number, s: number, n: number): number {
  let x = Math.imul(i ^ (s * 0x9e3779b1), 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0) % n;
}

function timestampText(micros: number): string {
  return new Date(micros / 1000).toISOString().replace('T', ' ').replace('.000Z', '');
}

function writeCsv(path: string, rows: number): DataMeta {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let bytes = writeSync(fd, 'id,name,city,amount,qty,ts,flag,note\n');
  let sumId = 0;
  let sumQty = 0;
  let sumCents = 0;
  let noteChars = 0;
  let minTs = Number.POSITIVE_INFINITY;
  let maxTs = Number.NEGATIVE_INFINITY;
  try {
    for (let from = 0; from < rows; from += CHUNK) {
      const to = Math.min(rows, from + CHUNK);
      const lines: string[] = new Array(to - from);
      for (let i = from; i < to; i++) {
        const cents = pick(i, 1, 10_000_000);
        const qty = pick(i, 2, 1000);
        const ts = BASE_MICROS + pick(i, 3, 31_536_000) * 1_000_000;
        const note = `${WORDS[pick(i, 4, 10)]} ${WORDS[pick(i, 5, 10)]} ${WORDS[pick(i, 6, 10)]} item ${pick(i, 7, 100000)}`;
        const name = `customer_${pick(i, 8, 1_000_000)}`;
        lines[i - from] =
          `${i},${name},${CITIES[pick(i, 9, 10)]},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},${qty},${timestampText(ts)},${pick(i, 10, 2) === 1},"${note}, batch ${i % 97}"`;
        sumId += i;
        sumQty += qty;
        sumCents += cents;
        noteChars += note.length + `, batch ${i % 97}`.length;
        if (ts < minTs) minTs = ts;
        if (ts > maxTs) maxTs = ts;
      }
      bytes += writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const expected = [[rows, sumId, sumQty, sumCents, noteChars, timestampText(minTs), timestampText(maxTs)]];
  return { version: DATA_VERSION, rows, bytes, expected };
}

async function prepare(ctx: PrepareContext): Promise<PreparedData> {
  mkdirSync(ctx.dataDir, { recursive: true });
  const path = join(ctx.dataDir, `csv-to-parquet-${ctx.rows}-v${DATA_VERSION}.csv`);
  const metaPath = `${path}.meta.json`;
  let meta: DataMeta | undefined;
  if (existsSync(path) && existsSync(metaPath)) {
    const m = JSON.parse(readFileSync(metaPath, 'utf8')) as DataMeta;
    if (m.version === DATA_VERSION && m.rows === ctx.rows && m.bytes === statSync(path).size) meta = m;
  }
  if (meta) ctx.log(`reusing ${path}`);
  else {
    const t0 = performance.now();
    meta = writeCsv(path, ctx.rows);
    writeFileSync(metaPath, `${JSON.stringify(meta)}\n`);
    ctx.log(`generated ${path} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return {
    jobArgs: [path],
    rows: ctx.rows,
    description: `${formatCount(ctx.rows)} CSV rows, ${formatBytes(meta.bytes)} → snappy Parquet`,
    expected: meta.expected,
  };
}

export const csvToParquet: Benchmark = {
  name: 'csv-to-parquet',
  summary:
    'Batch: read a CSV file (header, explicit schema) → write snappy Parquet; the output is read ' +
    'back (count + checksums) to validate it. Only the conversion is timed.',
  defaultRows: 10_000_000,
  quickRows: 5_000,
  sluiceJob: 'bench/jobs/csv-to-parquet.ts',
  sparkJob: 'bench/jobs/csv_to_parquet.py',
  prepare,
};
