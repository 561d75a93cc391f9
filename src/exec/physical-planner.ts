/**
 * The physical planner: optimized logical plan → physical operators, inserting exchanges where
 * rows must move between partitions (aggregation and join keys, global sort, limits, windows).
 *
 * Invariants: an operator whose correctness needs co-partitioned input gets an exchange below it
 * unless its input already has a single partition; aggregation is split into partial and final
 * halves around the exchange (map-side combine), or runs `complete` on a single partition.
 */
import {
  type AggregateCall,
  type AttributeReference,
  anyNode,
  attributeReference,
  collectNodes,
  type Expr,
  type NamedExpr,
  type SortOrder,
  transformDown,
  transformUp,
} from '../expr/expression.js';
import { dataTypeOf, nullableOf } from '../expr/expression-type.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { BinaryType } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import { numPartitionsOf, type Partitioning, type PhysicalPlan } from './physical-plan.js';

/** Set when planning one micro-batch of a streaming query. */
export interface StreamingPlanContext {
  readonly outputMode: 'append' | 'update' | 'complete';
  readonly numStatePartitions: number;
  /** Whether a logical subtree reads a streaming source in this batch. */
  readonly isStreamingSubtree: (p: LogicalPlan) => boolean;
}

export interface PlannerOptions {
  readonly streaming?: StreamingPlanContext;
  readonly shufflePartitions: number;
  readonly defaultParallelism: number;
  /** Plans a connector relation (files, JDBC, …) into a scan. */
  readonly planDataSource?: (p: Extract<LogicalPlan, { kind: 'dataSourceRelation' }>) => PhysicalPlan;
}

export class PhysicalPlanner {
  private nextOperatorId = 0;
  constructor(private readonly opts: PlannerOptions) {}

  plan(p: LogicalPlan): PhysicalPlan {
    const output = outputOf(p);
    switch (p.kind) {
      case 'localRelation':
        return {
          kind: 'localTableScan',
          output,
          rows: p.rows,
          numPartitions: Math.max(1, Math.min(p.numPartitions, p.rows.length || 1)),
        };
      case 'range':
        return {
          kind: 'rangeExec',
          output,
          start: p.start,
          end: p.end,
          step: p.step,
          numPartitions: p.numPartitions,
        };
      case 'dataSourceRelation':
        if (!this.opts.planDataSource) {
          throw new AnalysisException(
            'UNSUPPORTED_DATASOURCE',
            `No connector can read format '${p.format}'.`,
          );
        }
        return this.opts.planDataSource(p);
      case 'project':
        return {
          kind: 'projectExec',
          output,
          child:
            p.child.kind === 'generate'
              ? this.planGenerate(p.child, referencedExprIds(p.projectList))
              : this.plan(p.child),
          projectList: p.projectList as NamedExpr[],
        };
      case 'filter':
        return { kind: 'filterExec', output, child: this.plan(p.child), condition: p.condition };
      case 'subqueryAlias':
        return this.plan(p.child);
      case 'aggregate':
        return this.planAggregate(p.child, p.groupingExprs, p.aggregateExprs as NamedExpr[], output);
      case 'distinct':
        return this.planAggregate(p.child, outputOf(p.child), outputOf(p.child), output);
      case 'deduplicate': {
        const child = this.plan(p.child);
        return {
          kind: 'deduplicateExec',
          output,
          keys: p.keys,
          child: this.exchange(
            child,
            p.keys.length
              ? { type: 'hash', exprs: p.keys, numPartitions: this.opts.shufflePartitions }
              : { type: 'single' },
          ),
        };
      }
      case 'sort': {
        const child = this.plan(p.child);
        const input = p.global ? this.exchange(child, { type: 'single' }) : child;
        return { kind: 'sortExec', output, child: input, order: p.order };
      }
      case 'limit':
      case 'offset': {
        const limit = p.kind === 'limit' ? p.limit : Number.POSITIVE_INFINITY;
        const offset = p.kind === 'offset' ? p.offset : 0;
        // limit over offset: LIMIT n OFFSET m
        if (p.kind === 'limit' && p.child.kind === 'offset') {
          const inner = this.plan(p.child.child);
          const local: PhysicalPlan = {
            kind: 'limitExec',
            output,
            child: inner,
            limit: p.limit + p.child.offset,
            offset: 0,
          };
          return {
            kind: 'limitExec',
            output,
            child: this.exchange(local, { type: 'single' }),
            limit: p.limit,
            offset: p.child.offset,
          };
        }
        const child = this.plan(p.child);
        const streaming = this.opts.streaming;
        if (
          p.kind === 'limit' &&
          streaming?.outputMode === 'append' &&
          streaming.isStreamingSubtree(p.child)
        ) {
          // a limit across the whole stream: the count so far lives in the state store
          const local: PhysicalPlan =
            numPartitionsOf(child) > 1 ? { kind: 'limitExec', output, child, limit, offset: 0 } : child;
          return {
            kind: 'streamingGlobalLimitExec',
            output,
            child: this.exchange(local, { type: 'single' }),
            operatorId: this.nextOperatorId++,
            limit,
          };
        }
        const local: PhysicalPlan =
          Number.isFinite(limit) && numPartitionsOf(child) > 1
            ? { kind: 'limitExec', output, child, limit: limit + offset, offset: 0 }
            : child;
        return { kind: 'limitExec', output, child: this.exchange(local, { type: 'single' }), limit, offset };
      }
      case 'union':
        return { kind: 'unionExec', output, children: p.children.map((c) => this.plan(c)) };
      case 'join':
        return this.planJoin(p, output);
      case 'generate':
        return this.planGenerate(p, undefined);
      case 'window': {
        const child = this.plan(p.child);
        const partitioned = this.exchange(
          child,
          p.partitionSpec.length
            ? { type: 'hash', exprs: p.partitionSpec, numPartitions: this.opts.shufflePartitions }
            : { type: 'single' },
        );
        const order: SortOrder[] = [
          ...p.partitionSpec.map((e) => ({
            kind: 'sortOrder' as const,
            child: e,
            ascending: true,
            nullsFirst: true,
          })),
          ...p.orderSpec,
        ];
        const sorted: PhysicalPlan = { kind: 'sortExec', output: child.output, child: partitioned, order };
        return {
          kind: 'windowExec',
          output,
          child: sorted,
          windowExprs: p.windowExprs,
          partitionSpec: p.partitionSpec,
          orderSpec: p.orderSpec,
        };
      }
      case 'expand':
        return { kind: 'expandExec', output, child: this.plan(p.child), projections: p.projections };
      case 'sample':
        return {
          kind: 'sampleExec',
          output,
          child: this.plan(p.child),
          fraction: p.fraction,
          withReplacement: p.withReplacement,
          seed: p.seed,
        };
      case 'repartition': {
        const child = this.plan(p.child);
        if (!p.shuffle)
          return {
            kind: 'coalesceExec',
            output,
            child,
            numPartitions: Math.min(p.numPartitions, numPartitionsOf(child)),
          };
        return this.exchange(
          child,
          p.partitionExprs.length
            ? { type: 'hash', exprs: p.partitionExprs, numPartitions: p.numPartitions }
            : { type: 'roundRobin', numPartitions: p.numPartitions },
          true,
        );
      }
      case 'cached':
        return { kind: 'cachedExec', output, child: this.plan(p.child), cacheId: p.cacheId };
      case 'setOperation': {
        const n = this.opts.shufflePartitions;
        const left = this.plan(p.left);
        const right = this.plan(p.right);
        return {
          kind: 'setOperationExec',
          output,
          op: p.op,
          all: p.all,
          left: this.exchange(left, { type: 'hash', exprs: left.output, numPartitions: n }, true),
          right: this.exchange(right, { type: 'hash', exprs: right.output, numPartitions: n }, true),
        };
      }
      default:
        throw new AnalysisException('UNSUPPORTED_FEATURE', `Cannot execute plan node ${p.kind}.`);
    }
  }

  /** Inserts an exchange unless the child already satisfies the distribution. */
  /**
   * A generate keeps only the input columns `required` names (all of them when undefined): under a
   * projection, the columns the projection does not read are not copied into every generated row.
   */
  private planGenerate(p: Extract<LogicalPlan, { kind: 'generate' }>, required: Set<number> | undefined) {
    const child = this.plan(p.child);
    const requiredChildOutput = required ? child.output.filter((a) => required.has(a.exprId)) : child.output;
    return {
      kind: 'generateExec',
      output: [...requiredChildOutput, ...p.generatorOutput],
      child,
      generator: p.generator,
      outer: p.outer,
      requiredChildOutput,
    } satisfies PhysicalPlan;
  }

  private exchange(child: PhysicalPlan, partitioning: Partitioning, force = false): PhysicalPlan {
    if (!force && numPartitionsOf(child) === 1 && partitioning.type !== 'roundRobin') return child;
    return { kind: 'exchangeExec', output: child.output, child, partitioning };
  }

  private planAggregate(
    childPlan: LogicalPlan,
    groupingExprs: readonly Expr[],
    resultExprs: readonly NamedExpr[],
    output: readonly AttributeReference[],
  ): PhysicalPlan {
    const child = this.plan(childPlan);
    const aggregates: AggregateCall[] = [];
    const aggKeys: string[] = [];
    const aggregateAttrs: AttributeReference[] = [];
    const groupingAttrs = groupingExprs.map((g) =>
      g.kind === 'attributeReference'
        ? g
        : attributeReference('_groupingexpression', dataTypeOf(g), nullableOf(g)),
    );
    const strip = (x: Expr) => transformUp(x, (n) => (n.kind === 'alias' ? n.child : n));
    // expression identity as text (bigint literals, e.g. decimals, spelled out)
    const exprKey = (x: Expr) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    const groupingKeys = groupingExprs.map((g) => exprKey(strip(g)));
    const rewritten = resultExprs.map((e) =>
      transformDown(e, (n) => {
        if (n.kind === 'alias') return undefined;
        const gi = groupingKeys.indexOf(exprKey(strip(n)));
        if (gi >= 0) return groupingAttrs[gi]!;
        if (n.kind === 'aggregate') {
          const key = exprKey(n);
          let i = aggKeys.indexOf(key);
          if (i < 0) {
            i = aggKeys.length;
            aggKeys.push(key);
            aggregates.push(n);
            aggregateAttrs.push(attributeReference(`agg${i}`, n.dataType, n.nullable));
          }
          return aggregateAttrs[i]!;
        }
        return undefined;
      }),
    ) as NamedExpr[];
    const common = { groupingExprs, groupingAttrs, aggregates, aggregateAttrs, resultExprs: rewritten };
    const streaming = this.opts.streaming;
    if (streaming?.isStreamingSubtree(childPlan)) {
      // partial per input partition → shuffle into the fixed state partitions → merge with state
      const bufferAttrs = aggregates.map((_, i) => attributeReference(`buf${i}`, BinaryType, true));
      const partial: PhysicalPlan = {
        kind: 'hashAggregateExec',
        output: [...groupingAttrs, ...bufferAttrs],
        child,
        mode: 'partial',
        ...common,
      };
      const n = streaming.numStatePartitions;
      return {
        kind: 'statefulAggregateExec',
        output,
        child: {
          kind: 'exchangeExec',
          output: partial.output,
          child: partial,
          partitioning: { type: 'hash', exprs: groupingAttrs, numPartitions: n },
        },
        operatorId: this.nextOperatorId++,
        numStatePartitions: n,
        outputMode: streaming.outputMode,
        ...common,
      };
    }
    if (numPartitionsOf(child) === 1) {
      return { kind: 'hashAggregateExec', output, child, mode: 'complete', ...common };
    }
    const bufferAttrs = aggregates.map((_, i) => attributeReference(`buf${i}`, BinaryType, true));
    const partial: PhysicalPlan = {
      kind: 'hashAggregateExec',
      output: [...groupingAttrs, ...bufferAttrs],
      child,
      mode: 'partial',
      ...common,
    };
    const partitioning: Partitioning = groupingExprs.length
      ? { type: 'hash', exprs: groupingAttrs, numPartitions: this.opts.shufflePartitions }
      : { type: 'single' };
    const exchanged: PhysicalPlan = {
      kind: 'exchangeExec',
      output: partial.output,
      child: partial,
      partitioning,
    };
    return { kind: 'hashAggregateExec', output, child: exchanged, mode: 'final', ...common };
  }

  private planJoin(
    p: Extract<LogicalPlan, { kind: 'join' }>,
    output: readonly AttributeReference[],
  ): PhysicalPlan {
    const left = this.plan(p.left);
    const right = this.plan(p.right);
    const leftIds = new Set(outputOf(p.left).map((a) => a.exprId));
    const rightIds = new Set(outputOf(p.right).map((a) => a.exprId));
    const refsOnly = (e: Expr, ids: Set<number>) =>
      !anyNode(e, (n) => n.kind === 'attributeReference' && !ids.has(n.exprId)) &&
      anyNode(e, (n) => n.kind === 'attributeReference');
    const leftKeys: Expr[] = [];
    const rightKeys: Expr[] = [];
    const residual: Expr[] = [];
    for (const c of p.condition ? splitConjuncts(p.condition) : []) {
      if (c.kind === 'fn' && c.name === 'equal_to') {
        const [a, b] = c.args as [Expr, Expr];
        if (refsOnly(a, leftIds) && refsOnly(b, rightIds)) {
          leftKeys.push(a);
          rightKeys.push(b);
          continue;
        }
        if (refsOnly(b, leftIds) && refsOnly(a, rightIds)) {
          leftKeys.push(b);
          rightKeys.push(a);
          continue;
        }
      }
      residual.push(c);
    }
    const condition = residual.length
      ? residual.reduce(
          (x, y) =>
            ({
              kind: 'fn',
              name: 'and',
              args: [x, y],
              dataType: { kind: 'boolean' },
              nullable: true,
            }) as Expr,
        )
      : undefined;
    const joinType = p.joinType === 'cross' ? 'inner' : p.joinType;
    if (leftKeys.length > 0) {
      const bothSingle = numPartitionsOf(left) === 1 && numPartitionsOf(right) === 1;
      const n = bothSingle ? 1 : this.opts.shufflePartitions;
      const l = bothSingle
        ? left
        : this.exchange(left, { type: 'hash', exprs: leftKeys, numPartitions: n }, true);
      const r = bothSingle
        ? right
        : this.exchange(right, { type: 'hash', exprs: rightKeys, numPartitions: n }, true);
      return {
        kind: 'hashJoinExec',
        output,
        left: l,
        right: r,
        joinType,
        leftKeys,
        rightKeys,
        ...(condition ? { condition } : {}),
      };
    }
    // no equi-keys: every left partition sees the whole right side (right/full outer need one partition)
    const needSingleLeft = joinType === 'right' || joinType === 'full';
    return {
      kind: 'nestedLoopJoinExec',
      output,
      left: needSingleLeft ? this.exchange(left, { type: 'single' }) : left,
      right: this.exchange(right, { type: 'single' }),
      joinType,
      ...(condition ? { condition } : {}),
    };
  }
}

export function splitConjuncts(e: Expr): Expr[] {
  if (e.kind === 'fn' && e.name === 'and') return e.args.flatMap(splitConjuncts);
  return [e];
}

/**
 * The exprIds of the attributes `exprs` read; undefined (read everything) when a subquery is among
 * them, as its outer references are not children of the expression tree.
 */
function referencedExprIds(exprs: readonly Expr[]): Set<number> | undefined {
  if (exprs.some((e) => anyNode(e, (x) => x.kind === 'subquery'))) return undefined;
  const ids = new Set<number>();
  for (const e of exprs) {
    for (const a of collectNodes(e, (x): x is AttributeReference => x.kind === 'attributeReference'))
      ids.add(a.exprId);
  }
  return ids;
}
