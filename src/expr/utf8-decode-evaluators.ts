/**
 * Remembers which compiled evaluators are `CAST(<binary> AS STRING)`, so a consumer of the text
 * can read the bytes instead (from_json over a Kafka `value` scans the record's UTF-8 bytes
 * without building the record's string first).
 *
 * Invariant: for a marked evaluator `e` with entry `{ bytes, decode }`, for every row,
 * `e(row)` is `null` when `bytes(row)` is null and `decode(bytes(row))` otherwise — a consumer
 * may use either form and gets the same text.
 */
import type { Evaluator } from './function-registry.js';

export interface Utf8DecodeSource {
  /** The binary operand's evaluator. */
  readonly bytes: Evaluator;
  /** The cast itself (bytes → string), for input a byte-level reader does not handle. */
  readonly decode: (b: Uint8Array) => string;
}

const sources = new WeakMap<Evaluator, Utf8DecodeSource>();

export function markUtf8Decode(evaluator: Evaluator, source: Utf8DecodeSource): Evaluator {
  sources.set(evaluator, source);
  return evaluator;
}

/** The bytes behind `evaluator` when it is a compiled `CAST(<binary> AS STRING)`. */
export function utf8DecodeSource(evaluator: Evaluator): Utf8DecodeSource | undefined {
  return sources.get(evaluator);
}
