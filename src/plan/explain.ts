/**
 * `explain()` text: the logical plans (parsed/analyzed/optimized when extended) and the physical
 * plan, one operator per line, indented as a tree like Spark's.
 */

import { type PhysicalPlan, physicalChildren } from '../exec/physical-plan.js';
import type { AttributeReference, Expr } from '../expr/expression.js';
import { prettyName } from '../expr/pretty-name.js';
import { childrenOfPlan, type LogicalPlan } from './logical-plan.js';
import { outputOf } from './plan-output.js';

const attr = (a: AttributeReference) => `${a.name}#${a.exprId}`;
const ex = (e: Expr): string => {
  if (e.kind === 'attributeReference') return attr(e);
  if (e.kind === 'alias') return `${ex(e.child)} AS ${e.name}#${e.exprId}`;
  return prettyName(e);
};

function logicalLine(p: LogicalPlan): string {
  switch (p.kind) {
    case 'project':
      return `Project [${p.projectList.map(ex).join(', ')}]`;
    case 'filter':
      return `Filter ${ex(p.condition)}`;
    case 'aggregate':
      return `Aggregate [${p.groupingExprs.map(ex).join(', ')}], [${p.aggregateExprs.map(ex).join(', ')}]`;
    case 'join':
      return `Join ${p.joinType}${p.condition ? `, ${ex(p.condition)}` : ''}`;
    case 'sort':
      return `Sort [${p.order.map(ex).join(', ')}], ${p.global}`;
    case 'limit':
      return `GlobalLimit ${p.limit}`;
    case 'localRelation':
      return `LocalRelation [${p.output.map(attr).join(', ')}]`;
    case 'range':
      return `Range (${p.start}, ${p.end}, step=${p.step}, splits=${p.numPartitions})`;
    case 'subqueryAlias':
      return `SubqueryAlias ${p.alias}`;
    case 'dataSourceRelation':
      return `Relation [${p.output.map(attr).join(',')}] ${p.format}`;
    default:
      return p.kind.charAt(0).toUpperCase() + p.kind.slice(1);
  }
}

function physicalLine(p: PhysicalPlan): string {
  switch (p.kind) {
    case 'projectExec':
      return `Project [${p.projectList.map(ex).join(', ')}]`;
    case 'filterExec':
      return `Filter ${ex(p.condition)}`;
    case 'hashAggregateExec':
      return `HashAggregate(keys=[${p.groupingExprs.map(ex).join(', ')}], functions=[${p.aggregates.map(ex).join(', ')}], mode=${p.mode})`;
    case 'exchangeExec':
      return p.partitioning.type === 'hash'
        ? `Exchange hashpartitioning(${p.partitioning.exprs.map(ex).join(', ')}, ${p.partitioning.numPartitions})`
        : p.partitioning.type === 'single'
          ? 'Exchange SinglePartition'
          : `Exchange RoundRobinPartitioning(${p.partitioning.numPartitions})`;
    case 'sortExec':
      return `Sort [${p.order.map(ex).join(', ')}]`;
    case 'localTableScan':
      return `LocalTableScan [${p.output.map(attr).join(', ')}]`;
    case 'hashJoinExec':
      return `ShuffledHashJoin [${p.leftKeys.map(ex).join(', ')}], [${p.rightKeys.map(ex).join(', ')}], ${p.joinType}`;
    case 'generateExec':
      return `Generate ${ex(p.generator)}, [${p.requiredChildOutput.map(attr).join(', ')}], ${p.outer}, [${p.output.slice(p.requiredChildOutput.length).map(attr).join(', ')}]`;
    case 'dataSourceScanExec':
      return `FileScan ${p.format} [${p.output.map(attr).join(',')}]${p.pushedFilters.length ? ` PushedFilters: [${p.pushedFilters.map(ex).join(', ')}]` : ''}`;
    default:
      return p.kind.replace(/Exec$/, '').replace(/^./, (c) => c.toUpperCase());
  }
}

function tree<T>(root: T, line: (n: T) => string, kids: (n: T) => readonly T[]): string {
  const out: string[] = [];
  const visit = (n: T, prefix: string, isRoot: boolean) => {
    out.push(`${isRoot ? '' : `${prefix}+- `}${line(n)}`);
    for (const c of kids(n)) visit(c, isRoot ? '' : `${prefix}   `, false);
  };
  visit(root, '', true);
  return `${out.join('\n')}\n`;
}

/** The physical plan as an indented tree (one operator per line), as `explain()` prints it. */
export function physicalTree(physical: PhysicalPlan): string {
  return tree(physical, physicalLine, physicalChildren);
}

export function explainPlans(
  analyzed: LogicalPlan,
  optimized: LogicalPlan,
  physical: PhysicalPlan,
  extended: boolean,
): string {
  const phys = `== Physical Plan ==\n${tree(physical, physicalLine, physicalChildren)}`;
  if (!extended) return `${phys}\n`;
  return (
    `== Analyzed Logical Plan ==\n${outputOf(analyzed)
      .map((a) => `${a.name}: ${a.dataType.kind}`)
      .join(', ')}\n${tree(analyzed, logicalLine, childrenOfPlan)}\n` +
    `== Optimized Logical Plan ==\n${tree(optimized, logicalLine, childrenOfPlan)}\n${phys}\n`
  );
}
