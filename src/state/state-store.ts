/**
 * The versioned key-value state store contract used by stateful streaming operators. One
 * provider per stateful operator; the operator's state is split into partitions (the shuffle
 * partitions of its input), each a store.
 *
 * Invariants:
 * - `open(N)` positions every partition at version N (the state after batch N-1 committed;
 *   0 = empty). Recovery loads any retained version exactly.
 * - Updates are invisible to other readers until `commit()`, which makes the updates of all
 *   partitions version N+1 and starts persisting them atomically; `flush()` resolves once every
 *   committed version is durable (the engine writes its commit entry only after that);
 *   `abort()` discards uncommitted updates.
 * - Keys and values are structured-clone values (numbers, strings, bigints, arrays, Maps, Sets,
 *   typed arrays); the store never looks inside them.
 */
export interface StateStoreMetrics {
  readonly numKeys: number;
  readonly numUpdated: number;
  readonly numRemoved: number;
  readonly memoryUsedBytes: number;
}

export interface StateStore {
  readonly partition: number;
  get(key: unknown): unknown;
  put(key: unknown, value: unknown): void;
  remove(key: unknown): void;
  has(key: unknown): boolean;
  /** Committed entries overlaid with this batch's updates. */
  entries(): IterableIterator<[unknown, unknown]>;
}

export interface StateStoreProvider {
  readonly version: number;
  open(version: number): void;
  getStore(partition: number): StateStore;
  commit(): number;
  /** Resolves once every committed version is on disk; rejects if persisting one failed. */
  flush(): Promise<void>;
  abort(): void;
  metrics(): StateStoreMetrics;
  /** Removes files no longer needed to recover the last `minVersionsToRetain` versions. */
  maintenance(minVersionsToRetain: number): void;
}
