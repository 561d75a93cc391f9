/**
 * `npm run bench -- <name>|all [--rows N] [--reps K] [--quick] …`: Sluice side by side with
 * Apache Spark (pyspark) on the same data and the same machine. See bench/README.md.
 * Exit code 0 only when every run succeeded and all results agreed.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCHMARKS, expandBenchmarkName } from './benchmarks/index.js';
import { parseBenchArgs, USAGE } from './harness/args.js';
import { ensureSluiceBuild, findPyspark } from './harness/engines.js';
import { machineInfo } from './harness/machine.js';
import { defaultRssMethod } from './harness/measure.js';
import { appendResults, renderReport } from './harness/report.js';
import { runBenchmark } from './harness/runner.js';

const ROOT = resolve(import.meta.dirname, '..');
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    log(USAGE);
    return 0;
  }
  const opts = parseBenchArgs(argv, join(ROOT, 'bench/RESULTS.md'));
  const selected = opts.names.includes('all')
    ? BENCHMARKS
    : opts.names
        .flatMap((name) => expandBenchmarkName(name, opts.queries))
        .map((n) => {
          const b = BENCHMARKS.find((x) => x.name === n);
          if (!b)
            throw new Error(
              `unknown benchmark '${n}'; known: ${BENCHMARKS.map((x) => x.name).join(', ')}, all`,
            );
          return b;
        });
  const engines = opts.engines ?? ['sluice', 'spark'];
  const dataDir = resolve(opts.dataDir ?? join(ROOT, 'bench/data'));
  if (engines.includes('sluice') && opts.build) ensureSluiceBuild(ROOT, log);
  const pyspark = engines.includes('spark') ? findPyspark(ROOT, opts.installPyspark, log) : undefined;
  if (engines.includes('spark') && !pyspark) {
    if (opts.engines?.includes('spark')) throw new Error('Spark was asked for but pyspark cannot run here');
    log('pyspark is not available: running Sluice only');
  }
  const rssMethod = opts.rssMethod ?? (await defaultRssMethod());
  const machine = machineInfo(ROOT, pyspark?.version ?? 'not run');
  const profileDir = join(dataDir, 'profiles');
  const sluiceNodeFlags = opts.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const command = `npm run bench -- ${argv.join(' ')}`;
  let ok = true;
  for (const bench of selected) {
    const rows = opts.rows ?? (opts.quick ? bench.quickRows : bench.defaultRows);
    log(`\n== ${bench.name}: ${rows} rows, ${opts.reps} rep(s)`);
    const outcome = await runBenchmark(bench, {
      root: ROOT,
      dataDir,
      rows,
      reps: opts.reps,
      sluiceMasters: engines.includes('sluice') ? opts.sluiceMasters : [],
      sparkMasters: pyspark ? opts.sparkMasters : [],
      python: pyspark?.python,
      rssMethod,
      sluiceNodeFlags,
      warm: opts.warm,
      quick: opts.quick,
      log,
    });
    const notes: string[] = [...outcome.notes];
    if (outcome.records.some((r) => r.engine === 'sluice' && r.master !== 'local')) {
      notes.push(
        'Sluice has no worker threads yet: `local[n]` runs every task on the main thread (n partitions, one thread).',
      );
    }
    if (pyspark) {
      notes.push(
        'Spark runs with its defaults except `spark.ui.enabled=false`, `spark.sql.ansi.enabled=false`, session time zone UTC.',
      );
    }
    const loadEnd = loadavg()[0] ?? 0;
    notes.push(`1-min load average at the end: ${loadEnd.toFixed(2)}.`);
    if (Math.max(machine.loadAverage, loadEnd) > machine.cores / 2) {
      notes.push(
        `**The machine was busy** (load above ${machine.cores / 2} on ${machine.cores} cores from other work): ` +
          'absolute numbers are inflated and noisy; treat the ratios as indicative and re-run on a quiet machine.',
      );
    }
    if (opts.profile) notes.push('Sluice ran with `node --cpu-prof`, which slows it down.');
    if (!pyspark) notes.push('Spark was not run.');
    const report = renderReport({
      benchmark: bench.name,
      summary: bench.summary,
      date: new Date(),
      command,
      machine,
      data: outcome.dataDescription,
      reps: opts.reps,
      rssMethod,
      summaries: outcome.summaries,
      ratios: outcome.ratios,
      notes,
      ...(bench.metrics ? { metrics: bench.metrics } : {}),
    });
    log(`\n${report}`);
    const runsDir = join(dataDir, 'runs');
    mkdirSync(runsDir, { recursive: true });
    const runsFile = join(runsDir, `${bench.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      runsFile,
      `${JSON.stringify({ command, machine, rows, records: outcome.records }, null, 2)}\n`,
    );
    log(`raw runs: ${runsFile}`);
    if (!outcome.ok) {
      ok = false;
      log(`${bench.name} FAILED:\n  ${outcome.failures.join('\n  ') || 'no successful run'}`);
    } else if (opts.results) {
      appendResults(opts.results, report);
      log(`appended to ${opts.results}`);
    }
  }
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
