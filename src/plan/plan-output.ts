/**
 * The output attributes of a resolved logical plan node.
 *
 * Invariant: exprIds are preserved through pass-through nodes, so a parent's references keep
 * pointing at the same columns after rewrites that do not change the columns.
 */
import { type AttributeReference, attributeReference, type Expr } from '../expr/expression.js';
import { dataTypeOf, nullableOf } from '../expr/expression-type.js';
import type { LogicalPlan } from './logical-plan.js';

export function toAttribute(e: Expr): AttributeReference {
  if (e.kind === 'attributeReference') return e;
  if (e.kind === 'alias') {
    const a: AttributeReference = {
      kind: 'attributeReference',
      name: e.name,
      exprId: e.exprId,
      dataType: dataTypeOf(e.child),
      nullable: nullableOf(e.child),
      qualifier: [],
    };
    return e.metadata ? { ...a, metadata: e.metadata } : a;
  }
  throw new Error(`internal error: ${e.kind} in an output list is not named`);
}

function withNullable(attrs: readonly AttributeReference[]): AttributeReference[] {
  return attrs.map((a) => (a.nullable ? a : { ...a, nullable: true }));
}

export function outputOf(p: LogicalPlan): readonly AttributeReference[] {
  switch (p.kind) {
    case 'localRelation':
    case 'range':
    case 'dataSourceRelation':
    case 'streamingRelation':
    case 'expand':
      return p.output;
    case 'project':
      return p.projectList.map(toAttribute);
    case 'aggregate':
      return p.aggregateExprs.map(toAttribute);
    case 'filter':
    case 'sort':
    case 'limit':
    case 'offset':
    case 'sample':
    case 'repartition':
    case 'distinct':
    case 'deduplicate':
    case 'cached':
      return outputOf(p.child);
    case 'join': {
      const l = outputOf(p.left);
      const r = outputOf(p.right);
      switch (p.joinType) {
        case 'left_semi':
        case 'left_anti':
          return l;
        case 'left':
          return [...l, ...withNullable(r)];
        case 'right':
          return [...withNullable(l), ...r];
        case 'full':
          return [...withNullable(l), ...withNullable(r)];
        default:
          return [...l, ...r];
      }
    }
    case 'union': {
      const first = outputOf(p.children[0]!);
      const others = p.children.slice(1).map(outputOf);
      return first.map((a, i) =>
        others.some((o) => o[i]?.nullable) && !a.nullable ? { ...a, nullable: true } : a,
      );
    }
    case 'setOperation':
      return outputOf(p.left);
    case 'generate':
      return [...outputOf(p.child), ...p.generatorOutput];
    case 'window':
      return [...outputOf(p.child), ...p.windowExprs.map(toAttribute)];
    case 'subqueryAlias': {
      const out = outputOf(p.child);
      return out.map((a) => ({ ...a, qualifier: [p.alias] }));
    }
    case 'with':
      return outputOf(p.child);
    case 'command':
      return [];
    default:
      throw new Error(`internal error: output of unresolved ${p.kind}`);
  }
}

export function newAttributeLike(a: AttributeReference): AttributeReference {
  return attributeReference(a.name, a.dataType, a.nullable, undefined, a.qualifier);
}
