/**
 * `node --import tsx bench/startup.ts [--runs N] [--spec spec.json]`: start-up of `sluice submit`,
 * the way a user pays it — a fresh process per run, from spawn to:
 *
 * - trivial: the first output of a job that builds a session and collects `spark.range(3)`;
 * - stream: the end of the first batch of the stream-house-stats job (its progress report), on
 *   the --quick data set of that benchmark (`npm run bench -- stream-house-stats --quick` makes it).
 *
 * Prints the median and the spread of the wall time and of the CPU time the process had used by
 * then (all threads: the module-loader thread included), which a busy machine disturbs less.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from './harness/stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const TRIVIAL = `import { Session } from 'sluice';
const spark = Session.builder().getOrCreate();
const rows = await spark.range(3).collect();
const cpu = process.cpuUsage();
console.log('STARTUP', JSON.stringify({ firstMs: Date.now() - Number(process.env.BENCH_SPAWN_EPOCH_MS), cpuMs: (cpu.user + cpu.system) / 1000, rows: rows.length }));
spark.stop();
`;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const runs = Number(option('--runs', '7'));
const spec = option('--spec', join(ROOT, 'bench/data/stream-house-stats-2000/spec.json'));
const dir = mkdtempSync(join(tmpdir(), 'sluice-startup-'));
const trivialJob = join(dir, 'trivial.ts');
writeFileSync(trivialJob, TRIVIAL);

function run(job: string, args: string[]): { firstMs: number; cpuMs?: number } {
  const env = { ...process.env, BENCH_SPAWN_EPOCH_MS: String(Date.now()) };
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin/sluice.js'), 'submit', '--master', 'local', job, ...args],
    {
      env,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`${job} failed:\n${r.stderr}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('STARTUP ') || l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`${job} printed no result:\n${r.stdout}`);
  const parsed = JSON.parse(line.slice(line.indexOf(' ') + 1));
  return line.startsWith('STARTUP ') ? parsed : { firstMs: parsed.metrics.startToFirstBatchMs };
}

function report(name: string, xs: { firstMs: number; cpuMs?: number }[]): void {
  const first = xs.map((x) => x.firstMs);
  const cpu = xs.map((x) => x.cpuMs).filter((x): x is number => x !== undefined);
  const text =
    `${name}: to first ${name === 'trivial' ? 'output' : 'batch'} median ${median(first).toFixed(0)} ms ` +
    `(${Math.min(...first).toFixed(0)}–${Math.max(...first).toFixed(0)})` +
    (cpu.length > 0 ? `, CPU by then median ${median(cpu).toFixed(0)} ms` : '');
  process.stdout.write(`${text}\n`);
}

try {
  const trivial = [];
  const stream = [];
  for (let i = 0; i < runs; i++) {
    trivial.push(run(trivialJob, []));
    stream.push(run(join(ROOT, 'bench/jobs/stream-house-stats.ts'), [spec]));
  }
  report('trivial', trivial);
  report('stream-house-stats', stream);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
