/**
 * Queries: WITH, set operations (INTERSECT binds tighter than UNION / EXCEPT / MINUS, all
 * left-associative), query specifications (SELECT … FROM … WHERE … GROUP BY … HAVING … WINDOW …)
 * and the result clauses (ORDER BY / SORT BY / CLUSTER BY / DISTRIBUTE BY, LIMIT, OFFSET).
 *
 * Plan shapes (the analyzer's contract):
 * - SELECT without GROUP BY → Project (the analyzer turns a Project holding aggregates into an
 *   Aggregate); GROUP BY → Aggregate / GroupingSets (see grouping.ts); HAVING → Filter above it;
 *   HAVING without GROUP BY → Filter over Aggregate([], select list), as Spark does.
 * - QUALIFY → Filter{qualify: true} (an extra field, see QualifyFilter) above the projection /
 *   aggregate and below DISTINCT: the analyzer evaluates its window functions, then filters.
 * - DISTINCT → Distinct above the projection; UNION → Distinct(Union), UNION ALL → Union (chains
 *   flattened); INTERSECT / EXCEPT [ALL] → SetOperation.
 * - ORDER BY → Sort(global); SORT BY → Sort(global: false); DISTRIBUTE BY → Repartition;
 *   CLUSTER BY → Sort(global: false) over Repartition; OFFSET sits below LIMIT.
 * - No FROM → the one-row relation (a LocalRelation with no columns and one empty row).
 * - Integer literals as GROUP BY / ORDER BY items → `unresolvedOrdinal`.
 */
import {
  alias,
  type Expr,
  literal,
  type SortOrder,
  unresolvedFunction,
  type WindowSpec,
} from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import type { QualifyFilter } from '../plan/resolve-qualify.js';
import { StringType } from '../types/data-type.js';
import { limitValue } from './constant-folding.js';
import { parseExpression, parseExpressionList, parseSortItems } from './expression-parser.js';
import { parseGroupBy } from './grouping.js';
import { isImplicitAlias } from './implicit-alias.js';
import type { Token } from './lexer.js';
import { parseFromClause, parseInlineTable } from './relation-parser.js';
import type { TokenStream, WindowReference } from './token-stream.js';
import { parseWindowClause, substituteWindows } from './window-spec.js';

/** Whether the tokens from `k` start a query: SELECT, WITH, FROM t, VALUES, TABLE t, or `(` query. */
export function startsQuery(p: TokenStream, k: number): boolean {
  const t = p.peek(k);
  if (t.kind === 'op' && t.value === '(') return startsQuery(p, k + 1);
  if (t.kind !== 'word') return false;
  switch (t.value) {
    case 'SELECT':
      return true;
    case 'WITH':
      return p.isIdentifier(k + 1);
    case 'FROM':
    case 'TABLE':
      return p.isIdentifier(k + 1) || p.isOp('(', k + 1);
    case 'VALUES':
      return !p.isOp(')', k + 1) && !p.isOp(',', k + 1) && p.peek(k + 1).kind !== 'eof';
    default:
      return false;
  }
}

export const ONE_ROW_RELATION: LogicalPlan = {
  kind: 'localRelation',
  output: [],
  rows: [[]],
  numPartitions: 1,
};

export function parseQuery(p: TokenStream): LogicalPlan {
  if (p.isWord('WITH') && p.isIdentifier(1)) {
    p.next();
    p.acceptWord('RECURSIVE');
    const ctes: { name: string; plan: LogicalPlan; columnAliases?: readonly string[] }[] = [];
    do {
      const name = p.identifier();
      const columnAliases = p.isOp('(') ? p.identifierList() : undefined;
      p.acceptWord('AS');
      p.expectOp('(');
      const plan = parseQuery(p);
      p.expectOp(')');
      ctes.push(columnAliases ? { name, plan, columnAliases } : { name, plan });
    } while (p.acceptOp(','));
    return { kind: 'with', child: parseQueryBody(p), ctes };
  }
  return parseQueryBody(p);
}

function parseQueryBody(p: TokenStream): LogicalPlan {
  return parseResultClauses(p, parseSetOperations(p));
}

function setQuantifier(p: TokenStream): boolean {
  if (p.acceptWord('ALL')) return true;
  p.acceptWord('DISTINCT');
  return false;
}

function parseSetOperations(p: TokenStream): LogicalPlan {
  let left = parseIntersections(p);
  while (p.atWord('UNION', 'EXCEPT', 'MINUS', 'SETMINUS')) {
    const kw = p.next().value;
    const all = setQuantifier(p);
    const right = parseIntersections(p);
    if (kw !== 'UNION') left = { kind: 'setOperation', op: 'except', all, left, right };
    else if (!all) left = { kind: 'distinct', child: union(left, right) };
    else left = union(left, right);
  }
  return left;
}

function union(left: LogicalPlan, right: LogicalPlan): LogicalPlan {
  const children =
    left.kind === 'union' && !left.byName && left.planId === undefined
      ? [...left.children, right]
      : [left, right];
  return { kind: 'union', children, byName: false, allowMissingColumns: false };
}

function parseIntersections(p: TokenStream): LogicalPlan {
  let left = parseQueryPrimary(p);
  while (p.acceptWord('INTERSECT')) {
    const all = setQuantifier(p);
    left = { kind: 'setOperation', op: 'intersect', all, left, right: parseQueryPrimary(p) };
  }
  return left;
}

function parseQueryPrimary(p: TokenStream): LogicalPlan {
  if (p.isWord('SELECT')) return parseQuerySpecification(p);
  if (p.isWord('FROM')) {
    p.next();
    const from = parseFromClause(p);
    return parseQuerySpecification(p, from);
  }
  if (p.isWord('TABLE')) {
    p.next();
    return { kind: 'unresolvedRelation', nameParts: p.multipartIdentifier() };
  }
  if (p.isWord('VALUES')) return parseInlineTable(p);
  if (p.isOp('(')) {
    p.next();
    const q = parseQuery(p);
    p.expectOp(')');
    return q;
  }
  return p.fail();
}

/** One SELECT block; `from` is given for the `FROM t SELECT …` form. */
function parseQuerySpecification(p: TokenStream, from?: LogicalPlan): LogicalPlan {
  p.expectWord('SELECT');
  p.windowScopes.push([]);
  let refs: readonly WindowReference[] = [];
  let selectList: Expr[];
  let child: LogicalPlan;
  let where: Expr | undefined;
  let groupBy: ReturnType<typeof parseGroupBy> | undefined;
  let having: Expr | undefined;
  let qualify: Expr | undefined;
  let distinct = false;
  try {
    if (p.acceptWord('DISTINCT')) distinct = true;
    else if (p.isWord('ALL') && !p.isOp(',', 1) && !p.isWord('FROM', 1) && p.peek(1).kind !== 'eof') p.next();
    selectList = parseSelectList(p);
    child = from ?? (p.acceptWord('FROM') ? parseFromClause(p) : ONE_ROW_RELATION);
    if (p.acceptWord('WHERE')) where = parseExpression(p);
    if (p.acceptWords('GROUP', 'BY')) groupBy = parseGroupBy(p);
    if (groupBy ? p.acceptOperatorWord('HAVING') : p.acceptWord('HAVING')) having = parseExpression(p);
    let windows: ReadonlyMap<string, WindowSpec> = new Map();
    if (p.isWord('WINDOW') && p.isIdentifier(1)) {
      p.next();
      windows = parseWindowClause(p);
    }
    if (p.acceptWord('QUALIFY')) qualify = parseExpression(p);
    refs = p.windowScopes[p.windowScopes.length - 1]!;
    const clauses = [having, qualify].filter((e): e is Expr => e !== undefined);
    const substituted = substituteWindows([...selectList, ...clauses], refs, windows);
    selectList = substituted.slice(0, selectList.length);
    if (having) having = substituted[selectList.length];
    if (qualify) qualify = substituted[substituted.length - 1];
  } finally {
    p.windowScopes.pop();
  }
  let plan = child;
  if (where) plan = { kind: 'filter', child: plan, condition: where };
  if (groupBy) plan = groupBy.build(plan, selectList);
  else if (having) plan = { kind: 'aggregate', child: plan, groupingExprs: [], aggregateExprs: selectList };
  else plan = { kind: 'project', child: plan, projectList: selectList };
  if (having) plan = { kind: 'filter', child: plan, condition: having };
  if (qualify) {
    const filter: QualifyFilter = { kind: 'filter', child: plan, condition: qualify, qualify: true };
    plan = filter;
  }
  if (distinct) plan = { kind: 'distinct', child: plan };
  return plan;
}

function parseSelectList(p: TokenStream): Expr[] {
  const list = [parseNamedExpression(p)];
  while (p.acceptOp(',')) list.push(parseNamedExpression(p));
  return list;
}

/** `expr [AS] alias`, `expr AS (a, b)` (a multi-column alias for generators). */
export function parseNamedExpression(p: TokenStream): Expr {
  const e = parseExpression(p);
  if (p.acceptWord('AS')) {
    if (p.isOp('(')) return multiAlias(e, p.identifierList());
    return alias(e, p.identifier());
  }
  if (isImplicitAlias(p, 'select')) return alias(e, p.identifier());
  return e;
}

function multiAlias(e: Expr, names: string[]): Expr {
  return unresolvedFunction('__multi_alias', [e, ...names.map((n) => literal(n, StringType))], {
    internal: true,
  });
}

/** An integer literal used as a GROUP BY / ORDER BY item is a position in the select list. */
export function toOrdinal(e: Expr): Expr {
  if (e.kind === 'literal' && e.dataType.kind === 'integer')
    return { kind: 'unresolvedOrdinal', ordinal: e.value as number };
  return e;
}

function parseResultClauses(p: TokenStream, query: LogicalPlan): LogicalPlan {
  let plan = query;
  let order: SortOrder[] | undefined;
  let sortBy: SortOrder[] | undefined;
  let distributeBy: Expr[] | undefined;
  const orderStart = p.peek();
  // `ORDER BY` with nothing after it: Spark's parser reports the clause keyword itself
  if (p.atWord('ORDER', 'SORT', 'CLUSTER', 'DISTRIBUTE') && p.isWord('BY', 1) && p.peek(2).kind === 'eof')
    p.fail();
  if (p.acceptWords('ORDER', 'BY')) order = parseSortItems(p, toOrdinal);
  if (p.acceptWords('CLUSTER', 'BY')) {
    distributeBy = parseExpressionList(p);
    sortBy = distributeBy.map((e) => ({ kind: 'sortOrder', child: e, ascending: true, nullsFirst: true }));
  }
  if (p.acceptWords('DISTRIBUTE', 'BY')) {
    if (distributeBy) throw combinationError(p, orderStart);
    distributeBy = parseExpressionList(p);
  }
  if (p.acceptWords('SORT', 'BY')) {
    if (sortBy) throw combinationError(p, orderStart);
    sortBy = parseSortItems(p, toOrdinal);
  }
  if (order && (sortBy || distributeBy)) throw combinationError(p, orderStart);
  if (distributeBy) {
    plan = {
      kind: 'repartition',
      child: plan,
      numPartitions: p.options.shufflePartitions,
      partitionExprs: distributeBy,
      shuffle: true,
    };
  }
  if (order) plan = { kind: 'sort', child: plan, order, global: true };
  if (sortBy) plan = { kind: 'sort', child: plan, order: sortBy, global: false };
  let limit: number | undefined;
  if (p.acceptWord('LIMIT') && !p.acceptWord('ALL')) {
    const start = p.index;
    const e = parseExpression(p);
    limit = limitValue(e, p.textFrom(start), 'limit');
  }
  if (p.acceptOperatorWord('OFFSET')) {
    const start = p.index;
    const e = parseExpression(p);
    plan = { kind: 'offset', child: plan, offset: limitValue(e, p.textFrom(start), 'offset') };
  }
  if (limit !== undefined) plan = { kind: 'limit', child: plan, limit };
  return plan;
}

function combinationError(p: TokenStream, at: Token) {
  return p.errorAt(
    '_LEGACY_ERROR_TEMP_0011',
    'Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY is not supported.',
    at,
    p.prev(),
  );
}
