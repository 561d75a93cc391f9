/**
 * Listener events, as PySpark's StreamingQueryListener: onQueryStarted, onQueryProgress,
 * onQueryIdle, onQueryTerminated. Listeners are called in registration order; a throwing
 * listener is logged and does not stop the query.
 */
import type { StreamingQueryProgress } from './progress.js';

export interface QueryStartedEvent {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly timestamp: string;
}
export interface QueryProgressEvent {
  readonly progress: StreamingQueryProgress;
}
export interface QueryIdleEvent {
  readonly id: string;
  readonly runId: string;
  readonly timestamp: string;
}
export interface QueryTerminatedEvent {
  readonly id: string;
  readonly runId: string;
  readonly exception: string | null;
  readonly errorClassOnException: string | null;
}

export interface StreamingQueryListener {
  onQueryStarted?(event: QueryStartedEvent): void;
  onQueryProgress?(event: QueryProgressEvent): void;
  onQueryIdle?(event: QueryIdleEvent): void;
  onQueryTerminated?(event: QueryTerminatedEvent): void;
}

export class ListenerBus {
  private readonly listeners: StreamingQueryListener[] = [];

  get size(): number {
    return this.listeners.length;
  }
  add(l: StreamingQueryListener): void {
    this.listeners.push(l);
  }
  remove(l: StreamingQueryListener): void {
    const i = this.listeners.indexOf(l);
    if (i >= 0) this.listeners.splice(i, 1);
  }
  post<K extends keyof StreamingQueryListener>(
    kind: K,
    event: Parameters<NonNullable<StreamingQueryListener[K]>>[0],
  ): void {
    for (const l of this.listeners) {
      const f = l[kind] as ((e: unknown) => void) | undefined;
      if (!f) continue;
      try {
        f.call(l, event);
      } catch (e) {
        process.stderr.write(
          `StreamingQueryListener ${String(kind)} failed: ${e instanceof Error ? e.message : String(e)}\n`,
        );
      }
    }
  }
}
