/**
 * The two engines under test and how to start a job on each: Sluice through its CLI
 * (`node bin/sluice.js submit --master M job.ts args`, so start-up is what a user pays) and
 * pyspark (`python job.py --master M args`). Also finds — or installs — pyspark 4.3.0 and keeps
 * Sluice's build (dist/, which bin/sluice.js runs) up to date.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineName } from './stats.js';

export const PYSPARK_VERSION = '4.3.0';

export interface JobCommand {
  readonly command: string;
  readonly args: readonly string[];
}

export function sluiceCommand(
  root: string,
  job: string,
  master: string,
  jobArgs: readonly string[],
  nodeFlags: readonly string[] = [],
): JobCommand {
  return {
    command: process.execPath,
    args: [
      ...nodeFlags,
      join(root, 'bin/sluice.js'),
      'submit',
      '--master',
      master,
      join(root, job),
      ...jobArgs,
    ],
  };
}

export function sparkCommand(
  root: string,
  python: string,
  job: string,
  master: string,
  jobArgs: readonly string[],
): JobCommand {
  return { command: python, args: [join(root, job), '--master', master, ...jobArgs] };
}

export interface PysparkInfo {
  readonly python: string;
  readonly version: string;
}

function pysparkVersion(python: string): string | undefined {
  const r = spawnSync(python, ['-c', 'import pyspark; print(pyspark.__version__)'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function javaWorks(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

/**
 * A Python that can `import pyspark`: $BENCH_PYTHON, then bench/.venv, then python3. With
 * `install`, a missing pyspark is installed with pip (into bench/.venv when the system Python
 * refuses, PEP 668). Undefined when Spark cannot run here (no pyspark, or no Java).
 */
export function findPyspark(
  root: string,
  install: boolean,
  log: (s: string) => void,
): PysparkInfo | undefined {
  if (!javaWorks()) {
    log('java not found: Spark runs are skipped');
    return undefined;
  }
  const venvPython = join(root, 'bench/.venv/bin/python');
  const candidates = [process.env.BENCH_PYTHON, venvPython, 'python3'].filter(
    (p): p is string => p !== undefined && p !== '' && (p === 'python3' || existsSync(p)),
  );
  for (const python of candidates) {
    const version = pysparkVersion(python);
    if (version !== undefined) {
      if (version !== PYSPARK_VERSION)
        log(`warning: ${python} has pyspark ${version}; the reference is ${PYSPARK_VERSION}`);
      return { python, version };
    }
  }
  if (!install) return undefined;
  log(`pyspark not importable: pip install pyspark==${PYSPARK_VERSION}`);
  const pip = (python: string) =>
    spawnSync(python, ['-m', 'pip', 'install', '--quiet', `pyspark==${PYSPARK_VERSION}`], {
      stdio: 'inherit',
    }).status === 0;
  if (pip('python3')) {
    const version = pysparkVersion('python3');
    if (version !== undefined) return { python: 'python3', version };
  }
  log('installing into bench/.venv instead');
  if (spawnSync('python3', ['-m', 'venv', join(root, 'bench/.venv')], { stdio: 'inherit' }).status !== 0)
    return undefined;
  if (!pip(venvPython)) return undefined;
  const version = pysparkVersion(venvPython);
  return version === undefined ? undefined : { python: venvPython, version };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Rebuilds dist/ when a source file is newer than the last build. tsc still emits when other
 * files have type errors; that is reported but only a missing entry point is fatal.
 */
export function ensureSluiceBuild(root: string, log: (s: string) => void): void {
  const marker = join(root, 'dist/cli/main.js');
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestMtime(join(root, 'src'))) return;
  log('building Sluice (tsc -p tsconfig.build.json)…');
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    const errors = r.stdout.split('\n').filter((l) => l.includes('error TS'));
    log(`tsc reported ${errors.length} error(s); first: ${errors[0] ?? r.stderr.trim()}`);
  }
  if (!existsSync(marker)) throw new Error('Sluice build failed: dist/cli/main.js is missing');
  // the engine bundle `sluice submit` loads (see scripts/bundle-dist.mjs)
  const b = spawnSync(process.execPath, [join(root, 'scripts/bundle-dist.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (b.status !== 0) throw new Error(`Sluice build failed: bundling dist/ failed: ${b.stderr.trim()}`);
}

export const ENGINE_NAMES: readonly EngineName[] = ['sluice', 'spark'];
