/**
 * `MemoryStream`: a replayable in-memory streaming source for tests and examples (Spark's
 * MemoryStream). `addData(rows)` appends rows; offsets are row counts, so any (start, end] range
 * can be re-read.
 *
 * Invariants: a streaming DataFrame from `toDF()` holds its stream (the plan's `sourceRef`), and
 * the id registry holds streams weakly, so a stream lives as long as something uses it; a query's
 * source subscribes to new-data events while it runs and unsubscribes when it stops.
 */
import type { DataFrame } from '../../dataframe/dataframe.js';
import type { Session } from '../../dataframe/session.js';
import { attributeReference, type Row } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import { type StructType, structField, structType } from '../../types/data-type.js';
import { toDataType } from '../../types/ddl.js';
import { toInternalValue } from '../../types/literal-value.js';
import { type Offset, type ReadLimit, registerSourceProvider, type Source } from '../source.js';

const streams = new Map<number, WeakRef<MemoryStream>>();
const forget = new FinalizationRegistry<number>((id) => {
  if (streams.get(id)?.deref() === undefined) streams.delete(id);
});
let nextId = 1;

export class MemoryStream {
  readonly id = nextId++;
  readonly schema: StructType;
  private readonly rows: Row[] = [];
  private listeners = new Set<() => void>();

  /** `new MemoryStream(spark, 'word STRING, n INT')` (a single type gives one `value` column). */
  constructor(
    private readonly session: Session,
    schema: StructType | string,
  ) {
    const t = toDataType(schema);
    this.schema = t.kind === 'struct' ? t : structType([structField('value', t, true)]);
    streams.set(this.id, new WeakRef(this));
    forget.register(this, this.id);
  }

  /**
   * Appends rows — arrays or objects, or plain values for a one-column stream — and returns the
   * new offset: `lines.addData(['spark scala', 'scala spark'])`.
   */
  addData(rows: readonly unknown[]): number {
    const tz = this.session.timeZone();
    for (const r of rows) {
      if (
        this.schema.fields.length === 1 &&
        !Array.isArray(r) &&
        (typeof r !== 'object' || r === null || r instanceof Date)
      ) {
        this.rows.push([toInternalValue(r, this.schema.fields[0]!.dataType, tz)]);
      } else if (Array.isArray(r)) {
        this.rows.push(this.schema.fields.map((f, i) => toInternalValue(r[i], f.dataType, tz)));
      } else {
        const o = r as Record<string, unknown>;
        this.rows.push(this.schema.fields.map((f) => toInternalValue(o[f.name], f.dataType, tz)));
      }
    }
    for (const l of this.listeners) l();
    return this.rows.length;
  }

  get size(): number {
    return this.rows.length;
  }

  slice(start: number, end: number): Row[] {
    return this.rows.slice(start, end);
  }

  /** Calls `l` after each addData; returns the function that unsubscribes it. */
  onData(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** @internal the number of subscribed queries (tests check that stopped queries unsubscribe) */
  get listenerCountInternal(): number {
    return this.listeners.size;
  }

  /** The streaming DataFrame reading this stream. */
  toDF(): DataFrame {
    return this.session.readStream.format('memory').option('id', String(this.id)).load();
  }

  static byId(id: number): MemoryStream | undefined {
    return streams.get(id)?.deref();
  }
}

class MemoryStreamSource implements Source {
  private unsubscribe: (() => void) | undefined;
  constructor(private readonly stream: MemoryStream) {}
  get schema(): StructType {
    return this.stream.schema;
  }
  defaultReadLimit(): ReadLimit {
    return { kind: 'all' };
  }
  async latestOffset(start: Offset | null, limit: ReadLimit): Promise<Offset | null> {
    const size = this.stream.size;
    if (size === 0) return null;
    const from = (start as number | null) ?? 0;
    return limit.kind === 'maxRows' ? Math.min(size, from + limit.n) : size;
  }
  async getBatch(start: Offset | null, end: Offset): Promise<LogicalPlan> {
    const rows = this.stream.slice((start as number | null) ?? 0, end as number);
    return {
      kind: 'localRelation',
      output: this.schema.fields.map((f) => attributeReference(f.name, f.dataType, f.nullable)),
      rows,
      numPartitions: 1,
    };
  }
  async commit(): Promise<void> {}
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
  setDataAvailableListener(listener: () => void): void {
    this.unsubscribe?.();
    this.unsubscribe = this.stream.onData(listener);
  }
  description(): string {
    return `MemoryStream[${this.schema.fields.map((f) => f.name).join(',')}]`;
  }
}

function streamOf(ctx: { options: Readonly<Record<string, string>>; sourceRef?: unknown }): MemoryStream {
  if (ctx.sourceRef instanceof MemoryStream) return ctx.sourceRef;
  const s = MemoryStream.byId(Number(ctx.options.id));
  if (!s) throw new Error(`internal error: memory stream ${ctx.options.id} not found`);
  return s;
}

registerSourceProvider({
  format: 'memory',
  supportsContinuous: true,
  sourceSchema: (ctx) => streamOf(ctx).schema,
  sourceRef: (ctx) => streamOf(ctx),
  createSource: (ctx) => new MemoryStreamSource(streamOf(ctx)),
});
