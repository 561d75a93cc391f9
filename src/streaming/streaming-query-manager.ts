/**
 * `spark.streams`: the session's active queries, waiting for any to terminate, and listeners.
 */
import { SluiceError } from '../util/errors.js';
import type { StreamingQuery } from './streaming-query.js';
import { ListenerBus, type StreamingQueryListener } from './streaming-query-listener.js';

export class StreamingQueryManager {
  readonly listenerBus = new ListenerBus();
  private readonly queries = new Map<string, StreamingQuery>();
  private terminated: StreamingQuery[] = [];
  private waiters: (() => void)[] = [];

  get active(): StreamingQuery[] {
    return [...this.queries.values()].filter((q) => q.isActive);
  }

  get(id: string): StreamingQuery | null {
    return this.queries.get(id) ?? null;
  }

  /** @internal registers a started query, refusing a second active run of the same query id or name. */
  register(q: StreamingQuery): void {
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
    q.awaitTermination()
      .catch(() => undefined)
      .finally(() => {
        this.terminated.push(q);
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
      const t = this.terminated[0];
      if (!t) return undefined;
      const e = t.exception();
      return e ? Promise.reject(e) : Promise.resolve(true);
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

  resetTerminated(): void {
    this.terminated = [];
  }

  addListener(l: StreamingQueryListener): void {
    this.listenerBus.add(l);
  }
  removeListener(l: StreamingQueryListener): void {
    this.listenerBus.remove(l);
  }
}
