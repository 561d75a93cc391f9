/**
 * Shared pieces of the built-in streaming sources: reading options (case-insensitive, as Spark's
 * CaseInsensitiveStringMap, with errors that name the option), Spark's round-robin row order
 * over input partitions, and the batch plan a source hands to the engine.
 *
 * Invariant: option errors are thrown at load() (or at start() for options only read there) and
 * always say which option and which value was wrong.
 */
import { attributeReference, type Row } from '../../expr/expression.js';
import type { LogicalPlan } from '../../plan/logical-plan.js';
import type { StructType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';

export class SourceOptions {
  private readonly byLowerName = new Map<string, string>();

  constructor(options: Readonly<Record<string, string>>) {
    for (const [k, v] of Object.entries(options)) this.byLowerName.set(k.toLowerCase(), v);
  }

  get(name: string): string | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.byLowerName.has(name.toLowerCase());
  }

  /** An integer option (Java long/int parsing: optional sign, digits only). */
  integer(name: string, defaultValue: number): number {
    const raw = this.get(name);
    if (raw === undefined) return defaultValue;
    const text = raw.trim();
    if (!/^[+-]?\d+$/.test(text)) {
      throw invalidOption(`Invalid value '${raw}'. The option '${name}' must be an integer`);
    }
    const n = Number(text);
    if (!Number.isSafeInteger(n)) {
      throw invalidOption(`Invalid value '${raw}'. The option '${name}' is too large`);
    }
    return n;
  }

  positiveInteger(name: string, defaultValue: number): number {
    const n = this.integer(name, defaultValue);
    if (n <= 0) throw invalidOption(`Invalid value '${n}'. The option '${name}' must be positive`);
    return n;
  }

  nonNegativeInteger(name: string, defaultValue: number): number {
    const n = this.integer(name, defaultValue);
    if (n < 0) throw invalidOption(`Invalid value '${n}'. The option '${name}' must be non-negative`);
    return n;
  }

  boolean(name: string, defaultValue: boolean, message?: string): boolean {
    const raw = this.get(name);
    if (raw === undefined) return defaultValue;
    const t = raw.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    throw invalidOption(message ?? `Invalid value '${raw}'. The option '${name}' must be true or false`);
  }

  /**
   * A duration in whole seconds, parsed like Spark's time strings (`5s`, `500ms`, `2min`, `1h`;
   * a bare number is seconds); finer units are truncated to seconds.
   */
  durationSeconds(name: string, defaultValue: number): number {
    const raw = this.get(name);
    if (raw === undefined) return defaultValue;
    const m = /^(-?\d+)([a-z]+)?$/.exec(raw.trim().toLowerCase());
    const unitMicros = m ? TIME_UNITS_MICROS[m[2] ?? 's'] : undefined;
    if (!m || unitMicros === undefined) {
      throw invalidOption(
        `Invalid value '${raw}' for the option '${name}'. Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes (m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.`,
      );
    }
    return Math.trunc((Number(m[1]) * unitMicros) / 1_000_000);
  }
}

const TIME_UNITS_MICROS: Record<string, number> = {
  us: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  min: 60_000_000,
  h: 3_600_000_000,
  d: 86_400_000_000,
};

export function invalidOption(message: string): AnalysisException {
  return new AnalysisException('INVALID_OPTION', message);
}

/** Spark's error for sources with a fixed schema given one by `readStream.schema(...)`. */
export function rejectUserSchema(providerName: string, schema: StructType | undefined): void {
  if (schema) {
    throw new AnalysisException(
      'UNSUPPORTED_USER_SPECIFIED_SCHEMA',
      `${providerName} source does not support user-specified schema.`,
    );
  }
}

/**
 * Indices 0..n-1 in the order Spark's sources emit them: item i goes to input partition
 * i % numPartitions, and partitions are read one after the other (0, N, 2N, …, 1, N+1, …).
 */
export function roundRobinOrder(n: number, numPartitions: number): number[] {
  const out: number[] = [];
  for (let p = 0; p < Math.min(numPartitions, n); p++) for (let i = p; i < n; i += numPartitions) out.push(i);
  return out;
}

/** The plan of one batch: rows in the schema's column order, over `numPartitions` partitions. */
export function batchRelation(schema: StructType, rows: Row[], numPartitions: number): LogicalPlan {
  return {
    kind: 'localRelation',
    output: schema.fields.map((f) => attributeReference(f.name, f.dataType, f.nullable)),
    rows,
    numPartitions: Math.max(1, numPartitions),
  };
}
