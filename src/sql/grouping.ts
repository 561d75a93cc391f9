/**
 * GROUP BY clauses: plain expressions and ordinals, ROLLUP(…), CUBE(…), GROUPING SETS(…), their
 * mixtures (`GROUP BY a, ROLLUP(b, c)` is the cross product of the parts), and Hive's trailing
 * `WITH ROLLUP` / `WITH CUBE` / `GROUPING SETS (…)` forms.
 *
 * Plan shapes:
 * - Only plain items → Aggregate(groupingExprs as written, select list). `GROUP BY ALL` is the
 *   single grouping expression `unresolvedAttribute(['ALL'])`, as in Spark (the analyzer infers the
 *   grouping columns when no column is named `all`).
 * - Otherwise → GroupingSets: groupingExprs = the distinct expressions in order of first
 *   appearance; sets = index lists into them, in Spark's order (ROLLUP(a, b) → [0,1], [0], [];
 *   CUBE(a, b) → [0,1], [0], [1], []).
 */
import type { Expr } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { parseExpression } from './expression-parser.js';
import { toOrdinal } from './query-parser.js';
import type { TokenStream } from './token-stream.js';

export interface GroupByClause {
  build(child: LogicalPlan, aggregateExprs: readonly Expr[]): LogicalPlan;
}

type Sets = Expr[][];

/** The cursor is after GROUP BY. */
export function parseGroupBy(p: TokenStream): GroupByClause {
  const items: { plain?: Expr; sets?: Sets }[] = [];
  do {
    if (p.atWord('ROLLUP', 'CUBE') && p.isOp('(', 1)) {
      const kind = p.next().value;
      const groups = parseGroups(p);
      items.push({ sets: kind === 'ROLLUP' ? rollup(groups) : cube(groups) });
    } else if (p.isWord('GROUPING') && p.isWord('SETS', 1) && p.isOp('(', 2)) {
      p.next();
      p.next();
      items.push({ sets: parseGroups(p) });
    } else {
      items.push({ plain: toOrdinal(parseExpression(p)) });
    }
  } while (p.acceptOp(','));

  let sets: Sets | undefined;
  const plain = items.every((i) => i.plain) ? items.map((i) => i.plain!) : undefined;
  if (plain && p.isWord('WITH') && p.atWordAt(1, 'ROLLUP', 'CUBE')) {
    p.next();
    sets = p.next().value === 'ROLLUP' ? rollup(plain.map((e) => [e])) : cube(plain.map((e) => [e]));
  } else if (plain && p.isWord('GROUPING') && p.isWord('SETS', 1) && p.isOp('(', 2)) {
    p.next();
    p.next();
    sets = parseGroups(p);
    const declared = plain;
    return { build: (child, aggregateExprs) => groupingSets(child, declared, sets!, aggregateExprs) };
  } else if (!plain) {
    sets = items.reduce<Sets>(
      (acc, item) => acc.flatMap((s) => (item.sets ?? [[item.plain!]]).map((t) => [...s, ...t])),
      [[]],
    );
  }
  if (!sets) {
    return {
      build: (child, aggregateExprs) => ({ kind: 'aggregate', child, groupingExprs: plain!, aggregateExprs }),
    };
  }
  const finalSets = sets;
  return { build: (child, aggregateExprs) => groupingSets(child, [], finalSets, aggregateExprs) };
}

/** `( group, group, … )` where a group is `(a, b)`, `()` or a single expression. */
function parseGroups(p: TokenStream): Sets {
  p.expectOp('(');
  const groups: Sets = [];
  do {
    if (p.isOp('(') && p.isOp(')', 1)) {
      p.next();
      p.next();
      groups.push([]);
      continue;
    }
    const e = parseExpression(p);
    const members = p.rowConstructors.has(e) && e.kind === 'unresolvedFunction' ? [...e.args] : [e];
    groups.push(members.map(toOrdinal));
  } while (p.acceptOp(','));
  p.expectOp(')');
  return groups;
}

function rollup(groups: Sets): Sets {
  const out: Sets = [];
  for (let n = groups.length; n >= 0; n--) out.push(groups.slice(0, n).flat());
  return out;
}

function cube(groups: Sets): Sets {
  if (groups.length === 0) return [[]];
  const rest = cube(groups.slice(1));
  return [...rest.map((s) => [...groups[0]!, ...s]), ...rest];
}

function groupingSets(
  child: LogicalPlan,
  declared: readonly Expr[],
  sets: Sets,
  aggregateExprs: readonly Expr[],
): LogicalPlan {
  const groupingExprs: Expr[] = [];
  const keys: string[] = [];
  const indexOf = (e: Expr): number => {
    const k = structuralKey(e);
    let i = keys.indexOf(k);
    if (i < 0) {
      i = keys.length;
      keys.push(k);
      groupingExprs.push(e);
    }
    return i;
  };
  for (const e of declared) indexOf(e);
  const indexSets = sets.map((s) => [...new Set(s.map(indexOf))]);
  return { kind: 'groupingSets', child, groupingExprs, sets: indexSets, aggregateExprs };
}

function structuralKey(e: Expr): string {
  return JSON.stringify(e, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}
