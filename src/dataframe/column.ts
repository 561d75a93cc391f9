/**
 * `Column`: the public handle on an expression, as in PySpark. Immutable; every method returns a
 * new Column wrapping a new (unresolved) expression tree.
 *
 * Invariant: a Column only builds trees; it never resolves or evaluates. Operators become calls of
 * registry functions by their internal names (`add`, `equal_to`, …), so the analyzer has one path.
 */

import { parseColumnName } from '../expr/column-name.js';
import {
  alias as aliasExpr,
  type Expr,
  literal,
  sortOrder,
  type UnresolvedFunction,
  unresolvedAttribute,
  unresolvedFunction,
} from '../expr/expression.js';
import { type DataType, NullType } from '../types/data-type.js';
import { toDataType } from '../types/ddl.js';
import { inferLiteralType, toInternalValue } from '../types/literal-value.js';
import type { WindowSpecBuilder } from './window.js';

export type ColumnOrName = Column | string;

export class Column {
  constructor(readonly expr: Expr) {}

  // -- arithmetic
  plus(other: unknown): Column {
    return binary('add', this, other);
  }
  minus(other: unknown): Column {
    return binary('subtract', this, other);
  }
  multiply(other: unknown): Column {
    return binary('multiply', this, other);
  }
  divide(other: unknown): Column {
    return binary('divide', this, other);
  }
  mod(other: unknown): Column {
    return binary('remainder', this, other);
  }
  negate(): Column {
    return call('negative', [this]);
  }

  // -- comparison
  eq(other: unknown): Column {
    return binary('equal_to', this, other);
  }
  /** Alias of `eq`, for readers coming from Scala's `===`. */
  equalTo(other: unknown): Column {
    return this.eq(other);
  }
  ne(other: unknown): Column {
    return call('not', [binary('equal_to', this, other)]);
  }
  notEqual(other: unknown): Column {
    return this.ne(other);
  }
  eqNullSafe(other: unknown): Column {
    return binary('equal_null_safe', this, other);
  }
  lt(other: unknown): Column {
    return binary('less_than', this, other);
  }
  leq(other: unknown): Column {
    return binary('less_than_or_equal', this, other);
  }
  gt(other: unknown): Column {
    return binary('greater_than', this, other);
  }
  geq(other: unknown): Column {
    return binary('greater_than_or_equal', this, other);
  }

  // -- boolean
  and(other: unknown): Column {
    return binary('and', this, other);
  }
  or(other: unknown): Column {
    return binary('or', this, other);
  }
  not(): Column {
    return call('not', [this]);
  }

  // -- bitwise
  bitwiseAND(other: unknown): Column {
    return binary('bitwise_and', this, other);
  }
  bitwiseOR(other: unknown): Column {
    return binary('bitwise_or', this, other);
  }
  bitwiseXOR(other: unknown): Column {
    return binary('bitwise_xor', this, other);
  }

  // -- predicates
  isNull(): Column {
    return call('isnull', [this]);
  }
  isNotNull(): Column {
    return call('isnotnull', [this]);
  }
  isNaN(): Column {
    return call('isnan', [this]);
  }
  isin(...values: unknown[]): Column {
    const flat = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    return call('in', [this, ...flat.map(toColumnOrLiteral)]);
  }
  /** `(c >= lower) AND (c <= upper)`, as PySpark builds it. */
  between(lower: unknown, upper: unknown): Column {
    return this.geq(lower).and(this.leq(upper));
  }
  like(pattern: string): Column {
    return call('like', [this, lit(pattern)]);
  }
  ilike(pattern: string): Column {
    return call('ilike', [this, lit(pattern)]);
  }
  rlike(pattern: string): Column {
    return call('rlike', [this, lit(pattern)]);
  }
  startswith(other: unknown): Column {
    return call('startswith', [this, toColumnOrLiteral(other)]);
  }
  endswith(other: unknown): Column {
    return call('endswith', [this, toColumnOrLiteral(other)]);
  }
  contains(other: unknown): Column {
    return call('contains', [this, toColumnOrLiteral(other)]);
  }
  substr(pos: number | Column, len: number | Column): Column {
    return call('substr', [this, toColumnOrLiteral(pos), toColumnOrLiteral(len)]);
  }

  // -- naming and types
  alias(...names: string[]): Column {
    if (names.length === 1) return new Column(aliasExpr(this.expr, names[0]!));
    return new Column(
      unresolvedFunction('__multi_alias', [this.expr, ...names.map((n) => literalOf(n))], { internal: true }),
    );
  }
  as(...names: string[]): Column {
    return this.alias(...names);
  }
  name(name: string): Column {
    return this.alias(name);
  }
  cast(dataType: DataType | string): Column {
    return new Column({ kind: 'cast', child: this.expr, dataType: toDataType(dataType), mode: 'legacy' });
  }
  astype(dataType: DataType | string): Column {
    return this.cast(dataType);
  }
  try_cast(dataType: DataType | string): Column {
    return new Column({ kind: 'cast', child: this.expr, dataType: toDataType(dataType), mode: 'try' });
  }

  // -- nested data
  getField(name: string): Column {
    return new Column({ kind: 'unresolvedExtractValue', child: this.expr, extraction: literalOf(name) });
  }
  getItem(key: unknown): Column {
    return new Column({
      kind: 'unresolvedExtractValue',
      child: this.expr,
      extraction: toColumnOrLiteral(key).expr,
    });
  }
  withField(name: string, value: Column): Column {
    return call('__with_field', [this, lit(name), value]);
  }
  dropFields(...names: string[]): Column {
    return call('__drop_fields', [this, ...names.map((n) => lit(n))]);
  }

  // -- CASE WHEN chains (`F.when(...).when(...).otherwise(...)`)
  when(condition: Column, value: unknown): Column {
    const e = this.expr;
    if (e.kind !== 'unresolvedFunction' || e.name !== 'case_when' || e.args.length % 2 === 1) {
      throw new TypeError('when() can only be applied on a Column previously generated by when()');
    }
    return new Column({ ...e, args: [...e.args, condition.expr, toColumnOrLiteral(value).expr] });
  }
  otherwise(value: unknown): Column {
    const e = this.expr;
    if (e.kind !== 'unresolvedFunction' || e.name !== 'case_when' || e.args.length % 2 === 1) {
      throw new TypeError('otherwise() can only be applied on a Column previously generated by when()');
    }
    return new Column({ ...e, args: [...e.args, toColumnOrLiteral(value).expr] });
  }

  // -- ordering
  asc(): Column {
    return new Column(sortOrder(this.expr, true, true));
  }
  asc_nulls_first(): Column {
    return new Column(sortOrder(this.expr, true, true));
  }
  asc_nulls_last(): Column {
    return new Column(sortOrder(this.expr, true, false));
  }
  desc(): Column {
    return new Column(sortOrder(this.expr, false, false));
  }
  desc_nulls_first(): Column {
    return new Column(sortOrder(this.expr, false, true));
  }
  desc_nulls_last(): Column {
    return new Column(sortOrder(this.expr, false, false));
  }

  // -- windows
  over(window?: WindowSpecBuilder): Column {
    const spec = window ? window.toSpec() : { partitionSpec: [], orderSpec: [] };
    return new Column({ kind: 'windowExpression', fn: this.expr, spec });
  }

  toString(): string {
    return `Column<'${describe(this.expr)}'>`;
  }
}

function describe(e: Expr): string {
  switch (e.kind) {
    case 'unresolvedAttribute':
      return e.nameParts.join('.');
    case 'literal':
      return String(e.value);
    case 'unresolvedFunction':
      return `${e.name}(${e.args.map(describe).join(', ')})`;
    case 'alias':
      return `${describe(e.child)} AS ${e.name}`;
    default:
      return e.kind;
  }
}

function literalOf(v: string): Expr {
  return literal(v, inferLiteralType(v));
}

/** A Column for a literal JS value (`F.lit`). Columns pass through unchanged. */
export function lit(value: unknown): Column {
  if (value instanceof Column) return value;
  if (value === null || value === undefined) return new Column(literal(null, NullType));
  const t = inferLiteralType(value);
  return new Column(literal(toInternalValue(value, t), t));
}

/** A Column for a column name: `'a'`, `'t.a'`, `'s.field'`, `` '`odd name`' ``, `'*'`, `'t.*'`. */
export function col(name: string): Column {
  if (name === '*') return new Column({ kind: 'unresolvedStar' });
  if (name.endsWith('.*'))
    return new Column({ kind: 'unresolvedStar', target: parseColumnName(name.slice(0, -2)) });
  return new Column(unresolvedAttribute(parseColumnName(name)));
}

export function toColumn(c: ColumnOrName): Column {
  return typeof c === 'string' ? col(c) : c;
}

/** Strings are literals here (PySpark's rule for the *value* arguments of functions). */
export function toColumnOrLiteral(v: unknown): Column {
  return v instanceof Column ? v : lit(v);
}

/** A call of a registry function on columns (strings are column names). */
export function call(
  name: string,
  args: readonly ColumnOrName[],
  extra: Partial<UnresolvedFunction> = {},
): Column {
  return new Column(
    unresolvedFunction(
      name,
      args.map((a) => toColumn(a).expr),
      { ...extra, internal: true },
    ),
  );
}

function binary(name: string, left: Column, right: unknown): Column {
  return call(name, [left, toColumnOrLiteral(right)]);
}
