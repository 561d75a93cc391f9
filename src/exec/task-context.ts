/**
 * What an operator sees while it runs one partition of one stage: the function context, the
 * shuffle and cache stores, and a per-node cache of compiled closures (compiled once per plan per
 * executor, reused by every partition).
 *
 * Invariant: a node holding a non-deterministic expression (rand, randn, uuid, a non-deterministic
 * UDF) is compiled once per partition instead, and its functions see the partition index
 * (`FunctionContext.partitionIndex`), as Spark seeds them with `seed + partitionIndex`.
 */

import { ExpressionCompiler } from '../expr/compiler.js';
import type { AttributeReference, Row } from '../expr/expression.js';
import { type FunctionContext, lookupFunction } from '../expr/function-registry.js';
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
const nondeterministic = new WeakMap<object, boolean>();

/** Plan-node fields that hold child plans or attributes, not the node's own expressions. */
const NOT_EXPRESSIONS = new Set(['child', 'left', 'right', 'children', 'output']);

function holdsNondeterministic(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(holdsNondeterministic);
  if (x === null || typeof x !== 'object') return false;
  const o = x as { kind?: unknown; name?: unknown; deterministic?: unknown };
  if (o.kind === 'udf' && o.deterministic === false) return true;
  if (o.kind === 'fn' && typeof o.name === 'string') {
    const def = lookupFunction(o.name);
    if (def?.kind === 'scalar' && def.deterministic === false) return true;
  }
  return Object.values(x).some(holdsNondeterministic);
}

function isNondeterministicNode(node: object): boolean {
  let v = nondeterministic.get(node);
  if (v === undefined) {
    v = Object.entries(node).some(([k, x]) => !NOT_EXPRESSIONS.has(k) && holdsNondeterministic(x));
    nondeterministic.set(node, v);
  }
  return v;
}

/**
 * Builds (once per node and key) a compiled artefact for a plan node; once per node, key and
 * partition when the node holds a non-deterministic expression and `ctx` is given.
 */
export function compiledFor<T>(node: object, key: string, build: () => T, ctx?: TaskContext): T {
  let m = compiledCache.get(node);
  if (!m) {
    m = new Map();
    compiledCache.set(node, m);
  }
  const k = ctx && isNondeterministicNode(node) ? `${key}@${ctx.partition}` : key;
  let v = m.get(k) as T | undefined;
  if (v === undefined) {
    v = build();
    m.set(k, v);
  }
  return v;
}

export function compilerFor(input: readonly AttributeReference[], ctx: TaskContext): ExpressionCompiler {
  const fn = ctx.partition === undefined ? ctx.fn : { ...ctx.fn, partitionIndex: ctx.partition };
  return new ExpressionCompiler(input, fn);
}
