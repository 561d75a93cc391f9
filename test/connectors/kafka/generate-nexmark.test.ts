/**
 * `sluice generate nexmark`: options, and the same Nexmark events line for line on stdout, in
 * files and in a Kafka topic.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, parseGenerateArgs } from '../../../src/cli/generate.js';
import { NexmarkGenerator } from '../../../src/generator/nexmark/index.js';
import { BOOTSTRAP, readTopic, requireBroker, sorted, uniqueTopic } from './kafka-test-env.js';

beforeAll(() => requireBroker());

const BIN = resolve(import.meta.dirname, '../../../bin/sluice.js');

describe('sluice generate nexmark', () => {
  it('parses --events, --rate and --seed and rejects options that only fit house events', () => {
    expect(parseGenerateArgs(['nexmark', '--events', '100', '--seed', '3'])).toMatchObject({
      what: 'nexmark',
      count: 100,
      seed: 3,
      rate: 10_000,
      paced: false,
    });
    expect(parseGenerateArgs(['nexmark', '--rate', '500'])).toMatchObject({ rate: 500, paced: true });
    expect(() => parseGenerateArgs(['nexmark', '--key', 'house'])).toThrow(/does not apply to nexmark/);
    expect(() => parseGenerateArgs(['nexmark', '--format', 'csv'])).toThrow(/does not apply to nexmark/);
    expect(() => parseGenerateArgs(['houses', '--events', '5'])).toThrow(/--events is for nexmark/);
  });

  it('writes JSON lines to stdout without a destination', () => {
    const r = spawnSync(process.execPath, [BIN, 'generate', 'nexmark', '--events', '120', '--seed', '9'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([...new NexmarkGenerator({ seed: 9 }).lines(0, 120)]);
    expect(r.stderr).toMatch(/generated 120 events/);
  });

  it('writes files with --path and produces to Kafka with --bootstrap --topic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-generate-nexmark-'));
    const r = await generate(parseGenerateArgs(['nexmark', '--path', dir, '--events', '3000']));
    expect(r.count).toBe(3000);
    const files = readdirSync(dir).sort();
    expect(files.every((f) => /^nexmark-\d{6}\.json$/.test(f))).toBe(true);
    const lines = files.flatMap((f) => readFileSync(join(dir, f), 'utf8').trimEnd().split('\n'));
    expect(lines).toEqual([...new NexmarkGenerator().lines(0, 3000)]);

    const topic = uniqueTopic('generate-nexmark');
    const k = await generate(
      parseGenerateArgs([
        'nexmark',
        '--bootstrap',
        BOOTSTRAP,
        '--topic',
        topic,
        '--events',
        '500',
        '--rate',
        '5000',
      ]),
    );
    expect(k.count).toBe(500);
    expect(sorted(await readTopic(topic))).toEqual(
      sorted([...new NexmarkGenerator({ eventsPerSecond: 5000 }).lines(0, 500)]),
    );
  });

  it('produces megabytes of events unpaced to a partitioned topic and the command exits by itself', async () => {
    // 20,000 events ≈ 7 MB: more than one producer batch per partition may hold under the
    // broker's 1 MiB message limit, and several sends in flight at once
    const topic = uniqueTopic('generate-nexmark-large');
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'generate',
        'nexmark',
        '--events',
        '20000',
        '--bootstrap',
        BOOTSTRAP,
        '--topic',
        topic,
        '--partitions',
        '3',
      ],
      { encoding: 'utf8', timeout: 90_000 },
    );
    expect(r.error, r.stderr).toBeUndefined(); // a timeout (the process did not exit) sets error
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/generated 20000 events/);
    expect(sorted(await readTopic(topic))).toEqual(sorted([...new NexmarkGenerator().lines(0, 20_000)]));
  }, 120_000);
});
