/**
 * What the report says about the machine and the software under test. Every probe is
 * best-effort: a missing tool gives "unknown", never a failed benchmark.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryBytes: number;
  readonly os: string;
  readonly node: string;
  readonly java: string;
  readonly pyspark: string;
  readonly sluice: string;
  /** One-minute load average when the run started: other work on the machine skews results. */
  readonly loadAverage: number;
}

function firstLine(
  cmd: string,
  args: readonly string[],
  from: 'stdout' | 'stderr' = 'stdout',
): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  if (r.error || r.status !== 0) return undefined;
  const text = from === 'stdout' ? r.stdout : r.stderr;
  return text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim();
}

export function javaVersion(): string {
  return firstLine('java', ['-version'], 'stderr') ?? 'unknown (java not found)';
}

export function sluiceVersion(root: string): string {
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    // keep unknown
  }
  const commit = firstLine('git', ['-C', root, 'rev-parse', '--short', 'HEAD']);
  const dirty = spawnSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'], {
    encoding: 'utf8',
  });
  const suffix = commit ? ` (git ${commit}${dirty.stdout?.trim() ? ', uncommitted changes' : ''})` : '';
  return `${version}${suffix}`;
}

export function machineInfo(root: string, pyspark: string): MachineInfo {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryBytes: totalmem(),
    os: `${type()} ${release()} ${arch()}`,
    node: process.version,
    java: javaVersion(),
    pyspark,
    sluice: sluiceVersion(root),
    loadAverage: loadavg()[0] ?? 0,
  };
}
