/**
 * Peak RSS and CPU time of a process tree by sampling /proc (the fallback when GNU time is
 * missing): every `intervalMs` it walks the tree under the root pid and keeps, per process, the
 * largest VmHWM (the kernel's own per-process peak RSS) and the latest user+system CPU time it
 * has seen. Peak RSS is the largest VmHWM — the biggest single process of the run, the same
 * meaning as GNU time's %M; CPU time is the sum over processes. A process that lives less than
 * one interval can be missed, and the last interval's CPU time is not seen; the engines' main
 * processes live for seconds.
 */
import { readdirSync, readFileSync } from 'node:fs';

function readStatusKb(pid: number, field: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const at = text.indexOf(`${field}:`);
  if (at < 0) return undefined;
  const m = /^\s*(\d+)\s*kB/.exec(text.slice(at + field.length + 1));
  return m ? Number(m[1]) : undefined;
}

/** Direct children of pid, from /proc/<pid>/task/<tid>/children (Linux ≥ 3.5). */
function childrenOf(pid: number): number[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const out: number[] = [];
  for (const tid of tids) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) {
        if (c.trim() !== '') out.push(Number(c));
      }
    } catch {
      // thread ended between readdir and read
    }
  }
  return out;
}

/** The root pid and all its live descendants. */
export function processTree(root: number): number[] {
  const seen: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.includes(pid)) continue;
    seen.push(pid);
    stack.push(...childrenOf(pid));
  }
  return seen;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node supports

/** utime + stime of pid in clock ticks, from /proc/<pid>/stat (fields 14 and 15). */
function cpuTicks(pid: number): number | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : undefined;
}

export interface TreeUsage {
  /** Largest peak RSS of any process of the tree, bytes; undefined if nothing was sampled. */
  readonly peakRssBytes: number | undefined;
  /** User + system CPU time summed over the tree's processes, ms; undefined if nothing was sampled. */
  readonly cpuMs: number | undefined;
}

export class ProcTreeSampler {
  readonly #peakKb = new Map<number, number>();
  readonly #ticks = new Map<number, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    intervalMs: number,
  ) {
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    for (const pid of processTree(this.root)) {
      const hwm = readStatusKb(pid, 'VmHWM');
      if (hwm !== undefined && hwm > (this.#peakKb.get(pid) ?? 0)) this.#peakKb.set(pid, hwm);
      const t = cpuTicks(pid);
      if (t !== undefined) this.#ticks.set(pid, t);
    }
  }

  /** Stops sampling and reports what was seen. */
  stop(): TreeUsage {
    clearInterval(this.#timer);
    let max = 0;
    for (const kb of this.#peakKb.values()) max = Math.max(max, kb);
    let ticks = 0;
    for (const t of this.#ticks.values()) ticks += t;
    return {
      peakRssBytes: max > 0 ? max * 1024 : undefined,
      cpuMs: this.#ticks.size > 0 ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined,
    };
  }
}
