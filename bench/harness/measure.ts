/**
 * Runs one benchmark process and measures it: wall time of the whole process (start-up and
 * shutdown included), peak RSS, CPU time, and the job's own timings from its `BENCH_RESULT` line.
 *
 * Peak RSS and CPU time come from GNU time (`/usr/bin/time -f '%M %U %S'`: the largest peak RSS of
 * the process or any descendant it reaped, and their user + system CPU time — the pyspark job
 * reaps its JVM for this reason) when it is installed, else from sampling /proc every 20 ms. Peak
 * RSS means "the biggest single process of the run" either way, so both engines are measured
 * alike. CPU time counts every thread (JIT and GC included) and is far less disturbed by other
 * work on the machine than wall time.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcTreeSampler } from './proc-tree-sampler.js';

export type RssMethod = 'gnu-time' | 'proc';

export interface JobReport {
  readonly firstResultMs: number;
  readonly processingMs: number;
  /** Second run of the query in the same process (jobs run with --warm). */
  readonly warmProcessingMs?: number;
  /** Latency benchmarks: end-to-end latency percentiles (ms) over the events of the run. */
  readonly latencyP50Ms?: number;
  readonly latencyP99Ms?: number;

  /** Extra numbers named by the benchmark's `metrics` (e.g. batch-duration percentiles). */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly result: unknown[][];
}

export interface ProcessMeasurement {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly wallMs: number;
  /** Peak RSS in bytes, or undefined when it could not be measured. */
  readonly peakRssBytes: number | undefined;
  /** User + system CPU time of the whole run in ms, or undefined when it could not be measured. */
  readonly cpuMs: number | undefined;
  readonly rssMethod: RssMethod;
  readonly stdout: string;
  readonly stderr: string;
  /** The job's `BENCH_RESULT` line, if it printed one. */
  readonly report: JobReport | undefined;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly rssMethod?: RssMethod;
  /** Kill the process tree after this long. Default 30 minutes. */
  readonly timeoutMs?: number;
}

const GNU_TIME = '/usr/bin/time';
export const RESULT_PREFIX = 'BENCH_RESULT ';
/**
 * Environment variable carrying the wall-clock time (epoch ms) at which the harness spawned the
 * job, so a job can report "process start → first batch" on the same clock for both engines.
 */
export const SPAWN_EPOCH_ENV = 'BENCH_SPAWN_EPOCH_MS';

const GNU_TIME_FORMAT = '%M %U %S';

let gnuTimeWorks: boolean | undefined;

/** GNU time's output: "Command exited with non-zero status N" may come first; ours is the last line. */
export function parseGnuTime(text: string): { peakRssBytes: number; cpuMs: number } | undefined {
  const lines = text.trim().split('\n');
  const m = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(lines[lines.length - 1]?.trim() ?? '');
  if (!m) return undefined;
  return { peakRssBytes: Number(m[1]) * 1024, cpuMs: (Number(m[2]) + Number(m[3])) * 1000 };
}

/** Whether GNU time (not a shell builtin or BSD time) is usable: it must understand `-f %M -o`. */
export async function gnuTimeAvailable(): Promise<boolean> {
  if (gnuTimeWorks !== undefined) return gnuTimeWorks;
  try {
    accessSync(GNU_TIME, constants.X_OK);
  } catch {
    gnuTimeWorks = false;
    return false;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
  try {
    const out = join(dir, 'rss');
    const code = await new Promise<number | null>((resolve) => {
      const p = spawn(GNU_TIME, ['-f', GNU_TIME_FORMAT, '-o', out, 'true'], { stdio: 'ignore' });
      p.on('error', () => resolve(-1));
      p.on('exit', (c) => resolve(c));
    });
    gnuTimeWorks = code === 0 && parseGnuTime(readFileSync(out, 'utf8')) !== undefined;
  } catch {
    gnuTimeWorks = false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return gnuTimeWorks;
}

export async function defaultRssMethod(): Promise<RssMethod> {
  return (await gnuTimeAvailable()) ? 'gnu-time' : 'proc';
}

/** Finds and parses the job's protocol line (the last one wins). */
export function parseJobReport(stdout: string): JobReport | undefined {
  let found: JobReport | undefined;
  for (const line of stdout.split('\n')) {
    const at = line.indexOf(RESULT_PREFIX);
    if (at < 0) continue;
    const parsed = JSON.parse(line.slice(at + RESULT_PREFIX.length)) as Partial<JobReport>;
    if (typeof parsed.processingMs !== 'number' || !Array.isArray(parsed.result)) {
      throw new Error(`malformed ${RESULT_PREFIX.trim()} line: ${line}`);
    }
    found = {
      processingMs: parsed.processingMs,
      firstResultMs: typeof parsed.firstResultMs === 'number' ? parsed.firstResultMs : parsed.processingMs,
      result: parsed.result,
      ...(typeof parsed.warmProcessingMs === 'number' ? { warmProcessingMs: parsed.warmProcessingMs } : {}),
      ...(typeof parsed.latencyP50Ms === 'number' ? { latencyP50Ms: parsed.latencyP50Ms } : {}),
      ...(typeof parsed.latencyP99Ms === 'number' ? { latencyP99Ms: parsed.latencyP99Ms } : {}),

      ...(parsed.metrics && typeof parsed.metrics === 'object'
        ? { metrics: numericMetrics(parsed.metrics) }
        : {}),
    };
  }
  return found;
}

function numericMetrics(m: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(m)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

/** Runs `command args` to completion and measures it. Never throws for a failing process. */
export async function measureProcess(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ProcessMeasurement> {
  const method = options.rssMethod ?? (await defaultRssMethod());
  const dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
  const rssFile = join(dir, 'rss');
  writeFileSync(rssFile, '');
  const [cmd, argv] =
    method === 'gnu-time'
      ? [GNU_TIME, ['-f', GNU_TIME_FORMAT, '-o', rssFile, command, ...args]]
      : [command, [...args]];
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const env = { ...(options.env ?? process.env), [SPAWN_EPOCH_ENV]: String(Date.now()) };
  const started = process.hrtime.bigint();
  // detached: the run gets its own process group, so a timeout can kill the whole tree.
  const child = spawn(cmd, argv, { cwd: options.cwd, env, detached: true });
  const sampler =
    method === 'proc' && child.pid !== undefined ? new ProcTreeSampler(child.pid, 20) : undefined;
  child.stdout.on('data', (b: Buffer) => stdout.push(b));
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  const timer = setTimeout(
    () => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
    options.timeoutMs ?? 30 * 60_000,
  );
  const { exitCode, signal, wallMs } = await new Promise<{
    exitCode: number | null;
    signal: NodeJS.Signals | null;
    wallMs: number;
  }>((resolve) => {
    child.on('error', (e) => {
      stderr.push(Buffer.from(String(e)));
      resolve({ exitCode: null, signal: null, wallMs: Number(process.hrtime.bigint() - started) / 1e6 });
    });
    child.on('close', (code, sig) =>
      resolve({ exitCode: code, signal: sig, wallMs: Number(process.hrtime.bigint() - started) / 1e6 }),
    );
  });
  clearTimeout(timer);
  const usage = sampler ? sampler.stop() : parseGnuTime(readFileSync(rssFile, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const out = Buffer.concat(stdout).toString('utf8');
  let report: JobReport | undefined;
  try {
    report = parseJobReport(out);
  } catch (e) {
    stderr.push(Buffer.from(`\n[bench] ${(e as Error).message}\n`));
  }
  return {
    exitCode,
    signal,
    wallMs,
    peakRssBytes: usage?.peakRssBytes,
    cpuMs: usage?.cpuMs,
    rssMethod: method,
    stdout: out,
    stderr: Buffer.concat(stderr).toString('utf8'),
    report,
  };
}
