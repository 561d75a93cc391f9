/**
 * Progress of a streaming query, with Spark's field names (StreamingQueryProgress and friends),
 * and `json` / `prettyJson` rendered as Spark's (json4s) are: `"key" : value` with two-space
 * indents, array elements at the array's indent, rates as doubles (`0.0`, `83.33333333333333`,
 * `1.0E7`), map fields (durationMs, eventTime, customMetrics…) sorted by key and left out when
 * empty, and a non-finite rate left out.
 */
export interface SourceProgress {
  readonly description: string;
  readonly startOffset: unknown;
  readonly endOffset: unknown;
  readonly latestOffset: unknown;
  readonly numInputRows: number;
  readonly inputRowsPerSecond: number;
  readonly processedRowsPerSecond: number;
}

export interface StateOperatorProgress {
  readonly operatorName: string;
  readonly numRowsTotal: number;
  readonly numRowsUpdated: number;
  readonly allUpdatesTimeMs: number;
  readonly numRowsRemoved: number;
  readonly allRemovalsTimeMs: number;
  readonly commitTimeMs: number;
  readonly memoryUsedBytes: number;
  readonly numRowsDroppedByWatermark: number;
  readonly numShufflePartitions: number;
  readonly numStateStoreInstances: number;
  readonly customMetrics: Readonly<Record<string, number>>;
}

export interface SinkProgress {
  readonly description: string;
  readonly numOutputRows: number;
}

export interface StreamingQueryProgressData {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly timestamp: string;
  readonly batchId: number;
  readonly batchDuration: number;
  readonly numInputRows: number;
  readonly inputRowsPerSecond: number;
  readonly processedRowsPerSecond: number;
  readonly durationMs: Readonly<Record<string, number>>;
  readonly eventTime: Readonly<Record<string, string>>;
  readonly stateOperators: readonly StateOperatorProgress[];
  readonly sources: readonly SourceProgress[];
  readonly sink: SinkProgress;
}

export class StreamingQueryProgress implements StreamingQueryProgressData {
  readonly id!: string;
  readonly runId!: string;
  readonly name!: string | null;
  readonly timestamp!: string;
  readonly batchId!: number;
  readonly batchDuration!: number;
  readonly numInputRows!: number;
  readonly inputRowsPerSecond!: number;
  readonly processedRowsPerSecond!: number;
  readonly durationMs!: Readonly<Record<string, number>>;
  readonly eventTime!: Readonly<Record<string, string>>;
  readonly stateOperators!: readonly StateOperatorProgress[];
  readonly sources!: readonly SourceProgress[];
  readonly sink!: SinkProgress;

  constructor(data: StreamingQueryProgressData) {
    Object.assign(this, data);
  }

  get json(): string {
    return renderJson(this.toJSON(), false);
  }

  get prettyJson(): string {
    return renderJson(this.toJSON(), true);
  }

  /** The value Spark's JSON has: its field order, map fields sorted by key and left out when empty. */
  toJSON(): StreamingQueryProgressData {
    return sparkJsonValue({ ...this }) as StreamingQueryProgressData;
  }

  toString(): string {
    return this.prettyJson;
  }
}

/** Fields Spark renders as doubles. */
const DOUBLE_FIELDS = new Set(['inputRowsPerSecond', 'processedRowsPerSecond']);
/** Map-valued fields: Spark writes their keys sorted and leaves an empty one out. */
const MAP_FIELDS = new Set(['durationMs', 'eventTime', 'customMetrics', 'metrics', 'observedMetrics']);

function sparkJsonValue(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => sparkJsonValue(x));
  if (v === null || typeof v !== 'object') return v;
  let entries = Object.entries(v as Record<string, unknown>);
  if (MAP_FIELDS.has(key)) {
    if (entries.length === 0) return undefined;
    entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of entries) {
    const value = sparkJsonValue(x, k);
    if (value !== undefined) out[k] = value;
  }
  return out;
}

/** A double as Java's Double.toString writes it (json4s renders doubles so). */
function javaDouble(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(v);
  if (abs >= 1e-3 && abs < 1e7) return Number.isInteger(v) ? `${v}.0` : String(v);
  const [mantissa, exponent] = v.toExponential().split('e') as [string, string];
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Spark's JSON of a progress object, compact or pretty; doubles and non-finite rates as Spark's. */
function renderJson(v: unknown, pretty: boolean, indent = '', key = ''): string {
  if (typeof v === 'number' && DOUBLE_FIELDS.has(key)) return javaDouble(v);
  if (!pretty) {
    if (Array.isArray(v)) return `[${v.map((x) => renderJson(x, false)).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const entries = jsonEntries(v);
      return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${renderJson(x, false, '', k)}`).join(',')}}`;
    }
    return v === undefined ? 'null' : JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[ ]';
    // json4s writes an array's objects at the array's own indent: `[ {` … `} ]`
    return `[ ${v.map((x) => renderJson(x, true, indent)).join(', ')} ]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = jsonEntries(v);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)} : ${renderJson(x, true, inner, k)}`).join(',\n')}\n${indent}}`;
  }
  return v === undefined || v === null ? 'null' : JSON.stringify(v);
}

/** An object's entries as Spark writes them: undefined values and non-finite rates left out. */
function jsonEntries(v: object): [string, unknown][] {
  return Object.entries(v as Record<string, unknown>).filter(
    ([k, x]) => x !== undefined && !(DOUBLE_FIELDS.has(k) && typeof x === 'number' && !Number.isFinite(x)),
  );
}
