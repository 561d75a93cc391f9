import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/harness/args.js';
import { formatBytes, formatCount, formatRatio } from '../../bench/harness/format.js';
import type { MachineInfo } from '../../bench/harness/machine.js';
import { appendResults, renderReport } from '../../bench/harness/report.js';
import { interleave } from '../../bench/harness/runner.js';
import { median, type RunRecord, ratios, summarize, type Variant } from '../../bench/harness/stats.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(
  engine: 'sluice' | 'spark',
  master: string,
  rep: number,
  processingMs: number,
  rss?: number,
): RunRecord {
  return {
    engine,
    master,
    rep,
    wallMs: processingMs + 1000,
    processingMs,
    firstResultMs: processingMs,
    rowsPerSec: 1_000_000 / (processingMs / 1000),
    peakRssBytes: rss,
    cpuMs: processingMs * 1.5,
  };
}

const SL: Variant = { engine: 'sluice', master: 'local' };
const SP: Variant = { engine: 'spark', master: 'local[1]' };
const records = [
  run('sluice', 'local', 1, 1000, 100 * 2 ** 20),
  run('spark', 'local[1]', 1, 4000, 500 * 2 ** 20),
  run('sluice', 'local', 2, 3000, 120 * 2 ** 20),
  run('spark', 'local[1]', 2, 2000, 400 * 2 ** 20),
  run('sluice', 'local', 3, 2000, 110 * 2 ** 20),
  run('spark', 'local[1]', 3, 3000, 450 * 2 ** 20),
];

const machine: MachineInfo = {
  cores: 2,
  cpuModel: 'Test CPU',
  memoryBytes: 8 * 1024 ** 3,
  os: 'Linux test',
  node: 'v20.0.0',
  java: 'openjdk version "17"',
  pyspark: '4.3.0',
  sluice: '0.1.0',
  loadAverage: 0.25,
};

describe('stats', () => {
  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('summarizes per variant and divides Sluice by Spark', () => {
    const s = summarize(records, [SL, SP]);
    expect(s.map((x) => [x.engine, x.runs, x.processingMs, x.processingMinMs, x.processingMaxMs])).toEqual([
      ['sluice', 3, 2000, 1000, 3000],
      ['spark', 3, 3000, 2000, 4000],
    ]);
    expect(s[0]!.peakRssBytes).toBe(110 * 2 ** 20);
    const [r] = ratios(s, [[SL, SP]]);
    expect(r!.processing).toBeCloseTo(2000 / 3000);
    expect(r!.throughput).toBeCloseTo(500_000 / (1_000_000 / 3));
    expect(r!.wall).toBeCloseTo(3000 / 4000);
    expect(r!.peakRss).toBeCloseTo(110 / 450);
    expect(r!.cpu).toBeCloseTo(2000 / 3000);
  });

  it('skips pairs with a side that was not run', () => {
    const s = summarize(records, [SL, SP]);
    expect(ratios(s, [[{ engine: 'sluice', master: 'local[2]' }, SP]])).toEqual([]);
  });

  it('interleaves engines A B A B', () => {
    expect(interleave(['local', 'local[2]'], ['local[1]', 'local[2]'])).toEqual([
      { engine: 'sluice', master: 'local' },
      { engine: 'spark', master: 'local[1]' },
      { engine: 'sluice', master: 'local[2]' },
      { engine: 'spark', master: 'local[2]' },
    ]);
    expect(interleave(['local', 'local[2]'], [])).toEqual([
      { engine: 'sluice', master: 'local' },
      { engine: 'sluice', master: 'local[2]' },
    ]);
  });
});

describe('report', () => {
  const summaries = summarize(records, [SL, SP]);
  const text = renderReport({
    benchmark: 'house-stats',
    summary: 'What it measures.',
    date: new Date(Date.UTC(2025, 0, 2, 3, 4)),
    command: 'npm run bench -- house-stats',
    machine,
    data: '1,000,000 JSON lines',
    reps: 3,
    rssMethod: 'gnu-time',
    summaries,
    ratios: ratios(summaries, [[SL, SP]]),
    notes: ['A note.'],
  });

  const squeezed = text
    .replace(/ +/g, ' ')
    .replace(/-+:/g, '-:')
    .replace(/\| -+ /g, '| - ');

  it('has the context, the medians and the ratios', () => {
    expect(text).toMatch(/^## house-stats — 2025-01-02 03:04 UTC\n/);
    expect(text).toContain('- Command: `npm run bench -- house-stats`');
    expect(text).toContain('2 cores (Test CPU), 8.0 GiB RAM');
    expect(text).toContain('Node v20.0.0; openjdk version "17"; pyspark 4.3.0; Sluice 0.1.0');
    expect(text).toContain('GNU time');
    expect(squeezed).toContain(
      '| engine | master | runs | wall s | CPU s | processing ms (min–max) | first result ms | rows/s | peak RSS MiB |',
    );
    expect(squeezed).toContain(
      '| Sluice / Spark | wall time | CPU time | processing time | throughput (rows/s) | peak RSS |',
    );
    expect(text).toContain('- A note.');
    expect(squeezed).toContain(
      '| Sluice | local | 3 | 3.00 | 3.00 | 2,000 (1,000–3,000) | 2,000 | 500,000 | 110 |',
    );
    expect(squeezed).toContain(
      '| Spark | local[1] | 3 | 4.00 | 4.50 | 3,000 (2,000–4,000) | 3,000 | 333,333 | 450 |',
    );
    expect(squeezed).toContain('| Sluice local vs Spark local[1] | 0.75× | 0.67× | 0.67× | 1.50× | 0.24× |');
  });

  it('is laid out the way the formatter wants (RESULTS.md stays lint-clean)', () => {
    const biome = join(import.meta.dirname, '../../node_modules/.bin/biome');
    const r = spawnSync(biome, ['format', '--stdin-file-path=RESULTS.md'], { input: text, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(text);
  });

  it('adds warm columns when the jobs ran warm', () => {
    const warmRecords = records.map((r) => ({
      ...r,
      warmProcessingMs: r.processingMs / 2,
      warmRowsPerSec: 2 * r.rowsPerSec,
    }));
    const s = summarize(warmRecords, [SL, SP]);
    const w = renderReport({
      benchmark: 'house-stats',
      summary: 'What it measures.',
      date: new Date(Date.UTC(2025, 0, 2, 3, 4)),
      command: 'npm run bench -- house-stats --warm',
      machine,
      data: '1,000,000 JSON lines',
      reps: 3,
      rssMethod: 'proc',
      summaries: s,
      ratios: ratios(s, [[SL, SP]]),
      notes: [],
    }).replace(/ +/g, ' ');
    expect(w).toContain('second run of the same query');
    expect(w).toContain('| 2,000 | 500,000 | 1,000 | 1,000,000 | 110 |');
    expect(w).toContain('| warm throughput | peak RSS |');
    expect(w).toContain('| 1.50× | 1.50× | 0.24× |');
    expect(text).not.toContain('warm');
  });

  it('appends to RESULTS.md, creating it with a header', () => {
    const path = join(dir, 'RESULTS.md');
    appendResults(path, text);
    appendResults(path, text);
    const content = readFileSync(path, 'utf8');
    expect(content.startsWith('# Benchmark results\n')).toBe(true);
    expect(content.split('## house-stats').length).toBe(3);
  });

  it('formats numbers', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatCount(-1000)).toBe('-1,000');
    expect(formatBytes(94_015_294)).toBe('94.0 MB');
    expect(formatBytes(12)).toBe('12 B');
    expect(formatRatio(0.0123)).toBe('0.012×');
    expect(formatRatio(12.34)).toBe('12.3×');
    expect(formatRatio(undefined)).toBe('n/a');
  });
});

describe('parseBenchArgs', () => {
  it('has the documented defaults', () => {
    const o = parseBenchArgs(['house-stats'], 'R.md');
    expect(o).toMatchObject({
      names: ['house-stats'],
      rows: undefined,
      reps: 3,
      quick: false,
      sluiceMasters: ['local', 'local[2]'],
      sparkMasters: ['local[1]', 'local[2]'],
      results: 'R.md',
      build: true,
      installPyspark: true,
    });
  });

  it('makes --quick small, single, local-only and unrecorded', () => {
    const o = parseBenchArgs(['all', '--quick'], 'R.md');
    expect(o).toMatchObject({
      reps: 1,
      sparkMasters: ['local[1]'],
      results: undefined,
      installPyspark: false,
    });
    expect(parseBenchArgs(['all', '--quick', '--results', 'x.md'], 'R.md').results).toBe('x.md');
  });

  it('parses values and rejects nonsense', () => {
    const o = parseBenchArgs(
      ['house-stats', '--rows', '1_000', '--reps', '5', '--engines', 'sluice', '--no-results'],
      'R.md',
    );
    expect(o).toMatchObject({ rows: 1000, reps: 5, engines: ['sluice'], results: undefined, warm: false });
    expect(parseBenchArgs(['x', '--warm'], 'R.md').warm).toBe(true);
    expect(() => parseBenchArgs([], 'R.md')).toThrow(/which benchmark/);
    expect(() => parseBenchArgs(['x', '--rows', '0'], 'R.md')).toThrow(/positive integer/);
    expect(() => parseBenchArgs(['x', '--engines', 'flink'], 'R.md')).toThrow(/unknown engine/);
    expect(() => parseBenchArgs(['x', '--frobnicate'], 'R.md')).toThrow(/unknown option/);
  });
});
