/**
 * The FROM clause: relations, joins, subqueries with aliases, inline tables (VALUES), table-valued
 * functions, TABLESAMPLE and LATERAL VIEW.
 *
 * Plan shapes (the analyzer's contract):
 * - `t`, `db.t`, `parquet.\`/path\`` → unresolvedRelation(nameParts) (file queries included: the
 *   analyzer decides whether the first part names a data source format).
 * - `… AS x(a, b)` → SubqueryAlias{alias: x, columnAliases: [a, b]}; TABLESAMPLE → Sample above it.
 * - `a, b` → inner Join without condition; `NATURAL JOIN` → Join with `natural: true` (an extra
 *   field, see NaturalJoin) and no condition; `USING (c)` → Join.usingColumns.
 * - `VALUES (…), (…) AS t(a, b)` → SubqueryAlias(t, InlineTable{names: [a, b]}); without column
 *   names `names` is empty (the analyzer names them col1, col2, …).
 * - `range(…)` → Range (id: bigint); any other table function `f(…) AS t(c)` → Generate of
 *   `f(…)` over the one-row relation with generatorNames [c] (explode, inline, stack, …).
 * - `l, LATERAL (q) [AS t]` / `l [LEFT|CROSS] JOIN LATERAL (q) …` → Join{lateral: true} (an extra
 *   field, see LateralJoin) whose right side may refer to l's columns.
 * - `LATERAL VIEW [OUTER] f(…) t AS c1, c2` → Generate{join: true, generatorNames: [c1, c2],
 *   qualifier: 't'} (an extra field, see QualifiedGenerate).
 */
import { attributeReference, type Expr, unresolvedFunction } from '../expr/expression.js';
import type { Generate, Join, JoinType, LogicalPlan } from '../plan/logical-plan.js';
import type { LateralJoin } from '../plan/resolve-lateral-join.js';
import { isNumeric, LongType, sqlTypeName } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import { foldIntegral } from './constant-folding.js';
import { parseExpression, parseExpressionList } from './expression-parser.js';
import { isImplicitAlias } from './implicit-alias.js';
import { ONE_ROW_RELATION, parseQuery, startsQuery } from './query-parser.js';
import type { TokenStream } from './token-stream.js';

/** A Join that may carry `natural` (until the Join node has the field). */
export type NaturalJoin = Join & { readonly natural?: boolean };
/** A Generate from LATERAL VIEW, whose columns are qualified by the view's table alias. */
export type QualifiedGenerate = Generate & { readonly qualifier?: string };

/** The cursor is after FROM. */
export function parseFromClause(p: TokenStream): LogicalPlan {
  let plan = parseRelation(p);
  while (p.acceptOp(',')) {
    if (startsLateralSubquery(p)) {
      const join: LateralJoin = {
        kind: 'join',
        left: plan,
        right: parseLateralSubquery(p),
        joinType: 'inner',
        lateral: true,
      };
      plan = continueJoins(p, join);
    } else plan = { kind: 'join', left: plan, right: parseRelation(p), joinType: 'inner' };
  }
  while (p.isWord('LATERAL') && p.isWord('VIEW', 1)) plan = parseLateralView(p, plan);
  return plan;
}

/** `LATERAL (` at the cursor (LATERAL VIEW is a different clause). */
function startsLateralSubquery(p: TokenStream): boolean {
  return p.isWord('LATERAL') && p.isOp('(', 1);
}

/** `LATERAL (query) [AS] alias [(cols)]` */
function parseLateralSubquery(p: TokenStream): LogicalPlan {
  p.expectWord('LATERAL');
  p.expectOp('(');
  const q = parseQuery(p);
  p.expectClose();
  return withSampleAndAlias(p, q);
}

function parseRelation(p: TokenStream): LogicalPlan {
  return continueJoins(p, parseRelationPrimary(p));
}

/** The joins that follow `left` (`a JOIN b ON …`, `a LEFT JOIN LATERAL (…) ON …`). */
function continueJoins(p: TokenStream, first: LogicalPlan): LogicalPlan {
  let left = first;
  for (;;) {
    const natural = p.acceptWord('NATURAL');
    const joinType = parseJoinType(p);
    if (!joinType) {
      if (natural) p.fail();
      return left;
    }
    const lateral = startsLateralSubquery(p);
    if (p.isWord('LATERAL') && !lateral) p.fail();
    if (lateral && natural) p.fail();
    const right = lateral ? parseLateralSubquery(p) : parseRelationPrimary(p);
    let join: NaturalJoin & LateralJoin = { kind: 'join', left, right, joinType };
    if (lateral) join = { ...join, lateral: true };
    if (natural) join = { ...join, natural: true };
    else if (p.acceptWord('ON')) join = { ...join, condition: parseExpression(p) };
    else if (p.acceptWord('USING')) {
      if (!p.isOp('(') && p.isIdentifier()) throw p.syntaxError(p.peek(), false, "missing '('");
      join = { ...join, usingColumns: p.identifierList() };
    }
    left = join;
  }
}

/** Consumes `[INNER] JOIN`, `LEFT [OUTER|SEMI|ANTI] JOIN`, …; undefined when no join follows. */
function parseJoinType(p: TokenStream): JoinType | undefined {
  let type: JoinType;
  if (p.isWord('JOIN')) type = 'inner';
  else if (p.acceptWord('INNER')) type = 'inner';
  else if (p.acceptWord('CROSS')) type = 'cross';
  else if (p.acceptWord('LEFT')) {
    if (p.acceptWord('SEMI')) type = 'left_semi';
    else if (p.acceptWord('ANTI')) type = 'left_anti';
    else {
      p.acceptWord('OUTER');
      type = 'left';
    }
  } else if (p.acceptWord('RIGHT')) {
    p.acceptWord('OUTER');
    type = 'right';
  } else if (p.acceptWord('FULL')) {
    p.acceptWord('OUTER');
    type = 'full';
  } else if (p.acceptWord('SEMI')) type = 'left_semi';
  else if (p.acceptWord('ANTI')) type = 'left_anti';
  else return undefined;
  p.expectWord('JOIN');
  return type;
}

function parseRelationPrimary(p: TokenStream): LogicalPlan {
  const t = p.peek();
  if (startsLateralSubquery(p)) return parseLateralSubquery(p);
  if (t.kind === 'op' && t.value === '(') {
    const subquery = (): LogicalPlan => {
      p.expectOp('(');
      const q = parseQuery(p);
      p.expectClose();
      return q;
    };
    const nested = (): LogicalPlan => {
      p.expectOp('(');
      const r = parseFromClause(p);
      p.expectOp(')');
      return r;
    };
    const inner =
      p.isWord('SELECT', 1) || p.isWord('WITH', 1)
        ? subquery()
        : startsQuery(p, 1)
          ? p.firstOf(subquery, nested)
          : nested();
    return withSampleAndAlias(p, inner);
  }
  if (p.isWord('VALUES')) return parseInlineTable(p);
  const clause = p.identifierClause();
  if (clause) return withSampleAndAlias(p, { kind: 'unresolvedRelation', nameParts: clause });
  if (!p.isIdentifier()) p.fail();
  const nameParts = p.multipartIdentifier();
  if (p.isOp('(')) return parseTableFunction(p, nameParts);
  return withSampleAndAlias(p, { kind: 'unresolvedRelation', nameParts });
}

function parseTableAlias(p: TokenStream): { alias?: string; columns?: string[] } {
  if (p.acceptWord('AS') || isImplicitAlias(p, 'table')) {
    const alias = p.identifier();
    return p.isOp('(') ? { alias, columns: p.identifierList() } : { alias };
  }
  return {};
}

function withSampleAndAlias(p: TokenStream, relation: LogicalPlan): LogicalPlan {
  const sample = parseSample(p);
  const { alias, columns } = parseTableAlias(p);
  let plan = relation;
  if (alias !== undefined) {
    plan = columns
      ? { kind: 'subqueryAlias', child: plan, alias, columnAliases: columns }
      : { kind: 'subqueryAlias', child: plan, alias };
  }
  return sample ? sample(plan) : plan;
}

/** `TABLESAMPLE (x PERCENT | n ROWS | BUCKET x OUT OF y) [REPEATABLE (seed)]` */
function parseSample(p: TokenStream): ((plan: LogicalPlan) => LogicalPlan) | undefined {
  if (!(p.isWord('TABLESAMPLE') && p.isOp('(', 1))) return undefined;
  p.next();
  p.expectOp('(');
  let make: (plan: LogicalPlan, seed: number) => LogicalPlan;
  if (p.acceptWord('BUCKET')) {
    const x = sampleNumber(p);
    p.expectWord('OUT');
    p.expectWord('OF');
    const y = sampleNumber(p);
    make = (child, seed) => ({ kind: 'sample', child, fraction: x / y, withReplacement: false, seed });
  } else {
    const n = sampleNumber(p);
    if (p.acceptWord('ROWS')) make = (child) => ({ kind: 'limit', child, limit: n });
    else {
      p.expectWord('PERCENT');
      make = (child, seed) => ({ kind: 'sample', child, fraction: n / 100, withReplacement: false, seed });
    }
  }
  p.expectOp(')');
  let seed = Math.floor(Math.random() * 1000);
  if (p.acceptWord('REPEATABLE')) {
    p.expectOp('(');
    seed = sampleNumber(p);
    p.expectOp(')');
  }
  return (plan) => make(plan, seed);
}

function sampleNumber(p: TokenStream): number {
  const negative = p.acceptOp('-');
  const t = p.next();
  if (t.kind !== 'number') p.fail(t);
  return (negative ? -1 : 1) * Number(t.value);
}

/** `VALUES row, row … [AS t(a, b)]` where a row is `(e1, e2)` or a single expression. */
export function parseInlineTable(p: TokenStream): LogicalPlan {
  const start = p.expectWord('VALUES');
  const rows: Expr[][] = [];
  do {
    const e = parseExpression(p);
    rows.push(p.rowConstructors.has(e) && e.kind === 'unresolvedFunction' ? [...e.args] : [e]);
  } while (p.acceptOp(','));
  const { alias, columns } = parseTableAlias(p);
  const width = columns ? columns.length : rows[0]!.length;
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw p.errorAt(
        'INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH',
        `Invalid inline table. Inline table expected ${width} columns but found ${row.length} columns in row ${i}.`,
        start,
        p.prev(),
      );
    }
  });
  const table: LogicalPlan = { kind: 'inlineTable', names: columns ?? [], rows };
  return alias === undefined ? table : { kind: 'subqueryAlias', child: table, alias };
}

/** `range(…)` or a generator used as a table (`explode(…)`, `inline(…)`, `stack(…)`). */
function parseTableFunction(p: TokenStream, nameParts: string[]): LogicalPlan {
  p.expectOp('(');
  const args = p.isOp(')') ? [] : parseExpressionList(p);
  p.expectOp(')');
  const name = nameParts.join('.');
  const { alias, columns } = parseTableAlias(p);
  let plan: LogicalPlan;
  if (name.toLowerCase() === 'range') {
    const n = rangeArguments(args);
    const [start, end] = n.length === 1 ? [0, n[0]!] : [n[0]!, n[1]!];
    plan = {
      kind: 'range',
      start,
      end,
      step: n[2] ?? 1,
      numPartitions: n[3] ?? p.options.defaultParallelism,
      output: [attributeReference('id', LongType, false)],
    };
    if (alias !== undefined) {
      plan = columns
        ? { kind: 'subqueryAlias', child: plan, alias, columnAliases: columns }
        : { kind: 'subqueryAlias', child: plan, alias };
    }
    return plan;
  }
  plan = {
    kind: 'generate',
    child: ONE_ROW_RELATION,
    generator: unresolvedFunction(name, args),
    outer: false,
    generatorNames: columns ?? [],
    generatorOutput: [],
    join: true,
  };
  return alias === undefined ? plan : { kind: 'subqueryAlias', child: plan, alias };
}

const ORDINALS = ['first', 'second', 'third', 'fourth'];

/** `range` arguments: constant numbers (fractions truncated, as Spark's cast to BIGINT does). */
function rangeArguments(args: readonly Expr[]): number[] {
  if (args.length < 1 || args.length > 4) {
    throw new AnalysisException(
      'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
      `The \`range\` requires [1, 2, 3, 4] parameters but the actual number is ${args.length}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.`,
    );
  }
  return args.map((a, i) => {
    // range(end) is range(0, end): Spark names its only argument the second parameter
    const position = ORDINALS[args.length === 1 ? 1 : i]!;
    if (a.kind === 'literal' && a.value !== null && isNumeric(a.dataType)) {
      const v =
        a.dataType.kind === 'decimal' ? Number(a.value as bigint) / 10 ** a.dataType.scale : Number(a.value);
      return Math.trunc(v);
    }
    const folded = foldIntegral(a);
    if (folded && 'value' in folded) return Number(folded.value);
    if (a.kind === 'unresolvedAttribute') {
      throw new AnalysisException(
        'UNRESOLVED_COLUMN.WITHOUT_SUGGESTION',
        `A column, variable, or function parameter with name \`${a.nameParts.join('.')}\` cannot be resolved.`,
      );
    }
    if (a.kind === 'literal') {
      throw new AnalysisException(
        'UNEXPECTED_INPUT_TYPE',
        `Parameter ${position} of function \`range\` requires the "BIGINT" type, however "${String(a.value)}" has the type "${sqlTypeName(a.dataType)}".`,
      );
    }
    throw new AnalysisException(
      'NON_FOLDABLE_ARGUMENT',
      `The function \`range\` requires the parameter \`${position}\` to be a foldable expression of the type "BIGINT", but the actual argument is a non-foldable.`,
    );
  });
}

/** `LATERAL VIEW [OUTER] f(args) tbl [AS] c1, c2` */
function parseLateralView(p: TokenStream, child: LogicalPlan): LogicalPlan {
  p.expectWord('LATERAL');
  p.expectWord('VIEW');
  const outer = p.acceptWord('OUTER');
  const name = p.multipartIdentifier().join('.');
  p.expectOp('(');
  const args = p.isOp(')') ? [] : parseExpressionList(p);
  p.expectOp(')');
  const qualifier = p.identifier();
  const names: string[] = [];
  if (p.acceptWord('AS') || isImplicitAlias(p, 'table')) {
    do names.push(p.identifier());
    while (p.acceptOp(','));
  }
  const generate: QualifiedGenerate = {
    kind: 'generate',
    child,
    generator: unresolvedFunction(name, args),
    outer,
    generatorNames: names,
    generatorOutput: [],
    join: true,
    qualifier,
  };
  return generate;
}
