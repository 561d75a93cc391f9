/**
 * Smoke run of every benchmark so they never rot: the real harness on tiny data (`--quick`),
 * Sluice always, Spark at local[1] when pyspark is importable. Asserts that the runs succeed and
 * agree with the expected result — never timings. Runs Sluice from dist/ as built by `npm test`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../bench/benchmarks/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const sparkAvailable =
  spawnSync('python3', ['-c', 'import pyspark'], { stdio: 'ignore' }).status === 0 &&
  spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

function runHarness(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.on('close', (code) => done({ code, out }));
  });
}

/**
 * The Nexmark benchmarks share one job per engine; these take every path through it (per-event
 * query; aggregate Spark runs in batch; aggregate Spark streams in complete mode; from JSON files
 * and from Kafka JSON).
 */
const NEXMARK_SMOKE = new Set([
  'nexmark-q1',
  'nexmark-q15',
  'nexmark-q17',
  'nexmark-kafka-q1',
  'nexmark-kafka-q15',
]);
const SMOKED = BENCHMARKS.map((b) => b.name).filter((n) => !n.startsWith('nexmark-') || NEXMARK_SMOKE.has(n));

describe('benchmark smoke runs (--quick)', () => {
  it.each(SMOKED)(
    '%s runs and every engine returns the expected rows',
    async (name) => {
      // --no-build: `npm test` builds first, and rebuilding dist/ here would race other test files.
      // --warm exercises the jobs' second-run path too.
      const { code, out } = await runHarness([
        name,
        '--quick',
        '--warm',
        '--data-dir',
        dataDir,
        '--no-results',
        '--no-build',
      ]);
      // Nexmark results are engine checksums (count, sum of Spark's hash), expected from the in-process generator run
      expect(out, out).toContain('returned the same rows as the expected result');
      expect(code, out).toBe(0);
      expect(out).toMatch(/\| Sluice +\| local +\| +1 \|/);
      expect(out).toMatch(/\| Sluice +\| local\[2\] +\| +1 \|/);
      const bench = BENCHMARKS.find((b) => b.name === name)!;
      // Streaming jobs report their own measures (batch durations, start → first batch) instead of a warm re-run.
      if (bench.metrics) for (const m of bench.metrics) expect(out).toContain(m.header);
      else if (bench.warm !== false) expect(out).toContain('warm rows/s');
      if (sparkAvailable) {
        expect(out).toMatch(/\| Spark +\| local\[1\] +\| +1 \|/);
        expect(out).toContain('Sluice and Spark agree');
      }
    },
    // ~15 s on an idle 2-core machine (Spark's JVM start-up dominates); a busy one needs the margin.
    300_000,
  );
});
