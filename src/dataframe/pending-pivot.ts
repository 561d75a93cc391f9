/**
 * Pivots without explicit values. Spark finds the values with a job — the distinct values of the
 * pivot column, at most `spark.sql.pivotMaxValues` (default 10000), sorted ascending — when the
 * plan is analyzed (classic Spark: when `pivot()` is called; Spark Connect: when the server
 * analyzes the plan). DataFrame transformations here are synchronous and jobs are not, so a
 * DataFrame over such a pivot stays unanalyzed ("pending") until an action or `resolvePivot()`
 * runs the job; this module finds pending pivots and fills in their values.
 *
 * Invariant: only the part of a plan above a pending pivot is unanalyzed; everything below it (in
 * particular the pivot's child) is an analyzed plan, so the values job runs on the one engine.
 */
import { alias, type Expr, literal, sortOrder, unresolvedAttribute } from '../expr/expression.js';
import { prettyName } from '../expr/pretty-name.js';
import { isResolvedPlan } from '../plan/analyzer.js';
import { childrenOfPlan, type LogicalPlan, withPlanChildren } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { AnalysisException } from '../util/errors.js';
import type { Session } from './session.js';

type Pivot = Extract<LogicalPlan, { kind: 'pivot' }>;

const DEFAULT_PIVOT_MAX_VALUES = 10_000;
const PIVOT_VALUE_COLUMN = '__pivot_value';

/** The first pivot without values in the unanalyzed part of `plan`, if any. */
export function findPendingPivot(plan: LogicalPlan): Pivot | undefined {
  if (isResolvedPlan(plan)) return undefined;
  if (plan.kind === 'pivot' && plan.pivotValues === undefined) return plan;
  for (const c of childrenOfPlan(plan)) {
    const p = findPendingPivot(c);
    if (p) return p;
  }
  return undefined;
}

/** `plan` with the values of every pending pivot collected (still to be analyzed). */
export async function collectPivotValues(session: Session, plan: LogicalPlan): Promise<LogicalPlan> {
  if (isResolvedPlan(plan)) return plan;
  const kids = childrenOfPlan(plan);
  const done: LogicalPlan[] = [];
  for (const k of kids) done.push(await collectPivotValues(session, k));
  const node = done.some((k, i) => k !== kids[i]) ? withPlanChildren(plan, done) : plan;
  if (node.kind !== 'pivot' || node.pivotValues !== undefined) return node;
  return { ...node, pivotValues: await distinctPivotValues(session, node) };
}

/** Spark's `df.select(pivot).distinct().limit(max + 1).sort(pivot)`, as literals of the column's type. */
async function distinctPivotValues(session: Session, p: Pivot): Promise<Expr[]> {
  const max = Number(session.conf.get('spark.sql.pivotMaxValues') ?? DEFAULT_PIVOT_MAX_VALUES);
  const query = session.analyze({
    kind: 'sort',
    global: true,
    order: [sortOrder(unresolvedAttribute([PIVOT_VALUE_COLUMN]))],
    child: {
      kind: 'limit',
      limit: max + 1,
      child: {
        kind: 'distinct',
        child: { kind: 'project', child: p.child, projectList: [alias(p.pivotColumn, PIVOT_VALUE_COLUMN)] },
      },
    },
  });
  const type = outputOf(query)[0]!.dataType;
  const rows = await session.executeInternal(query);
  if (rows.length > max) {
    const name = prettyName(p.pivotColumn);
    throw new AnalysisException(
      '_LEGACY_ERROR_TEMP_1325',
      `The pivot column ${name} has more than ${max} distinct values, this could indicate an error. If this was intended, set spark.sql.pivotMaxValues to at least the number of distinct values of the pivot column.`,
    );
  }
  return rows.map((r) => literal(r[0] ?? null, type));
}
