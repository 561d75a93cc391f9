/**
 * Plans one micro-batch: the query's logical plan with every streaming relation replaced by that
 * batch's rows (keeping the relation's exprIds, so the rest of the plan is untouched), then the
 * one physical planner with the streaming context (stateful aggregation against the state store).
 */

import type { Session } from '../dataframe/session.js';
import type { PhysicalPlan } from '../exec/physical-plan.js';
import { alias } from '../expr/expression.js';
import { anyPlanNode, type LogicalPlan, transformPlanUp } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import type { OutputMode } from './sink.js';

/** Marks a batch's input plan as streaming data (the planner keys stateful planning on it). */
function markStreaming(p: LogicalPlan): LogicalPlan {
  return transformPlanUp(p, (n) =>
    n.kind === 'localRelation' || n.kind === 'dataSourceRelation' ? { ...n, isStreaming: true } : n,
  );
}

export function isBatchOfStream(p: LogicalPlan): boolean {
  return anyPlanNode(
    p,
    (n) => (n.kind === 'localRelation' || n.kind === 'dataSourceRelation') && n.isStreaming === true,
  );
}

/** Replaces streaming relation i (in `relations` order) by `batches[i]`. */
export function substituteBatches(
  plan: LogicalPlan,
  relations: readonly LogicalPlan[],
  batches: readonly LogicalPlan[],
): LogicalPlan {
  return transformPlanUp(plan, (n) => {
    if (n.kind !== 'streamingRelation') return n;
    const i = relations.indexOf(n);
    if (i < 0) throw new Error('internal error: unknown streaming relation');
    const batch = markStreaming(batches[i]!);
    const batchOut = outputOf(batch);
    return {
      kind: 'project',
      child: batch,
      projectList: n.output.map((a, j) => alias(batchOut[j]!, a.name, a.exprId)),
    };
  });
}

/** Streaming relations of a plan in a stable (depth-first, left-to-right) order. */
export function streamingRelations(plan: LogicalPlan): LogicalPlan[] {
  const out: LogicalPlan[] = [];
  transformPlanUp(plan, (n) => {
    if (n.kind === 'streamingRelation') out.push(n);
    return n;
  });
  return out;
}

export function planBatch(
  session: Session,
  incremental: LogicalPlan,
  opts: { outputMode: OutputMode; numStatePartitions: number },
): PhysicalPlan {
  return session.physicalPlan(incremental, {
    outputMode: opts.outputMode,
    numStatePartitions: opts.numStatePartitions,
    isStreamingSubtree: isBatchOfStream,
  });
}
