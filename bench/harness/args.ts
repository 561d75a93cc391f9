/**
 * Command line of `npm run bench -- <name>|all [options]`. Parsing only; defaults that depend on
 * the benchmark (rows) are resolved by the runner.
 */
import type { RssMethod } from './measure.js';
import type { EngineName } from './stats.js';

export interface BenchOptions {
  readonly names: readonly string[];
  readonly rows: number | undefined;
  readonly reps: number;
  readonly quick: boolean;
  readonly engines: readonly EngineName[] | undefined;
  readonly sluiceMasters: readonly string[];
  readonly sparkMasters: readonly string[];
  readonly dataDir: string | undefined;
  /** Where to append the report; undefined = don't. */
  readonly results: string | undefined;
  readonly build: boolean;
  readonly profile: boolean;
  /** Jobs run their query a second time in the same process and report that time too. */
  readonly warm: boolean;
  readonly installPyspark: boolean;
  readonly rssMethod: RssMethod | undefined;
  /** `--query q1,q2`: which queries `nexmark` / `nexmark-kafka` stand for (default all). */
  readonly queries: readonly string[] | undefined;
}

export const USAGE = `Usage: npm run bench -- <name>|all [options]

Options:
  --rows N              input rows (default: the benchmark's, 1,000,000 for house-stats)
  --reps K              repetitions per engine and master (default 3)
  --quick               smoke run: small data, 1 rep, Spark only at local[1] and only if pyspark
                        is importable, nothing appended to RESULTS.md
  --engines LIST        sluice,spark (default both)
  --sluice-masters LIST default local,local[2]
  --spark-masters LIST  default local[1],local[2]
  --data-dir DIR        where generated data lives (default bench/data)
  --results FILE        append the report to FILE (default bench/RESULTS.md; none with --quick)
  --no-results          do not append the report anywhere
  --no-build            do not rebuild dist/ when src/ is newer
  --warm                each job also runs its query a second time in the same process and reports
                        that time (steady state, without JIT warm-up and code generation)
  --profile             run Sluice with node --cpu-prof (profiles in <data-dir>/profiles)
  --no-install          do not pip install pyspark when it is missing
  --rss gnu-time|proc   how to measure peak RSS (default gnu-time when /usr/bin/time works)
  --query LIST          with nexmark or nexmark-kafka: the queries to run (default all: q0,q1,q2,q14,q15,q16,q17,q21,q22)
`;

function list(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function positiveInt(flag: string, v: string): number {
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} expects a positive integer, got '${v}'`);
  return n;
}

export function parseBenchArgs(argv: readonly string[], defaultResults: string): BenchOptions {
  const names: string[] = [];
  let rows: number | undefined;
  let reps: number | undefined;
  let quick = false;
  let engines: EngineName[] | undefined;
  let sluiceMasters: string[] | undefined;
  let sparkMasters: string[] | undefined;
  let dataDir: string | undefined;
  let results: string | null | undefined;
  let build = true;
  let profile = false;
  let warm = false;
  let installPyspark = true;
  let rssMethod: RssMethod | undefined;
  let queries: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--rows':
        rows = positiveInt(a, value());
        break;
      case '--reps':
        reps = positiveInt(a, value());
        break;
      case '--quick':
        quick = true;
        break;
      case '--engines': {
        const es = list(value());
        for (const e of es)
          if (e !== 'sluice' && e !== 'spark') throw new Error(`unknown engine '${e}' (sluice, spark)`);
        engines = es as EngineName[];
        break;
      }
      case '--sluice-masters':
        sluiceMasters = list(value());
        break;
      case '--spark-masters':
        sparkMasters = list(value());
        break;
      case '--data-dir':
        dataDir = value();
        break;
      case '--results':
        results = value();
        break;
      case '--no-results':
        results = null;
        break;
      case '--no-build':
        build = false;
        break;
      case '--profile':
        profile = true;
        break;
      case '--warm':
        warm = true;
        break;
      case '--no-install':
        installPyspark = false;
        break;
      case '--rss': {
        const m = value();
        if (m !== 'gnu-time' && m !== 'proc') throw new Error(`--rss expects gnu-time or proc, got '${m}'`);
        rssMethod = m;
        break;
      }
      case '--query':
        queries = list(value());
        break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        names.push(a);
    }
  }
  if (names.length === 0) throw new Error('which benchmark? give a name or all');
  return {
    names,
    rows,
    reps: reps ?? (quick ? 1 : 3),
    quick,
    engines,
    sluiceMasters: sluiceMasters ?? ['local', 'local[2]'],
    sparkMasters: sparkMasters ?? (quick ? ['local[1]'] : ['local[1]', 'local[2]']),
    dataDir,
    results: results === null ? undefined : (results ?? (quick ? undefined : defaultResults)),
    build,
    profile,
    warm,
    installPyspark: installPyspark && !quick,
    rssMethod,
    queries,
  };
}
