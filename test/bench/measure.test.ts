import { describe, expect, it } from 'vitest';
import {
  gnuTimeAvailable,
  measureProcess,
  parseGnuTime,
  parseJobReport,
  type RssMethod,
} from '../../bench/harness/measure.js';

const MiB = 1024 * 1024;

/**
 * A job that holds ~160 MiB of touched memory, then prints the protocol line. It stays alive a
 * little after allocating so the /proc sampler (20 ms period) sees the peak.
 */
const ALLOCATE = `
const b = Buffer.alloc(160 * 1024 * 1024, 1);
setTimeout(() => {}, 150);
process.stdout.write('noise before\\n');
process.stdout.write('BENCH_RESULT ' + JSON.stringify({ firstResultMs: 1.5, processingMs: 2.5, result: [['a', 1]] }) + '\\n');
process.stderr.write('len ' + b.length + '\\n');
`;

/** The same work one process further down (like pyspark's JVM), waited for by its parent. */
const GRANDCHILD = `
const { spawnSync } = require('node:child_process');
const r = spawnSync(process.execPath, ['-e', ${JSON.stringify(ALLOCATE)}], { stdio: 'inherit' });
process.exit(r.status);
`;

const methods: RssMethod[] = ['proc'];
if (await gnuTimeAvailable()) methods.push('gnu-time');

describe.each(methods)('measureProcess with %s', (rssMethod) => {
  it('measures wall time and peak RSS and parses the job line', async () => {
    const m = await measureProcess(process.execPath, ['-e', ALLOCATE], { rssMethod });
    expect(m.exitCode).toBe(0);
    expect(m.rssMethod).toBe(rssMethod);
    expect(m.wallMs).toBeGreaterThan(0);
    expect(m.peakRssBytes).toBeGreaterThan(160 * MiB);
    expect(m.cpuMs).toBeGreaterThanOrEqual(0);
    expect(m.report).toEqual({ firstResultMs: 1.5, processingMs: 2.5, result: [['a', 1]] });
    expect(m.stderr).toContain('len 167772160');
  });

  it('counts the memory of a descendant process', async () => {
    const m = await measureProcess(process.execPath, ['-e', GRANDCHILD], { rssMethod });
    expect(m.exitCode).toBe(0);
    expect(m.peakRssBytes).toBeGreaterThan(160 * MiB);
    expect(m.report?.processingMs).toBe(2.5);
  });

  it('reports a failing process without throwing', async () => {
    const m = await measureProcess(process.execPath, ['-e', 'console.error("boom"); process.exit(3)'], {
      rssMethod,
    });
    expect(m.exitCode).toBe(3);
    expect(m.report).toBeUndefined();
    expect(m.stderr).toContain('boom');
  });
});

describe('measureProcess', () => {
  it('reports a command that cannot start', async () => {
    const m = await measureProcess('/nonexistent/command', [], { rssMethod: 'proc' });
    expect(m.exitCode).not.toBe(0);
    expect(m.report).toBeUndefined();
  });

  it('kills the process tree at the timeout', async () => {
    const m = await measureProcess(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      rssMethod: 'proc',
      timeoutMs: 300,
    });
    expect(m.signal).toBe('SIGKILL');
  });
});

describe('parseGnuTime', () => {
  it('reads peak RSS and CPU time from the last line', () => {
    expect(parseGnuTime('123456 1.50 0.25\n')).toEqual({ peakRssBytes: 123456 * 1024, cpuMs: 1750 });
    expect(parseGnuTime('Command exited with non-zero status 3\n2048 0.00 0.01\n')).toEqual({
      peakRssBytes: 2048 * 1024,
      cpuMs: 10,
    });
    expect(parseGnuTime('')).toBeUndefined();
  });
});

describe('parseJobReport', () => {
  it('takes the last protocol line and defaults firstResultMs to processingMs', () => {
    const out = [
      'log line',
      'BENCH_RESULT {"processingMs": 10, "result": []}',
      'INFO BENCH_RESULT {"processingMs": 12, "result": [[1]]}',
    ].join('\n');
    expect(parseJobReport(out)).toEqual({ firstResultMs: 12, processingMs: 12, result: [[1]] });
    expect(parseJobReport('nothing here')).toBeUndefined();
    expect(parseJobReport('BENCH_RESULT {"processingMs": 9, "warmProcessingMs": 4, "result": []}')).toEqual({
      firstResultMs: 9,
      processingMs: 9,
      warmProcessingMs: 4,
      result: [],
    });
  });

  it('rejects a malformed line', () => {
    expect(() => parseJobReport('BENCH_RESULT {"result": []}')).toThrow(/malformed/);
    expect(() => parseJobReport('BENCH_RESULT not json')).toThrow();
  });
});
