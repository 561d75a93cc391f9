/**
 * Progress of a streaming query, with Spark's field names (StreamingQueryProgress and friends),
 * and `prettyJson` in Spark's layout (`"key" : value`, two-space indents).
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
    return JSON.stringify(this.toJSON());
  }

  get prettyJson(): string {
    return prettyJson(this.toJSON());
  }

  toJSON(): StreamingQueryProgressData {
    return { ...this };
  }

  toString(): string {
    return this.prettyJson;
  }
}

/** Spark's (json4s) pretty layout: `"key" : value`, nested objects indented by two spaces. */
export function prettyJson(v: unknown, indent = ''): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[ ]';
    const inner = `${indent}  `;
    return `[ ${v.map((x) => prettyJson(x, inner)).join(', ')} ]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)} : ${prettyJson(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : String(v);
  return JSON.stringify(v);
}
