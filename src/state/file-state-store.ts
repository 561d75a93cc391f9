/**
 * The default state store: in-memory maps per partition, backed by one file per version in the
 * checkpoint (`state/<op>/<version>.delta`, every partition's puts and removes) and a snapshot
 * every `snapshotInterval` versions. Files are written temp-then-rename (atomic), with v8
 * serialization so bigints, Maps and Sets round-trip.
 *
 * Invariants: version N = latest snapshot ≤ N plus the deltas after it; commit() advances the
 * in-memory state and queues the version's files, which are written (temp, fsync, rename, fsync of
 * the folder) in order on the thread pool while the batch goes on to its sink; flush() resolves
 * once every committed version is on disk, and rejects with the first write's failure; abort
 * discards pending updates.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { open as openAsync, rename as renameAsync } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { SluiceError } from '../util/errors.js';
import type { StateStore, StateStoreMetrics, StateStoreProvider } from './state-store.js';

type Delta = [partition: number, puts: [unknown, unknown][], removes: unknown[]][];
type Snapshot = [partition: number, entries: [unknown, unknown][]][];

let tempFiles = 0;

/** Temp file, fsync, rename, fsync of the folder (so the rename is durable too), on the thread pool. */
async function writeAtomicallyAsync(path: string, data: Buffer): Promise<void> {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  // unique: a failed query's last write may still be in flight when a restart rewrites the file
  const tmp = `${path}.${process.pid}.${++tempFiles}.tmp`;
  const file = await openAsync(tmp, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await renameAsync(tmp, path);
  const folder = await openAsync(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

class PartitionStore implements StateStore {
  readonly puts = new Map<unknown, unknown>();
  readonly removes = new Set<unknown>();
  constructor(
    readonly partition: number,
    private readonly committed: Map<unknown, unknown>,
  ) {}
  get(key: unknown): unknown {
    if (this.removes.has(key)) return undefined;
    const p = this.puts.get(key);
    return p !== undefined ? p : this.committed.get(key);
  }
  has(key: unknown): boolean {
    return this.get(key) !== undefined;
  }
  put(key: unknown, value: unknown): void {
    this.removes.delete(key);
    this.puts.set(key, value);
  }
  remove(key: unknown): void {
    this.puts.delete(key);
    if (this.committed.has(key)) this.removes.add(key);
  }
  *entries(): IterableIterator<[unknown, unknown]> {
    for (const e of this.committed) if (!this.removes.has(e[0]) && !this.puts.has(e[0])) yield e;
    yield* this.puts;
  }
}

export class FileStateStoreProvider implements StateStoreProvider {
  private state = new Map<number, Map<unknown, unknown>>();
  private loadedVersion = -1;
  private pending = new Map<number, PartitionStore>();
  private lastMetrics: StateStoreMetrics = { numKeys: 0, numUpdated: 0, numRemoved: 0, memoryUsedBytes: 0 };
  /** The committed versions' file writes, in commit order. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly snapshotInterval = 10,
  ) {}

  get version(): number {
    return this.loadedVersion;
  }

  private deltaPath(v: number): string {
    return join(this.dir, `${v}.delta`);
  }
  private snapshotPath(v: number): string {
    return join(this.dir, `${v}.snapshot`);
  }

  open(version: number): void {
    this.pending = new Map();
    if (version === this.loadedVersion) return;
    const state = new Map<number, Map<unknown, unknown>>();
    let start = version;
    while (start > 0 && !existsSync(this.snapshotPath(start))) start--;
    if (start > 0) {
      for (const [p, entries] of deserialize(readFileSync(this.snapshotPath(start))) as Snapshot)
        state.set(p, new Map(entries));
    }
    for (let v = start + 1; v <= version; v++) {
      const file = this.deltaPath(v);
      if (!existsSync(file)) {
        throw new SluiceError(
          'CANNOT_LOAD_STATE_STORE',
          `Cannot load the state at version ${version}: ${file} is missing. The checkpoint is incomplete or was cleaned up.`,
        );
      }
      for (const [p, puts, removes] of deserialize(readFileSync(file)) as Delta) {
        let m = state.get(p);
        if (!m) state.set(p, (m = new Map()));
        for (const k of removes) m.delete(k);
        for (const [k, val] of puts) m.set(k, val);
      }
    }
    this.state = state;
    this.loadedVersion = version;
  }

  getStore(partition: number): StateStore {
    let s = this.pending.get(partition);
    if (!s) {
      let committed = this.state.get(partition);
      if (!committed) this.state.set(partition, (committed = new Map()));
      s = new PartitionStore(partition, committed);
      this.pending.set(partition, s);
    }
    return s;
  }

  commit(): number {
    if (this.loadedVersion < 0) throw new Error('internal error: state store committed before open');
    const next = this.loadedVersion + 1;
    const delta: Delta = [];
    let updated = 0;
    let removed = 0;
    for (const s of this.pending.values()) {
      if (s.puts.size || s.removes.size) delta.push([s.partition, [...s.puts], [...s.removes]]);
      updated += s.puts.size;
      removed += s.removes.size;
    }
    this.queueWrite(this.deltaPath(next), serialize(delta));
    for (const [p, puts, removes] of delta) {
      const m = this.state.get(p)!;
      for (const k of removes) m.delete(k);
      for (const [k, v] of puts) m.set(k, v);
    }
    if (next % this.snapshotInterval === 0) {
      this.queueWrite(
        this.snapshotPath(next),
        serialize([...this.state].map(([p, m]) => [p, [...m]]) as Snapshot),
      );
    }
    this.pending = new Map();
    this.loadedVersion = next;
    let keys = 0;
    for (const m of this.state.values()) keys += m.size;
    this.lastMetrics = {
      numKeys: keys,
      numUpdated: updated,
      numRemoved: removed,
      memoryUsedBytes: estimateBytes(this.state),
    };
    return next;
  }

  private queueWrite(path: string, data: Buffer): void {
    const write = this.writes.then(() => writeAtomicallyAsync(path, data));
    // a failure surfaces from flush(); until someone asks it must not be an unhandled rejection
    write.catch(() => undefined);
    this.writes = write;
  }

  flush(): Promise<void> {
    return this.writes;
  }

  abort(): void {
    this.pending = new Map();
  }

  metrics(): StateStoreMetrics {
    return this.lastMetrics;
  }

  maintenance(minVersionsToRetain: number): void {
    if (!existsSync(this.dir)) return;
    const keepFrom = this.loadedVersion - minVersionsToRetain;
    const files = readdirSync(this.dir);
    const base = files
      .filter((f) => f.endsWith('.snapshot'))
      .map((f) => Number.parseInt(f, 10))
      .filter((v) => v <= keepFrom)
      .sort((a, b) => b - a)[0];
    if (base === undefined) return;
    for (const f of files) {
      const v = Number.parseInt(f, 10);
      if (v < base || (v === base && f.endsWith('.delta'))) rmSync(join(this.dir, f), { force: true });
    }
  }
}

function estimateBytes(state: Map<number, Map<unknown, unknown>>): number {
  let n = 0;
  for (const m of state.values()) n += m.size;
  return n * 96;
}
