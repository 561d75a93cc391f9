/**
 * The measuring side of the `kafka-latency` benchmark, identical for both engines: each engine's
 * job starts it as a child process, starts its own query, then says GO.
 *
 *   node --import tsx bench/kafka/latency-driver.ts <bootstrap> <topic> <pg-url> <table> <rate> <seconds> <seed>
 *
 * Protocol (lines): the driver creates the topic (3 partitions) and the workshop's table, prints
 * `READY`; on `GO` from stdin it produces events [0, rate × seconds) of the seeded house-events
 * stream at the rate, while a poller reads `SELECT sum(how_many)` from the table every ~2 ms;
 * when every event is visible (or after a timeout) it prints `LATENCY {json}` with the latency
 * percentiles and the final table, drops the topic and the table, and exits.
 *
 * Latency of event k = (first poll, completed after, that saw sum(how_many) ≥ k + 1) − (time the
 * producer was handed event k). Both engines process each partition in offset order and every
 * micro-batch takes all partitions up to their latest offsets, so the events visible at any time
 * are (up to the producer's per-partition batching, a few ms) a prefix of the produced stream.
 * The running maximum of the polled counts is used, so a transiently emptied table (Spark's
 * truncate-then-insert) is not a regression.
 */
import { createInterface } from 'node:readline';
import pg from 'pg';
import { KafkaClient } from '../../src/connectors/kafka/kafka-client.js';
import { kafkaClientConfig } from '../../src/connectors/kafka/kafka-config.js';
import { KafkaProducerClient, type OutgoingRecord } from '../../src/connectors/kafka/kafka-producer.js';
import { HouseEventGenerator } from '../../src/generator/house-events.js';

const TICK_MS = 5;
const POLL_GAP_MS = 2;
const DRAIN_TIMEOUT_MS = 120_000;
const PARTITIONS = 3;

const [bootstrap, topic, url, table, rateText, secondsText, seedText] = process.argv.slice(2);
if (!bootstrap || !topic || !url || !table || !rateText || !secondsText || !seedText) {
  throw new Error('usage: latency-driver.ts <bootstrap> <topic> <pg-url> <table> <rate> <seconds> <seed>');
}
const rate = Number(rateText);
const total = Math.round(rate * Number(secondsText));
const seed = Number(seedText);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Percentile by nearest rank over a sorted array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const kafkaOptions = { 'kafka.bootstrap.servers': bootstrap, 'kafka.acks': '1' };
const admin = new KafkaClient(kafkaClientConfig(kafkaOptions, 'source'));
await admin.createTopic(topic, PARTITIONS);
await admin.partitionCounts([topic]);
const db = new pg.Client({ connectionString: url });
await db.connect();
await db.query(`DROP TABLE IF EXISTS ${table}`);
await db.query(
  `CREATE TABLE ${table} (house character(30) PRIMARY KEY, how_many integer, sum_score integer, no_characters integer)`,
);
process.stdout.write('READY\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.on('line', (l) => l.trim() === 'GO' && resolve()));

const gen = new HouseEventGenerator({ seed });
const producer = new KafkaProducerClient(kafkaClientConfig(kafkaOptions, 'sink'));
const sendTime = new Float64Array(total);
const polls: { t: number; n: number }[] = [];
let visible = 0;
let producing = true;
const t0 = performance.now();

async function poll(): Promise<void> {
  const deadline = () => !producing && performance.now() - producedAt > DRAIN_TIMEOUT_MS;
  while (visible < total && !deadline()) {
    const r = await db.query(`SELECT coalesce(sum(how_many), 0)::int AS n FROM ${table}`);
    const n = r.rows[0].n as number;
    if (n > visible) {
      visible = n;
      polls.push({ t: performance.now(), n });
    }
    await sleep(POLL_GAP_MS);
  }
}

let producedAt = Number.POSITIVE_INFINITY;
async function produce(): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000));
    if (due > sent) {
      const records: OutgoingRecord[] = new Array(due - sent);
      const now = performance.now();
      for (let i = sent; i < due; i++) {
        sendTime[i] = now;
        records[i - sent] = {
          topic: topic!,
          partition: null,
          key: null,
          value: Buffer.from(gen.jsonLine(i)),
          headers: null,
        };
      }
      sent = due;
      const p: Promise<void> = producer.send(records).then(
        () => void inFlight.delete(p),
        (e) => {
          inFlight.delete(p);
          failure ??= e;
        },
      );
      inFlight.add(p);
      if (failure) throw failure;
    }
    await sleep(TICK_MS);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  producedAt = performance.now();
  producing = false;
}

await Promise.all([produce(), poll()]);
const produceMs = producedAt - t0;

// latency of every event that became visible
const latencies = new Float64Array(visible);
let pi = 0;
for (let k = 0; k < visible; k++) {
  while (polls[pi]!.n < k + 1) pi++;
  latencies[k] = polls[pi]!.t - sendTime[k]!;
}
latencies.sort();
const final = await db.query(
  `SELECT rtrim(house) AS house, how_many, sum_score, no_characters FROM ${table} ORDER BY house`,
);
const report = {
  events: total,
  visible,
  rate,
  achievedRate: Math.round(total / (produceMs / 1000)),
  produceMs: Math.round(produceMs),
  firstVisibleMs: polls.length > 0 ? polls[0]!.t - t0 : null,
  lastVisibleMs: polls.length > 0 ? polls.at(-1)!.t - t0 : null,
  p50Ms: percentile(latencies, 50),
  p90Ms: percentile(latencies, 90),
  p99Ms: percentile(latencies, 99),
  maxMs: percentile(latencies, 100),
  polls: polls.length,
  rows: final.rows.map((r) => [r.house, r.how_many, r.sum_score, r.no_characters]),
};
process.stdout.write(`LATENCY ${JSON.stringify(report)}\n`);
lines.close();
await producer.close();
await db.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
await db.end();
await admin.deleteTopic(topic).catch(() => undefined);
await admin.close();
// stdin (the job's pipe) would keep the process alive
process.exit(0);
