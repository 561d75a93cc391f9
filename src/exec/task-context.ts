/**
 * What an operator sees while it runs one partition of one stage: the function context, the
 * shuffle and cache stores, and a per-node cache of compiled closures (compiled once per plan per
 * executor, reused by every partition).
 */

import { ExpressionCompiler } from '../expr/compiler.js';
import type { AttributeReference, Row } from '../expr/expression.js';
import type { FunctionContext } from '../expr/function-registry.js';
import type { StateStoreProvider } from '../state/state-store.js';
import type { PhysicalPlan } from './physical-plan.js';

export type RowBatch = Row[];
export const BATCH_SIZE = 4096;

export interface ShuffleStore {
  /** All map outputs destined to reduce partition `reduceId` of shuffle `shuffleId`. */
  read(shuffleId: number, reduceId: number): readonly RowBatch[];
}

export interface BlockStore {
  get(cacheId: number, partition: number): readonly RowBatch[] | undefined;
  put(cacheId: number, partition: number, batches: readonly RowBatch[]): void;
}

/** Reads connector data for a scan partition (installed by the session for files, JDBC, …). */
export type ScanReader = (
  node: Extract<PhysicalPlan, { kind: 'dataSourceScanExec' }>,
  partition: number,
  ctx: TaskContext,
) => AsyncIterable<RowBatch>;

export interface TaskContext {
  readonly fn: FunctionContext;
  /** State of streaming stateful operators, by operator id (opened at this batch's version). */
  readonly stateProviders?: ReadonlyMap<number, StateStoreProvider>;
  readonly shuffles: ShuffleStore;
  readonly blocks: BlockStore;
  readonly scanReader?: ScanReader;
  readonly stageId: number;
  readonly partition: number;
  readonly attempt: number;
}

const compiledCache = new WeakMap<object, Map<string, unknown>>();

/** Builds (once per node and key) a compiled artefact for a plan node. */
export function compiledFor<T>(node: object, key: string, build: () => T): T {
  let m = compiledCache.get(node);
  if (!m) {
    m = new Map();
    compiledCache.set(node, m);
  }
  let v = m.get(key) as T | undefined;
  if (v === undefined) {
    v = build();
    m.set(key, v);
  }
  return v;
}

export function compilerFor(input: readonly AttributeReference[], ctx: TaskContext): ExpressionCompiler {
  return new ExpressionCompiler(input, ctx.fn);
}
