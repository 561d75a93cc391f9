/**
 * The seed pipeline end to end, with real services and the CLI as a user runs it:
 *
 *   sluice generate houses --bootstrap … --topic T --partitions 3 --rate 2 --seconds 5
 *   sluice submit examples/house-statistics-streaming.ts --bootstrap … --topic T
 *       --url jdbc:postgresql://… --table H --checkpoint C            (a separate process)
 *   sluice generate houses … --rate 20000 --seconds 5                 (query SIGKILLed meanwhile,
 *                                                                      then restarted on C)
 *
 * After each generator run, once the query has caught up, `select * from H` must equal the
 * statistics this test computes itself from every event in the topic (read back independently
 * of Sluice). "Caught up" is a bounded poll of the table, never a fixed sleep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, JDBC_URL, uniqueTable } from '../connectors/jdbc/jdbc-test-helpers.js';
import { BOOTSTRAP, requireBroker, uniqueTopic } from '../connectors/kafka/kafka-test-env.js';
import {
  deleteTopic,
  type HouseStat,
  houseStats,
  readTopicValues,
  runSluice,
  type SluiceProcess,
  topicPartitions,
  waitFor,
} from './pipeline-env.js';

const topic = uniqueTopic('kafka-input');
const table = uniqueTable('housestats');
const checkpoint = mkdtempSync(join(tmpdir(), 'sluice-pipeline-'));
let admin: pg.Client;
const processes: SluiceProcess[] = [];

beforeAll(async () => {
  await requireBroker();
  admin = await adminClient();
  // the table, created by hand as the workshop does (the sink writes into it as it is)
  await admin.query(`create table ${table} (
     house character(30) primary key,
     how_many integer,
     sum_score integer,
     no_characters integer
  )`);
});

afterAll(async () => {
  for (const p of processes) if (p.running()) p.child.kill('SIGKILL');
  await Promise.all(processes.map((p) => p.exited));
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.query('DELETE FROM _sluice_sink_commits WHERE sink_table = $1', [table]).catch(() => undefined);
  await admin.end();
  await deleteTopic(BOOTSTRAP, topic).catch(() => undefined);
  rmSync(checkpoint, { recursive: true, force: true });
});

function generator(rate: number, seconds: number): SluiceProcess {
  const p = runSluice([
    'generate',
    'houses',
    '--bootstrap',
    BOOTSTRAP,
    '--topic',
    topic,
    '--partitions',
    '3',
    '--rate',
    String(rate),
    '--seconds',
    String(seconds),
  ]);
  processes.push(p);
  return p;
}

function query(): SluiceProcess {
  const p = runSluice([
    'submit',
    'examples/house-statistics-streaming.ts',
    '--bootstrap',
    BOOTSTRAP,
    '--topic',
    topic,
    '--starting-offsets',
    'earliest',
    '--url',
    JDBC_URL,
    '--table',
    table,
    '--checkpoint',
    checkpoint,
    '--quiet',
  ]);
  processes.push(p);
  return p;
}

async function finished(p: SluiceProcess, what: string): Promise<void> {
  const r = await p.exited;
  expect(r, `${what}:\n${p.output()}`).toEqual({ code: 0, signal: null });
}

/** `select * from housestats`, with character(30)'s padding removed, sorted by house. */
async function tableRows(): Promise<HouseStat[]> {
  const r = await admin.query(`select * from ${table}`);
  return r.rows
    .map((x) => ({
      house: (x.house as string).trimEnd(),
      how_many: x.how_many as number,
      sum_score: x.sum_score as number,
      no_characters: x.no_characters as number,
    }))
    .sort((a, b) => (a.house < b.house ? -1 : a.house > b.house ? 1 : 0));
}

/** The `batch N: X events` lines the example prints with --quiet. */
function batches(p: SluiceProcess): { id: number; events: number }[] {
  return [...p.output().matchAll(/^batch (\d+): (\d+) events$/gm)].map((m) => ({
    id: Number(m[1]),
    events: Number(m[2]),
  }));
}

/** Events in the table when the query is killed: well into the fast run, before its end. */
const KILL_AFTER = 10 + 2_000;

const total = (rows: readonly HouseStat[]) => rows.reduce((n, r) => n + r.how_many, 0);

/** Waits (bounded) until the table equals `expected`, then asserts it; the query must stay up. */
async function expectCaughtUp(q: SluiceProcess, expected: HouseStat[], timeoutMs: number): Promise<void> {
  let last: HouseStat[] = [];
  try {
    await waitFor(`${table} to equal the statistics of ${total(expected)} events`, timeoutMs, async () => {
      if (!q.running()) throw new Error(`the query exited:\n${q.output()}`);
      last = await tableRows();
      return JSON.stringify(last) === JSON.stringify(expected) ? true : undefined;
    });
  } catch (e) {
    // show the difference, not just the timeout
    expect(last, `${(e as Error).message}\nquery output:\n${q.output().slice(-3000)}`).toEqual(expected);
  }
  expect(await tableRows()).toEqual(expected);
}

it('keeps housestats exact through a slow run, a fast run and a SIGKILL of the query', async () => {
  const t0 = Date.now();
  const at = (): string => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  const timeline: string[] = [];
  // phase 1: 2 events/s for 5 s; the query starts once the generator has created the topic
  const slow = generator(2, 5);
  const partitions = await waitFor('the generator to create the topic', 20_000, () =>
    topicPartitions(BOOTSTRAP, topic),
  );
  expect(partitions).toBe(3);
  let q = query();
  await finished(slow, 'sluice generate --rate 2');
  const afterSlow = houseStats(await readTopicValues(BOOTSTRAP, topic));
  expect(total(afterSlow)).toBe(10);
  await expectCaughtUp(q, afterSlow, 30_000);
  timeline.push(`slow run exact ${at()}`);

  // phase 2: 20,000 events/s for 5 s; kill the query once the table shows progress
  const fast = generator(20_000, 5);
  await waitFor('the table to show rows of the fast run', 30_000, async () => {
    if (!q.running()) throw new Error(`the query exited:\n${q.output()}`);
    return total(await tableRows()) > KILL_AFTER ? true : undefined;
  });
  // killed during the fast run, not after it
  expect(fast.running()).toBe(true);
  const killed = q;
  q.child.kill('SIGKILL');
  expect((await q.exited).signal).toBe('SIGKILL');
  const atKill = total(await tableRows());
  timeline.push(`killed with ${atKill} events in the table ${at()}`);

  // restart from the same checkpoint while (or after) the generator finishes
  q = query();
  await finished(fast, 'sluice generate --rate 20000');
  timeline.push(`generator done ${at()}`);
  const values = await readTopicValues(BOOTSTRAP, topic);
  expect(values.length).toBe(10 + 100_000);
  const afterFast = houseStats(values);
  await expectCaughtUp(q, afterFast, 60_000);
  timeline.push(`fast run exact ${at()}`);
  console.log(`pipeline: ${timeline.join(', ')}`);
  expect(atKill).toBeLessThan(values.length);
  // the restart resumed from the checkpoint: it went on from the killed run's batch ids and read
  // only what that run had not committed (at most the events of one batch the table holds twice
  // over: written to the database, not yet to the commit log, re-run as a no-op write)
  const before = batches(killed);
  const after = batches(q);
  expect(after[0]?.id, q.output()).toBeGreaterThan(0);
  expect(after[0]!.id).toBeGreaterThan(before.at(-1)!.id);
  const reread = after.reduce((n, b) => n + b.events, 0);
  expect(reread).toBeGreaterThanOrEqual(values.length - atKill);
  expect(reread).toBeLessThan(values.length - 10);
  q.child.kill('SIGTERM');
  await q.exited;
}, 180_000);
