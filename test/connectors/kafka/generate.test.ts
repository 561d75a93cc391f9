/**
 * `sluice generate houses`: argument handling, the held rate, and the Kafka and file destinations
 * (the events are the deterministic house events, so the output is checked line for line).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, parseGenerateArgs } from '../../../src/cli/generate.js';
import { HouseEventGenerator } from '../../../src/generator/house-events.js';
import { BOOTSTRAP, readTopic, requireBroker, sorted, uniqueTopic } from './kafka-test-env.js';

beforeAll(() => requireBroker());

describe('sluice generate houses', () => {
  it('parses the documented options and rejects bad ones', () => {
    const o = parseGenerateArgs([
      'houses',
      '--bootstrap',
      BOOTSTRAP,
      '--topic',
      'kafka-input',
      '--format',
      'json',
      '--rate',
      '20000',
      '--seconds',
      '5',
    ]);
    expect(o).toMatchObject({
      what: 'houses',
      bootstrap: BOOTSTRAP,
      topic: 'kafka-input',
      format: 'json',
      rate: 20000,
      seconds: 5,
    });
    expect(() => parseGenerateArgs(['cats'])).toThrow(/unknown data set/);
    expect(() => parseGenerateArgs(['houses', '--topic', 't'])).toThrow(
      /--bootstrap and --topic go together/,
    );
    expect(() => parseGenerateArgs(['houses', '--rate', '-1'])).toThrow(/--rate must be a number/);
    expect(() => parseGenerateArgs(['houses', '--path', 'x', '--socket', 'h:1'])).toThrow(/one destination/);
  });

  it('produces the house events to Kafka at the requested rate and reports the count', async () => {
    const topic = uniqueTopic('generate');
    const r = await generate(
      parseGenerateArgs([
        'houses',
        '--bootstrap',
        BOOTSTRAP,
        '--topic',
        topic,
        '--rate',
        '2000',
        '--seconds',
        '1',
        '--partitions',
        '3',
      ]),
    );
    expect(r.count).toBe(2000);
    // the schedule never runs ahead of the rate: 2000 events at 2000/s take about a second
    expect(r.seconds).toBeGreaterThanOrEqual(0.99);
    const expected = [...new HouseEventGenerator({ eventsPerSecond: 2000 }).lines(0, 2000)];
    expect(sorted(await readTopic(topic))).toEqual(sorted(expected));
  });

  it('writes whole files (hidden while being written) with --path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-generate-'));
    const r = await generate(
      parseGenerateArgs(['houses', '--path', dir, '--rate', '500', '--count', '300', '--format', 'csv']),
    );
    expect(r.count).toBe(300);
    const files = readdirSync(dir).sort();
    expect(files.every((f) => /^houses-\d{6}\.csv$/.test(f))).toBe(true);
    const lines = files.flatMap((f) => readFileSync(join(dir, f), 'utf8').trimEnd().split('\n'));
    const gen = new HouseEventGenerator({ eventsPerSecond: 500 });
    expect(lines.length).toBe(300);
    const e = gen.event(299);
    expect(lines[299]).toBe(`${e.house},${e.character},${e.score},${e.ts}`);
  });
});
