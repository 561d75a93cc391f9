/**
 * Reliability: the broker goes away mid-stream and comes back. The streaming query must wait,
 * retry and resume with every record exactly once. Runs a second broker of its own (same
 * scripts/services.sh, other ports and folder) so stopping it does not disturb other tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../src/index.js';
import { createTopic, produce, requireBroker, sorted, uniqueTopic } from './kafka-test-env.js';

const REPO = resolve(import.meta.dirname, '../../..');
const PORT = Number(process.env.SLUICE_KAFKA_RESTART_TEST_PORT ?? 19092);
const BOOTSTRAP = `127.0.0.1:${PORT}`;
const MAIN_HOME = process.env.SLUICE_SERVICES_HOME ?? join(homedir(), '.cache', 'sluice-services');
const HOME = join(MAIN_HOME, `restart-test-${PORT}`);
const env = {
  ...process.env,
  SLUICE_SERVICES_HOME: HOME,
  SLUICE_KAFKA_PORT: String(PORT),
  SLUICE_KAFKA_CONTROLLER_PORT: String(PORT + 1),
};

function services(cmd: 'up' | 'down'): void {
  execFileSync(join(REPO, 'scripts', 'services.sh'), [cmd], { env, stdio: 'pipe', timeout: 420_000 });
}

const spark = Session.builder().master('local[2]').config('spark.sql.shuffle.partitions', 2).getOrCreate();

beforeAll(async () => {
  // reuse the main broker's jars: the second instance only needs its own config and data
  const libs = join(MAIN_HOME, 'kafka-4.1.1', 'libs');
  const mine = join(HOME, 'kafka-4.1.1');
  if (existsSync(libs) && !existsSync(join(mine, '.complete'))) {
    mkdirSync(mine, { recursive: true });
    if (!existsSync(join(mine, 'libs'))) symlinkSync(libs, join(mine, 'libs'));
    writeFileSync(join(mine, '.complete'), '');
  }
  services('up');
  await requireBroker(BOOTSTRAP);
  // a second JVM broker starting while the rest of the suite runs can take minutes on 2 cores
}, 480_000);

afterAll(async () => {
  await spark.stop();
  services('down');
  rmSync(join(HOME, 'kafka-data'), { recursive: true, force: true });
}, 120_000);

describe('kafka source across a broker restart', () => {
  it('waits while the broker is down, then resumes with no loss and no duplicates', async () => {
    const topic = uniqueTopic('restart');
    await createTopic(topic, 3, BOOTSTRAP);
    const first = Array.from({ length: 30 }, (_, i) => ({ value: `a${i}`, partition: i % 3 }));
    await produce(topic, first, BOOTSTRAP);
    const seen: string[] = [];
    const q = spark.readStream
      .format('kafka')
      .option('kafka.bootstrap.servers', BOOTSTRAP)
      .option('subscribe', topic)
      .option('startingOffsets', 'earliest')
      .option('kafka.default.api.timeout.ms', '120000')
      .load()
      .selectExpr('CAST(value AS STRING) AS v')
      .writeStream.option('checkpointLocation', mkdtempSync(join(tmpdir(), 'sluice-kafka-ckpt-')))
      .foreachBatch(async (df) => {
        for (const r of await df.collect()) seen.push(r.toArray()[0] as string);
      })
      .start();
    try {
      await q.processAllAvailable();
      expect(seen.length).toBe(30);
      services('down');
      await requireBroker(BOOTSTRAP).then(
        () => {
          throw new Error('the broker is still up');
        },
        () => undefined,
      );
      expect(q.isActive).toBe(true);
      services('up');
      await produce(
        topic,
        Array.from({ length: 30 }, (_, i) => ({ value: `b${i}`, partition: i % 3 })),
        BOOTSTRAP,
      );
      await q.processAllAvailable();
      expect(q.exception()).toBeNull();
      const expected = [...first.map((r) => r.value), ...Array.from({ length: 30 }, (_, i) => `b${i}`)];
      expect(sorted(seen)).toEqual(sorted(expected));
    } finally {
      await q.stop();
    }
  }, 300_000);
});
