/**
 * Peak RSS of a process tree by sampling /proc (the fallback when GNU time is missing): every
 * `intervalMs` it walks the tree under the root pid and keeps, per process, the largest VmHWM
 * (the kernel's own per-process peak RSS) it has seen. The result is the largest of those — the
 * biggest single process of the run, the same meaning as GNU time's %M. A process that lives
 * less than one interval can be missed; the engines' main processes live for seconds.
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

export class ProcTreeSampler {
  readonly #peakKb = new Map<number, number>();
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
    }
  }

  /** Stops sampling; the peak RSS in bytes, or undefined if nothing was ever sampled. */
  stop(): number | undefined {
    clearInterval(this.#timer);
    let max = 0;
    for (const kb of this.#peakKb.values()) max = Math.max(max, kb);
    return max > 0 ? max * 1024 : undefined;
  }
}
