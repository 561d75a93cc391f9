/**
 * `spark.streams`: the session's active queries, waiting for any to terminate, and listeners.
 */
import { SluiceError } from '../util/errors.js';
import type { StreamingQuery } from './streaming-query.js';
import { ListenerBus, type StreamingQueryListener } from './streaming-query-listener.js';

export class StreamingQueryManager {
  readonly listenerBus = new ListenerBus();
  private readonly queries = new Map<string, StreamingQuery>();
  /**
   * Spark's lastTerminatedQueryException: undefined until a query terminates after the last
   * resetTerminated(); then null (stopped) or the error of a failed query (a later clean stop does
   * not hide an error).
   */
  private lastTermination: SluiceError | null | undefined;
  private waiters: (() => void)[] = [];

  /** The active queries (a query leaves the list, and the manager, when it terminates). */
  get active(): StreamingQuery[] {
    return [...this.queries.values()].filter((q) => q.isActive);
  }

  /** The active query with this id, or null. */
  get(id: string): StreamingQuery | null {
    const q = this.queries.get(id);
    return q?.isActive ? q : null;
  }

  /**
   * @internal starts a query (`start`) as an active query of the session, refusing a second active
   * run of the same query id or name; the query leaves the manager when it terminates.
   */
  register(q: StreamingQuery, start: () => void): void {
    for (const other of this.active) {
      if (other.id === q.id) {
        throw new SluiceError(
          'CONCURRENT_QUERY',
          `Cannot start query with id ${q.id} as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active.`,
        );
      }
      if (q.name !== null && other.name === q.name) {
        throw new SluiceError(
          'DUPLICATE_QUERY_NAME',
          `Cannot start query with name ${q.name} as a query with that name is already active in this SparkSession.`,
        );
      }
    }
    this.queries.set(q.id, q);
    try {
      start();
    } catch (e) {
      this.unregister(q);
      throw e;
    }
    q.awaitTermination()
      .catch(() => undefined)
      .finally(() => {
        this.unregister(q);
        if (this.lastTermination == null) this.lastTermination = q.exception();
        for (const w of this.waiters.splice(0)) w();
      });
  }

  /** @internal */
  unregister(q: StreamingQuery): void {
    if (this.queries.get(q.id) === q) this.queries.delete(q.id);
  }

  /** Waits until any query terminates since the last resetTerminated(); rejects with its error. */
  awaitAnyTermination(timeoutMs?: number): Promise<boolean> {
    const check = (): Promise<boolean> | undefined => {
      const t = this.lastTermination;
      if (t === undefined) return undefined;
      return t ? Promise.reject(t) : Promise.resolve(true);
    };
    const now = check();
    if (now) return now;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const w = () => {
        if (timer) clearTimeout(timer);
        check()!.then(resolve, reject);
      };
      this.waiters.push(w);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.waiters = this.waiters.filter((x) => x !== w);
          resolve(false);
        }, timeoutMs);
      }
    });
  }

  /** Forgets past terminations so that awaitAnyTermination() waits for a new one. */
  resetTerminated(): void {
    this.lastTermination = undefined;
  }

  /** @internal what the manager holds (tests check that stopped queries leave nothing behind) */
  get registeredCountInternal(): { queries: number; waiters: number; listeners: number } {
    return { queries: this.queries.size, waiters: this.waiters.length, listeners: this.listenerBus.size };
  }

  addListener(l: StreamingQueryListener): void {
    this.listenerBus.add(l);
  }
  removeListener(l: StreamingQueryListener): void {
    this.listenerBus.remove(l);
  }
}
