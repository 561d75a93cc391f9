/**
 * The streaming benchmarks' pieces that do not need an engine: their data sets (files whose
 * contents tally to the expected answer, reused when the spec matches), the approximate-answer
 * tolerance of stream-house-stats, the percentile the drivers use, and the harness's extra
 * metrics (parsed, summarized as medians, divided Sluice/Spark, laid out in the report).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StreamSpec } from '../../bench/benchmarks/stream-files.js';
import { streamHouseStats } from '../../bench/benchmarks/stream-house-stats.js';
import { STREAM_METRICS, streamWordcount } from '../../bench/benchmarks/stream-wordcount.js';
import { parseJobReport } from '../../bench/harness/measure.js';
import { renderReport } from '../../bench/harness/report.js';
import { type RunRecord, ratios, summarize, type Variant } from '../../bench/harness/stats.js';
import { percentile } from '../../bench/jobs/stream-job.js';

const dir = mkdtempSync(join(tmpdir(), 'stream-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = () => {};

function lines(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((f) =>
      readFileSync(join(folder, f), 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    );
}

describe('stream-wordcount data', () => {
  it('writes backlog and live files whose word counts are the expected result', async () => {
    const prepared = await streamWordcount.prepare({ rows: 300, dataDir: dir, quick: true, log });
    const spec = JSON.parse(readFileSync(prepared.jobArgs[0]!, 'utf8')) as StreamSpec;
    expect(readdirSync(spec.backlogDir)).toHaveLength(spec.backlogFiles);
    expect(readdirSync(spec.liveDir)).toHaveLength(spec.liveFiles);
    const tally = (phase: string, folder: string) => {
      const counts = new Map<string, number>();
      for (const l of lines(folder)) for (const w of l.split(' ')) counts.set(w, (counts.get(w) ?? 0) + 1);
      return [...counts].map(([w, c]) => [phase, w, c]);
    };
    const backlog = lines(spec.backlogDir);
    expect(backlog).toHaveLength(300);
    expect(lines(spec.liveDir)).toHaveLength(spec.liveRows);
    const sort = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sort([...tally('backlog', spec.backlogDir), ...tally('live', spec.liveDir)])).toEqual(
      sort(spec.expected),
    );
    // the two phases never share rows
    expect(new Set([...backlog, ...lines(spec.liveDir)]).size).toBeGreaterThan(backlog.length);
  });

  it('reuses a data set whose spec matches', async () => {
    const messages: string[] = [];
    await streamWordcount.prepare({ rows: 300, dataDir: dir, quick: true, log: (m) => messages.push(m) });
    expect(messages.join('\n')).toContain('reusing');
  });
});

describe('stream-house-stats', () => {
  const match = streamHouseStats.matches!;
  const expected = [['backlog', 'Gryffindor', 10, 55, 100]];

  it('prepares one row per house and phase with the exact distinct count', async () => {
    const prepared = await streamHouseStats.prepare({ rows: 400, dataDir: dir, quick: true, log });
    expect(prepared.rows).toBe(400);
    const phases = new Set(prepared.expected!.map((r) => r[0]));
    expect(phases).toEqual(new Set(['backlog', 'live']));
    expect(prepared.notes!.join(' ')).toContain('approx_count_distinct');
  });

  it('accepts an approximate distinct count within 3 × rsd and nothing else', () => {
    expect(match([['backlog', 'Gryffindor', 10, 55, 100]], expected)).toBe(true);
    expect(match([['backlog', 'Gryffindor', 10, 55, 114]], expected)).toBe(true);
    expect(match([['backlog', 'Gryffindor', 10, 55, 116]], expected)).toBe(false);
    expect(match([['backlog', 'Gryffindor', 11, 55, 100]], expected)).toBe(false);
    expect(match([['live', 'Gryffindor', 10, 55, 100]], expected)).toBe(false);
    expect(match([], expected)).toBe(false);
  });
});

describe('percentile (nearest rank)', () => {
  it('picks the value at rank ceil(p × n)', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 50)).toBe(3);
    expect(percentile(xs, 99)).toBe(5);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe('extra metrics in the harness', () => {
  it('parses them from the job line, keeping numbers only', () => {
    const r = parseJobReport(
      'BENCH_RESULT {"processingMs":10,"result":[],"metrics":{"batchP50Ms":12.5,"bad":"x","batchP99Ms":40}}',
    );
    expect(r!.metrics).toEqual({ batchP50Ms: 12.5, batchP99Ms: 40 });
  });

  it('takes medians per variant, divides Sluice by Spark and shows a column for each', () => {
    const rec = (engine: 'sluice' | 'spark', master: string, rep: number, p50: number): RunRecord => ({
      engine,
      master,
      rep,
      wallMs: 1000,
      processingMs: 100,
      firstResultMs: 50,
      rowsPerSec: 10,
      peakRssBytes: undefined,
      cpuMs: undefined,
      metrics: { batchP50Ms: p50, batchP99Ms: p50 * 2, startToFirstBatchMs: p50 * 10 },
    });
    const SL: Variant = { engine: 'sluice', master: 'local' };
    const SP: Variant = { engine: 'spark', master: 'local[1]' };
    const summaries = summarize(
      [
        rec('sluice', 'local', 1, 10),
        rec('sluice', 'local', 2, 30),
        rec('sluice', 'local', 3, 20),
        rec('spark', 'local[1]', 1, 200),
      ],
      [SL, SP],
    );
    expect(summaries[0]!.metrics.batchP50Ms).toBe(20);
    const rs = ratios(summaries, [[SL, SP]]);
    expect(rs[0]!.metrics.batchP50Ms).toBeCloseTo(0.1);
    const text = renderReport({
      benchmark: 'stream-x',
      summary: 's',
      date: new Date(0),
      command: 'c',
      machine: {
        cores: 2,
        cpuModel: 'cpu',
        memoryBytes: 2 ** 30,
        os: 'os',
        node: 'n',
        java: 'j',
        pyspark: 'p',
        sluice: 's',
        loadAverage: 0,
      },
      data: 'd',
      reps: 3,
      rssMethod: 'proc',
      summaries,
      ratios: rs,
      notes: [],
      metrics: STREAM_METRICS,
    });
    for (const m of STREAM_METRICS) expect(text).toContain(m.header);
    expect(text).toMatch(/\| batch p50 \|/);
    expect(text).toContain('0.10×');
  });
});
