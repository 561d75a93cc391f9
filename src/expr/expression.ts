/**
 * Expression trees: immutable, `kind`-tagged plain objects built by the Column API and the SQL
 * parser (unresolved kinds), rewritten by the analyzer into resolved kinds that carry types.
 *
 * Invariants:
 * - Nodes are plain data (no closures), so plans travel to worker threads and compile there.
 * - Resolved nodes (`literal`, `attributeReference`, `alias`, `cast`, `fn`, `aggregate`,
 *   `generator`, `windowExpression`, `sortOrder`, `getStructField`, `lambda`, `lambdaVariable`)
 *   always carry `dataType` and `nullable` (directly or through their child).
 * - An attribute is identified by its `exprId`, never by its name: names are for users.
 * - Built-in functions (operators included) are all `fn` / `aggregate` nodes naming an entry of
 *   the function registry; the registry owns their typing, pretty names and compiled form.
 */
import type { LogicalPlan } from '../plan/logical-plan.js';
import type { DataType } from '../types/data-type.js';

export type Row = unknown[];

// ---------------------------------------------------------------------------------------------
// Unresolved nodes (built by Column / SQL, removed by the analyzer)

export interface UnresolvedAttribute {
  readonly kind: 'unresolvedAttribute';
  /** `a.b.c` → ['a', 'b', 'c']: a qualifier, a column, or nested fields; the analyzer decides. */
  readonly nameParts: readonly string[];
  /** When built from `df.col(...)`/`df['x']`: the id of the DataFrame plan it must come from. */
  readonly planId?: number;
}

export interface UnresolvedStar {
  readonly kind: 'unresolvedStar';
  readonly target?: readonly string[];
}

export interface UnresolvedFunction {
  readonly kind: 'unresolvedFunction';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly distinct?: boolean;
  readonly ignoreNulls?: boolean;
  readonly filter?: Expr;
  /** Set for calls built by the Column API, where `name` is the registry name already. */
  readonly internal?: boolean;
}

/** `col[0]`, `col['key']`, `col.getField('f')`: resolved by the child's type. */
export interface UnresolvedExtractValue {
  readonly kind: 'unresolvedExtractValue';
  readonly child: Expr;
  readonly extraction: Expr;
}

/** A user function given as a JS closure (UDF). Runs where the job module is loaded. */
export interface UserFunction {
  readonly kind: 'udf';
  readonly name: string;
  readonly fnId: number;
  readonly args: readonly Expr[];
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly deterministic: boolean;
}

// ---------------------------------------------------------------------------------------------
// Resolved nodes

export interface Literal {
  readonly kind: 'literal';
  readonly value: unknown;
  readonly dataType: DataType;
}

export interface AttributeReference {
  readonly kind: 'attributeReference';
  readonly name: string;
  readonly exprId: number;
  readonly dataType: DataType;
  readonly nullable: boolean;
  /** Table / alias qualifiers (`t` in `t.col`). */
  readonly qualifier: readonly string[];
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface Alias {
  readonly kind: 'alias';
  readonly child: Expr;
  readonly name: string;
  readonly exprId: number;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Set on names the analyzer gave (`e.house` → `house`): invisible when nested in an expression. */
  readonly implicit?: boolean;
}

export interface Cast {
  readonly kind: 'cast';
  readonly child: Expr;
  readonly dataType: DataType;
  /** ANSI casts throw on invalid input instead of returning null (`spark.sql.ansi.enabled`, `try_cast`). */
  readonly mode: 'legacy' | 'ansi' | 'try';
  /** Set by the analyzer for casts it inserted itself (implicit coercion): hidden in pretty names. */
  readonly implicit?: boolean;
}

/** A call of a built-in scalar function or operator from the registry. */
export interface FunctionCall {
  readonly kind: 'fn';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly dataType: DataType;
  readonly nullable: boolean;
  /** Function-specific constant data prepared at analysis (parsed schemas, regex sources, options). */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface AggregateCall {
  readonly kind: 'aggregate';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly distinct: boolean;
  readonly ignoreNulls: boolean;
  readonly filter?: Expr;
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface GeneratorCall {
  readonly kind: 'generator';
  readonly name: string;
  readonly args: readonly Expr[];
  readonly outer: boolean;
  /** The columns one input row expands into (e.g. `col`, or `pos`, `col`, or `key`, `value`). */
  readonly elementFields: readonly { name: string; dataType: DataType; nullable: boolean }[];
  readonly dataType: DataType;
  readonly nullable: boolean;
}

export interface SortOrder {
  readonly kind: 'sortOrder';
  readonly child: Expr;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export type FrameBoundary = 'unboundedPreceding' | 'unboundedFollowing' | 'currentRow' | number;

export interface WindowFrame {
  readonly frameType: 'rows' | 'range';
  readonly lower: FrameBoundary;
  readonly upper: FrameBoundary;
}

export interface WindowSpec {
  readonly partitionSpec: readonly Expr[];
  readonly orderSpec: readonly SortOrder[];
  /** Absent: Spark's default frame (RANGE UNBOUNDED PRECEDING..CURRENT ROW with ORDER BY, whole partition without). */
  readonly frame?: WindowFrame;
}

export interface WindowExpression {
  readonly kind: 'windowExpression';
  /** An aggregate call or a window function call (`fn` named row_number, rank, lag, ...). */
  readonly fn: Expr;
  readonly spec: WindowSpec;
}

export interface GetStructField {
  readonly kind: 'getStructField';
  readonly child: Expr;
  readonly ordinal: number;
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
}

/** `x -> x + 1` in higher-order functions (transform, filter, exists, aggregate). */
export interface LambdaFunction {
  readonly kind: 'lambda';
  readonly params: readonly LambdaVariable[];
  readonly body: Expr;
}
export interface LambdaVariable {
  readonly kind: 'lambdaVariable';
  readonly name: string;
  readonly exprId: number;
  readonly dataType: DataType;
  readonly nullable: boolean;
}
export interface UnresolvedLambda {
  readonly kind: 'unresolvedLambda';
  readonly paramNames: readonly string[];
  readonly body: Expr;
}

/**
 * A subquery used as an expression: scalar `(SELECT max(x) FROM t)`, `EXISTS (…)`, `x IN (SELECT …)`.
 * `plan` is unresolved until the analyzer resolves it (with outer references allowed).
 */
export interface SubqueryExpression {
  readonly kind: 'subquery';
  readonly subqueryType: 'scalar' | 'exists' | 'in';
  readonly plan: LogicalPlan;
  /** For IN: the left-hand values. */
  readonly values?: readonly Expr[];
  /** Set once resolved. */
  readonly dataType?: DataType;
}

/** `*` or `t.*` expanded later; also the position of a `GROUP BY 1` ordinal before resolution. */
export interface UnresolvedOrdinal {
  readonly kind: 'unresolvedOrdinal';
  readonly ordinal: number;
}

export type Expr =
  | SubqueryExpression
  | UnresolvedOrdinal
  | UnresolvedAttribute
  | UnresolvedStar
  | UnresolvedFunction
  | UnresolvedExtractValue
  | UnresolvedLambda
  | UserFunction
  | Literal
  | AttributeReference
  | Alias
  | Cast
  | FunctionCall
  | AggregateCall
  | GeneratorCall
  | SortOrder
  | WindowExpression
  | GetStructField
  | LambdaFunction
  | LambdaVariable;

export type ExprKind = Expr['kind'];
export type NamedExpr = AttributeReference | Alias;

// ---------------------------------------------------------------------------------------------
// Ids

let nextExprId = 1;
/** A fresh expression id. Ids are unique within a process; workers receive them as data. */
export function newExprId(): number {
  return nextExprId++;
}

// ---------------------------------------------------------------------------------------------
// Factories

export function literal(value: unknown, dataType: DataType): Literal {
  return { kind: 'literal', value, dataType };
}
export function unresolvedAttribute(nameParts: readonly string[], planId?: number): UnresolvedAttribute {
  return planId === undefined
    ? { kind: 'unresolvedAttribute', nameParts }
    : { kind: 'unresolvedAttribute', nameParts, planId };
}
export function unresolvedFunction(
  name: string,
  args: readonly Expr[],
  extra: { distinct?: boolean; ignoreNulls?: boolean; filter?: Expr; internal?: boolean } = {},
): UnresolvedFunction {
  return { kind: 'unresolvedFunction', name, args, ...extra };
}
export function alias(child: Expr, name: string, exprId = newExprId()): Alias {
  return { kind: 'alias', child, name, exprId };
}
export function attributeReference(
  name: string,
  dataType: DataType,
  nullable: boolean,
  exprId = newExprId(),
  qualifier: readonly string[] = [],
): AttributeReference {
  return { kind: 'attributeReference', name, exprId, dataType, nullable, qualifier };
}
export function sortOrder(child: Expr, ascending = true, nullsFirst = ascending): SortOrder {
  return { kind: 'sortOrder', child, ascending, nullsFirst };
}

// ---------------------------------------------------------------------------------------------
// Structural helpers

/** The direct children of a node, in evaluation order. */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'unresolvedFunction':
      return e.filter ? [...e.args, e.filter] : e.args;
    case 'fn':
    case 'udf':
    case 'generator':
      return e.args;
    case 'aggregate':
      return e.filter ? [...e.args, e.filter] : e.args;
    case 'unresolvedExtractValue':
      return [e.child, e.extraction];
    case 'alias':
    case 'cast':
    case 'sortOrder':
    case 'getStructField':
      return [e.child];
    case 'windowExpression':
      return [e.fn, ...e.spec.partitionSpec, ...e.spec.orderSpec];
    case 'lambda':
      return [e.body];
    case 'unresolvedLambda':
      return [e.body];
    default:
      return [];
  }
}

/** Rebuilds `e` with new children (same order as `childrenOf`). */
export function withChildren(e: Expr, c: readonly Expr[]): Expr {
  switch (e.kind) {
    case 'unresolvedFunction': {
      const n = e.args.length;
      return e.filter ? { ...e, args: c.slice(0, n), filter: c[n]! } : { ...e, args: c };
    }
    case 'fn':
    case 'udf':
    case 'generator':
      return { ...e, args: c };
    case 'aggregate': {
      const n = e.args.length;
      return e.filter ? { ...e, args: c.slice(0, n), filter: c[n]! } : { ...e, args: c };
    }
    case 'unresolvedExtractValue':
      return { ...e, child: c[0]!, extraction: c[1]! };
    case 'alias':
    case 'cast':
    case 'sortOrder':
    case 'getStructField':
      return { ...e, child: c[0]! };
    case 'windowExpression': {
      const np = e.spec.partitionSpec.length;
      return {
        ...e,
        fn: c[0]!,
        spec: {
          ...e.spec,
          partitionSpec: c.slice(1, 1 + np),
          orderSpec: c.slice(1 + np) as SortOrder[],
        },
      };
    }
    case 'lambda':
      return { ...e, body: c[0]! };
    case 'unresolvedLambda':
      return { ...e, body: c[0]! };
    default:
      return e;
  }
}

/** Bottom-up rewrite: `fn` sees nodes whose children were already rewritten. */
export function transformUp(e: Expr, fn: (e: Expr) => Expr): Expr {
  const kids = childrenOf(e);
  let node = e;
  if (kids.length > 0) {
    let changed = false;
    const next = kids.map((k) => {
      const r = transformUp(k, fn);
      if (r !== k) changed = true;
      return r;
    });
    if (changed) node = withChildren(e, next);
  }
  return fn(node);
}

/** Top-down rewrite: when `fn` returns a different node, its children are not visited again. */
export function transformDown(e: Expr, fn: (e: Expr) => Expr | undefined): Expr {
  const r = fn(e);
  if (r !== undefined && r !== e) return r;
  const kids = childrenOf(e);
  if (kids.length === 0) return e;
  let changed = false;
  const next = kids.map((k) => {
    const x = transformDown(k, fn);
    if (x !== k) changed = true;
    return x;
  });
  return changed ? withChildren(e, next) : e;
}

export function anyNode(e: Expr, pred: (e: Expr) => boolean): boolean {
  if (pred(e)) return true;
  return childrenOf(e).some((c) => anyNode(c, pred));
}

export function collectNodes<T extends Expr>(e: Expr, pred: (e: Expr) => e is T, out: T[] = []): T[] {
  if (pred(e)) out.push(e);
  else for (const c of childrenOf(e)) collectNodes(c, pred, out);
  return out;
}

export function isResolved(e: Expr): boolean {
  return !anyNode(
    e,
    (n) =>
      n.kind === 'unresolvedAttribute' ||
      n.kind === 'unresolvedStar' ||
      n.kind === 'unresolvedFunction' ||
      n.kind === 'unresolvedExtractValue' ||
      n.kind === 'unresolvedLambda',
  );
}
