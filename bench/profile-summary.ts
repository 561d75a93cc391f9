/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from `npm run bench -- <name> --profile`):
 * where the time goes by function (self and inclusive) and by source file.
 *
 *   node --import tsx bench/profile-summary.ts bench/data/profiles/<file>.cpuprofile [--top N]
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly selfByFunction: [string, number][];
  readonly inclusiveByFunction: [string, number][];
  readonly selfByFile: [string, number][];
}

const ROOT = resolve(import.meta.dirname, '..');

function fileOf(url: string): string {
  if (url === '') return '(native/vm)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(ROOT) ? relative(ROOT, path) : path;
}

function nameOf(n: ProfileNode): string {
  const f = n.callFrame;
  const fn = f.functionName || '(anonymous)';
  return f.url === '' ? fn : `${fn} ${fileOf(f.url)}:${f.lineNumber + 1}`;
}

function sorted(m: Map<string, number>): [string, number][] {
  return [...m].sort((a, b) => b[1] - a[1]);
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]!);
    if (!leaf) continue;
    total += ms;
    const leafName = nameOf(leaf);
    self.set(leafName, (self.get(leafName) ?? 0) + ms);
    const file = fileOf(leaf.callFrame.url);
    files.set(file, (files.get(file) ?? 0) + ms);
    // Each function once per sample, so recursion does not count twice.
    const onStack = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      onStack.add(nameOf(byId.get(id)!));
    }
    for (const name of onStack) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  }
  return {
    totalMs: total,
    selfByFunction: sorted(self),
    inclusiveByFunction: sorted(inclusive),
    selfByFile: sorted(files),
  };
}

function render(title: string, rows: [string, number][], total: number, top: number): string {
  const lines = rows
    .slice(0, top)
    .map(
      ([k, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
  return `${title}\n${lines.join('\n')}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 30;
  const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--top');
  if (!file) {
    process.stderr.write('usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [--top N]\n');
    process.exit(2);
  }
  const s = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const out = [
    `total sampled: ${s.totalMs.toFixed(0)} ms`,
    render('\n-- self time by function', s.selfByFunction, s.totalMs, top),
    render('\n-- self time by file', s.selfByFile, s.totalMs, Math.min(top, 20)),
    render('\n-- inclusive time by function', s.inclusiveByFunction, s.totalMs, top),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
