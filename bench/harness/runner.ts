/**
 * Runs one benchmark: prepare data once, then K repetitions of every variant (engine + master),
 * alternating engines (Sluice, Spark, Sluice, Spark) so slow drift of the machine hits both
 * alike; each run is a fresh process. Every run's result must equal the independently computed
 * expected result and the other runs' results before anything is reported.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Benchmark, defaultNormalize } from './benchmark.js';
import { type JobCommand, sluiceCommand, sparkCommand } from './engines.js';
import { formatMiB, formatSeconds } from './format.js';
import { measureProcess, type RssMethod } from './measure.js';
import { type Ratio, type RunRecord, ratios, summarize, type Variant, type VariantSummary } from './stats.js';

export interface RunnerConfig {
  readonly root: string;
  readonly dataDir: string;
  readonly rows: number;
  readonly reps: number;
  readonly sluiceMasters: readonly string[];
  /** Empty when Spark is not run. */
  readonly sparkMasters: readonly string[];
  readonly python: string | undefined;
  readonly rssMethod: RssMethod;
  readonly sluiceNodeFlags: readonly string[];
  /** Pass --warm to the jobs. */
  readonly warm: boolean;
  /** A --quick smoke run (passed on to prepare()). */
  readonly quick?: boolean;
  readonly log: (line: string) => void;
}

export interface BenchmarkOutcome {
  readonly ok: boolean;
  readonly failures: readonly string[];
  readonly dataDescription: string;
  readonly records: readonly RunRecord[];
  readonly summaries: readonly VariantSummary[];
  readonly ratios: readonly Ratio[];
  /** The benchmark's own notes for the report (PreparedData.notes). */
  readonly notes: readonly string[];
}

/** Sluice and Spark variants interleaved: S1 P1 S2 P2 … */
export function interleave(sluiceMasters: readonly string[], sparkMasters: readonly string[]): Variant[] {
  const out: Variant[] = [];
  for (let i = 0; i < Math.max(sluiceMasters.length, sparkMasters.length); i++) {
    if (sluiceMasters[i] !== undefined) out.push({ engine: 'sluice', master: sluiceMasters[i]! });
    if (sparkMasters[i] !== undefined) out.push({ engine: 'spark', master: sparkMasters[i]! });
  }
  return out;
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function label(v: Variant): string {
  return `${v.engine === 'sluice' ? 'Sluice' : 'Spark'} ${v.master}`;
}

export async function runBenchmark(bench: Benchmark, cfg: RunnerConfig): Promise<BenchmarkOutcome> {
  const prepared = await bench.prepare({
    rows: cfg.rows,
    dataDir: cfg.dataDir,
    log: cfg.log,
    ...(cfg.quick ? { quick: true } : {}),
  });
  const normalize = bench.normalize ?? defaultNormalize;
  const expectedRows = prepared.expected ? normalize(prepared.expected) : undefined;
  const expected = expectedRows ? JSON.stringify(expectedRows) : undefined;
  const agree = (rows: unknown[][], text: string, other: unknown[][], otherText: string) =>
    bench.matches ? bench.matches(rows, other) : text === otherText;
  const variants = interleave(cfg.sluiceMasters, cfg.sparkMasters);
  const logDir = join(cfg.dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const records: RunRecord[] = [];
  const failures: string[] = [];
  const broken = new Set<string>();
  let reference: { text: string; rows: unknown[][]; from: string } | undefined;
  try {
    for (let rep = 1; rep <= cfg.reps; rep++) {
      for (const v of variants) {
        const name = label(v);
        if (broken.has(name)) continue;
        const args = cfg.warm ? [...prepared.jobArgs, '--warm'] : prepared.jobArgs;
        const cmd: JobCommand =
          v.engine === 'sluice'
            ? sluiceCommand(cfg.root, bench.sluiceJob, v.master, args, cfg.sluiceNodeFlags)
            : sparkCommand(cfg.root, cfg.python!, bench.sparkJob, v.master, args);
        const env =
          v.engine === 'spark' && prepared.sparkConf
            ? { ...process.env, BENCH_SPARK_CONF: JSON.stringify(prepared.sparkConf) }
            : undefined;
        const m = await measureProcess(cmd.command, cmd.args, {
          cwd: cfg.root,
          rssMethod: cfg.rssMethod,
          ...(env ? { env } : {}),
        });
        const logFile = join(
          logDir,
          `${bench.name}-${v.engine}-${v.master.replace(/[^\w]+/g, '_')}-rep${rep}.log`,
        );
        writeFileSync(
          logFile,
          `$ ${cmd.command} ${cmd.args.join(' ')}\n--- stdout\n${m.stdout}\n--- stderr\n${m.stderr}`,
        );
        if (m.exitCode !== 0 || !m.report) {
          const why =
            m.exitCode !== 0 ? `exited with ${m.exitCode ?? m.signal}` : 'printed no BENCH_RESULT line';
          failures.push(`${name} rep ${rep} ${why} (log: ${logFile})`);
          cfg.log(`✗ ${name} rep ${rep}: ${why}\n${tail(m.stderr || m.stdout, 25)}`);
          broken.add(name);
          continue;
        }
        const rows = normalize(m.report.result);
        const text = JSON.stringify(rows);
        if (
          expectedRows !== undefined &&
          expected !== undefined &&
          !agree(rows, text, expectedRows, expected)
        ) {
          failures.push(`${name} rep ${rep}: result differs from the expected result`);
          cfg.log(`✗ ${name} rep ${rep}: wrong result\n  got      ${text}\n  expected ${expected}`);
          broken.add(name);
          continue;
        }
        if (reference && !agree(rows, text, reference.rows, reference.text)) {
          failures.push(`${name} rep ${rep}: result differs from ${reference.from}`);
          cfg.log(
            `✗ ${name} rep ${rep}: result differs from ${reference.from}\n  got  ${text}\n  them ${reference.text}`,
          );
          broken.add(name);
          continue;
        }
        reference ??= { text, rows, from: `${name} rep ${rep}` };
        const rec: RunRecord = {
          engine: v.engine,
          master: v.master,
          rep,
          wallMs: m.wallMs,
          processingMs: m.report.processingMs,
          firstResultMs: m.report.firstResultMs,
          rowsPerSec: prepared.rows / (m.report.processingMs / 1000),
          peakRssBytes: m.peakRssBytes,
          cpuMs: m.cpuMs,
          ...(m.report.latencyP50Ms !== undefined ? { latencyP50Ms: m.report.latencyP50Ms } : {}),
          ...(m.report.latencyP99Ms !== undefined ? { latencyP99Ms: m.report.latencyP99Ms } : {}),
          ...(m.report.metrics ? { metrics: m.report.metrics } : {}),
          ...(m.report.warmProcessingMs !== undefined
            ? {
                warmProcessingMs: m.report.warmProcessingMs,
                warmRowsPerSec: prepared.rows / (m.report.warmProcessingMs / 1000),
              }
            : {}),
        };
        records.push(rec);
        cfg.log(
          `  ${name.padEnd(16)} rep ${rep}: wall ${(rec.wallMs / 1000).toFixed(2)} s, processing ${rec.processingMs.toFixed(0)} ms, ` +
            `${Math.round(rec.rowsPerSec)} rows/s, ` +
            (rec.latencyP99Ms !== undefined
              ? `latency p50 ${rec.latencyP50Ms?.toFixed(0)} ms p99 ${rec.latencyP99Ms.toFixed(0)} ms, `
              : '') +
            `CPU ${formatSeconds(rec.cpuMs)} s, peak RSS ${formatMiB(rec.peakRssBytes)} MiB` +
            (bench.metrics ?? [])
              .map((s) => `, ${s.header} ${rec.metrics?.[s.key]?.toFixed(0) ?? 'n/a'}`)
              .join(''),
        );
      }
    }
  } finally {
    await prepared.teardown?.();
  }
  if (reference && failures.length === 0) {
    const engines = new Set(records.map((r) => r.engine));
    cfg.log(
      `✓ all ${records.length} runs returned the same rows${expected !== undefined ? ' as the expected result' : ''}` +
        (engines.size > 1 ? ' (Sluice and Spark agree)' : ''),
    );
  }
  const summaries = summarize(records, variants);
  const pairs: [Variant, Variant][] = cfg.sluiceMasters.flatMap((sm, i) => {
    const pm = cfg.sparkMasters[i];
    return pm === undefined
      ? []
      : [
          [{ engine: 'sluice', master: sm } as Variant, { engine: 'spark', master: pm } as Variant] as [
            Variant,
            Variant,
          ],
        ];
  });
  return {
    ok: failures.length === 0 && records.length > 0,
    failures,
    dataDescription: prepared.description,
    records,
    summaries,
    ratios: ratios(summaries, pairs),
    notes: prepared.notes ?? [],
  };
}
