/**
 * Exactly-once across real crashes: a child process runs a stateful query (rate-micro-batch →
 * aggregation → foreachBatch writing one file per batch id) and SIGKILLs itself at a chosen point
 * of a chosen batch (fixtures/crash-job.ts); it is restarted from its checkpoint until it
 * finishes. The output must equal an uninterrupted run's, file for file: nothing lost, nothing
 * written twice, every re-run batch identical, and the state never double-counted.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const JOB = join(ROOT, 'test/streaming/fixtures/crash-job.ts');
const TOTAL = 5;
const ROWS_PER_BATCH = 7;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly log: string;
}

function runJob(checkpoint: string, out: string, crash?: string): Promise<Run> {
  return new Promise((done, fail) => {
    const env = { ...process.env };
    delete env.SLUICE_TEST_CRASH;
    if (crash) env.SLUICE_TEST_CRASH = crash;
    const child = spawn(process.execPath, ['--import', 'tsx', JOB, checkpoint, out, String(TOTAL)], {
      cwd: ROOT,
      env,
    });
    let log = '';
    child.stdout.on('data', (b: Buffer) => (log += b));
    child.stderr.on('data', (b: Buffer) => (log += b));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, log }));
  });
}

function outputOf(out: string): Record<string, string> {
  const files = readdirSync(out).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
  return Object.fromEntries(files.sort().map((f) => [f, readFileSync(join(out, f), 'utf8')]));
}

/** Runs the job, crashing at each point in turn, then once more to the end. */
async function runWithCrashes(crashes: readonly string[]): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-crash-'));
  dirs.push(dir);
  const checkpoint = join(dir, 'checkpoint');
  const out = join(dir, 'out');
  mkdirSync(out);
  for (const crash of crashes) {
    const r = await runJob(checkpoint, out, crash);
    expect(r.signal, `crash ${crash} should kill the job:\n${r.log}`).toBe('SIGKILL');
    expect(leftBehind(checkpoint, out, Number(crash.split(':')[1]))).toEqual(
      EXPECTED_AFTER[crash.split(':')[0]!],
    );
  }
  const last = await runJob(checkpoint, out);
  expect(last.code, last.log).toBe(0);
  expect(last.log).toContain(`done at batch ${TOTAL - 1}`);
  return outputOf(out);
}

/** What a kill at each phase of batch N leaves: the offsets logged, the commit, the output file. */
const EXPECTED_AFTER: Record<string, string[]> = {
  'sink-before-write': ['offsets/N'],
  'sink-mid-write': ['offsets/N', 'temp file'],
  'sink-after-write': ['offsets/N', 'N.json'],
  'after-commit': ['offsets/N', 'commits/N', 'N.json'],
};

function leftBehind(checkpoint: string, out: string, n: number): string[] {
  const found: string[] = [];
  if (existsSync(join(checkpoint, 'offsets', String(n)))) found.push('offsets/N');
  if (existsSync(join(checkpoint, 'commits', String(n)))) found.push('commits/N');
  if (existsSync(join(checkpoint, 'offsets', String(n + 1)))) found.push('offsets/N+1');
  if (readdirSync(out).some((f) => f.startsWith(`.${n}.json.`))) found.push('temp file');
  if (existsSync(join(out, `${n}.json`))) found.push('N.json');
  return found;
}

let reference: Record<string, string>;

beforeAll(async () => {
  reference = await runWithCrashes([]);
}, 120_000);

describe('crash recovery of a stateful query (SIGKILL)', () => {
  it('an uninterrupted run writes one file per batch with the right aggregates', () => {
    expect(Object.keys(reference)).toEqual([...Array(TOTAL).keys()].map((i) => `${i}.json`));
    // fold the update-mode batches into the final table and check it against plain arithmetic
    const table = new Map<number, [number, number]>();
    for (const text of Object.values(reference)) {
      for (const [k, n, total] of JSON.parse(text) as [number, number, number][]) table.set(k, [n, total]);
    }
    const expected = new Map<number, [number, number]>();
    for (let v = 0; v < TOTAL * ROWS_PER_BATCH; v++) {
      const [n, total] = expected.get(v % 5) ?? [0, 0];
      expected.set(v % 5, [n + 1, total + v]);
    }
    expect(new Map([...table].sort())).toEqual(new Map([...expected].sort()));
  });

  it.concurrent.each([
    ['sink-before-write:0'],
    ['sink-before-write:2'],
    ['sink-mid-write:1'],
    ['sink-after-write:2'],
    ['after-commit:1'],
  ])(
    'killed at %s, then restarted: same output as the uninterrupted run',
    async (crash) => {
      expect(await runWithCrashes([crash])).toEqual(reference);
    },
    120_000,
  );

  it.concurrent('killed again and again in one checkpoint: same output', async () => {
    const crashes = [
      'sink-after-write:0',
      'sink-before-write:1',
      'after-commit:2',
      'sink-mid-write:3',
      'sink-after-write:3',
    ];
    expect(await runWithCrashes(crashes)).toEqual(reference);
  }, 180_000);
});
