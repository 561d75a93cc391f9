/**
 * The expected result of a Nexmark benchmark: the job's checksum (count, sum of hash(all output
 * columns)) computed by Sluice over the in-process `nexmark` source for the same events and seed
 * — a path that shares neither the JSON files nor Kafka nor JSON parsing with the benchmarked
 * runs, so a file or Kafka run that agrees with it read every event right. Computed once per
 * (events, seed, data version, query) by running bench/jobs/nexmark.ts in `generator` mode, and
 * cached as JSON in the data dir.
 *
 * Invariant: the cache is keyed by everything the answer depends on; a stale file is never
 * reused (the data version is in its name, the events/seed/query are checked inside).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RESULT_PREFIX } from '../harness/measure.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EVENTS_PER_TRIGGER = 100_000;

interface CachedExpected {
  readonly events: number;
  readonly seed: number;
  readonly query: string;
  readonly rows: unknown[][];
}

export function inProcessExpected(
  dataDir: string,
  dataVersion: number,
  events: number,
  seed: number,
  query: string,
  log: (line: string) => void,
): unknown[][] {
  const file = join(dataDir, `nexmark-expected-${events}-seed${seed}-v${dataVersion}-${query}.json`);
  if (existsSync(file)) {
    const c = JSON.parse(readFileSync(file, 'utf8')) as CachedExpected;
    if (c.events === events && c.seed === seed && c.query === query) return c.rows;
  }
  const t0 = performance.now();
  const args = [
    join(ROOT, 'bin/sluice.js'),
    'submit',
    '--master',
    'local',
    join(ROOT, 'bench/jobs/nexmark.ts'),
    'generator',
    String(events),
    String(seed),
    String(Math.min(EVENTS_PER_TRIGGER, events)),
    query,
  ];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = r.stdout?.split('\n').find((l) => l.includes(RESULT_PREFIX));
  if (r.status !== 0 || !line)
    throw new Error(
      `the in-process Nexmark run of ${query} (expected result) failed with status ${r.status}:\n${r.stderr}`,
    );
  const rows = (
    JSON.parse(line.slice(line.indexOf(RESULT_PREFIX) + RESULT_PREFIX.length)) as { result: unknown[][] }
  ).result;
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ events, seed, query, rows } satisfies CachedExpected)}\n`);
  renameSync(tmp, file);
  log(
    `expected result of ${query} from the in-process generator: ${JSON.stringify(rows)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  return rows;
}
