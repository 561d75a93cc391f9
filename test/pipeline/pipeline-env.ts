/**
 * What the end-to-end pipeline tests need besides the services: the `sluice` CLI run as a child
 * process (as a user runs it), an independent read of a Kafka topic, the house statistics
 * computed from raw events, and bounded polling.
 *
 * Independence: the expected statistics never come from Sluice. The topic is read back with the
 * Kafka client library directly (its own Fetch decoding, not Sluice's record-batch decoder), and
 * the statistics are computed here in plain JavaScript from the JSON lines.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Admin, Consumer } from '@platformatic/kafka';

export const REPO = join(import.meta.dirname, '..', '..');
const SLUICE_BIN = join(REPO, 'bin', 'sluice.js');

/** A running `sluice …` child process; its output is kept for failure messages. */
export interface SluiceProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  output(): string;
}

/** Runs `node bin/sluice.js <args>` from the repository root (needs `npm run build`). */
export function runSluice(args: readonly string[]): SluiceProcess {
  if (!existsSync(join(REPO, 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run `npm run build` first (the sluice CLI runs the compiled code).');
  const child = spawn(process.execPath, [SLUICE_BIN, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let done = false;
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  return { child, exited, running: () => !done, output: () => out };
}

/** Polls `probe` until it returns a value other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function kafkaConsumer(bootstrap: string): Consumer {
  return new Consumer({
    clientId: 'sluice-pipeline-test-reader',
    groupId: `sluice-pipeline-test-${process.pid}`,
    bootstrapBrokers: bootstrap.split(','),
  });
}

/** Partition count of a topic once every partition has a leader; undefined while it does not exist. */
export async function topicPartitions(bootstrap: string, topic: string): Promise<number | undefined> {
  const c = kafkaConsumer(bootstrap);
  try {
    const md = await c.metadata({ topics: [topic], forceUpdate: true, autocreateTopics: false });
    const tm = md.topics.get(topic);
    if (!tm?.partitions.every((p) => p.leader >= 0)) return undefined;
    return tm.partitionsCount;
  } catch {
    return undefined;
  } finally {
    await c.close();
  }
}

/** Every record value of the topic (as text), read from offset 0 up to each partition's end. */
export async function readTopicValues(bootstrap: string, topic: string): Promise<string[]> {
  const c = kafkaConsumer(bootstrap);
  const dec = new TextDecoder();
  try {
    const md = await c.metadata({ topics: [topic], forceUpdate: true, autocreateTopics: false });
    const tm = md.topics.get(topic);
    if (!tm) throw new Error(`topic ${topic} does not exist`);
    const ends = (await c.listOffsets({ topics: [topic] })).get(topic) ?? [];
    const values: string[] = [];
    for (let p = 0; p < tm.partitionsCount; p++) {
      const pm = tm.partitions[p]!;
      const end = ends[p] ?? 0n;
      let next = 0n;
      while (next < end) {
        const res = await c.fetch({
          node: pm.leader,
          maxWaitTime: 500,
          topics: [
            {
              topicId: tm.id,
              partitions: [
                {
                  partition: p,
                  currentLeaderEpoch: pm.leaderEpoch,
                  fetchOffset: next,
                  lastFetchedEpoch: -1,
                  partitionMaxBytes: 8 << 20,
                },
              ],
            },
          ],
        });
        const part = res.responses[0]?.partitions[0];
        if (part?.errorCode !== 0) throw new Error(`fetch ${topic}-${p}@${next} failed (${part?.errorCode})`);
        const before = next;
        for (const batch of part.records ?? []) {
          for (const r of batch.records) {
            const offset = batch.firstOffset + BigInt(r.offsetDelta);
            if (offset < next || offset >= end) continue;
            values.push(r.value === null ? 'null' : dec.decode(r.value));
            next = offset + 1n;
          }
        }
        if (next === before) throw new Error(`fetch ${topic}-${p}@${next} returned no records before ${end}`);
      }
    }
    return values;
  } finally {
    await c.close();
  }
}

export async function deleteTopic(bootstrap: string, topic: string): Promise<void> {
  const admin = new Admin({ clientId: 'sluice-pipeline-test-admin', bootstrapBrokers: bootstrap.split(',') });
  try {
    await admin.deleteTopics({ topics: [topic] });
  } finally {
    await admin.close();
  }
}

export interface HouseStat {
  readonly house: string;
  readonly how_many: number;
  readonly sum_score: number;
  readonly no_characters: number;
}

/** Spark's non-ANSI CAST(string AS INT) for the integers the events carry; null otherwise. */
function castInt(s: unknown): number | null {
  if (typeof s !== 'string' || !/^\s*[+-]?\d+\s*$/.test(s)) return null;
  const n = Number(s.trim());
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : null;
}

/** Per house: count, sum of score as int, exact number of distinct characters; sorted by house. */
export function houseStats(jsonLines: readonly string[]): HouseStat[] {
  const byHouse = new Map<string, { n: number; sum: number; characters: Set<string> }>();
  for (const line of jsonLines) {
    const e = JSON.parse(line) as { house: string; character: string; score: string };
    let s = byHouse.get(e.house);
    if (!s) byHouse.set(e.house, (s = { n: 0, sum: 0, characters: new Set() }));
    s.n++;
    s.sum += castInt(e.score) ?? 0;
    if (e.character !== null && e.character !== undefined) s.characters.add(e.character);
  }
  return [...byHouse.entries()]
    .map(([house, s]) => ({ house, how_many: s.n, sum_score: s.sum, no_characters: s.characters.size }))
    .sort((a, b) => (a.house < b.house ? -1 : a.house > b.house ? 1 : 0));
}
