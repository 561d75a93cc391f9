/**
 * Filter pushdown for jdbc scans: a pushed predicate (one conjunct of a Filter directly above the
 * relation, see PushFiltersIntoScanRule) becomes SQL for the WHERE clause, as Spark's
 * JdbcDialect.compileExpression does: comparisons, <=>, IS [NOT] NULL, IN, AND, OR, NOT,
 * LIKE / startswith / endswith / contains, between columns and constants.
 *
 * Invariants: a predicate translates exactly or not at all (the Filter above the scan stays, so
 * an untranslated predicate costs only rows read, while an inexact one could drop rows), and
 * always to a parenthesized SQL expression.
 * String ordering is Spark's (by code point): range comparisons on strings use COLLATE "C".
 */
import type { AttributeReference, Expr } from '../../expr/expression.js';
import { buildCast } from '../../types/cast.js';
import type { DataType } from '../../types/data-type.js';
import type { PgType } from './pg-types.js';
import { quoteLiteral, sqlLiteral } from './pg-values.js';

/** A column the scan can name in SQL: its quoted identifier and PostgreSQL type. */
export interface SqlColumn {
  readonly sql: string;
  readonly pg: PgType;
}

const COMPARISONS: Readonly<Record<string, string>> = {
  equal_to: '=',
  less_than: '<',
  less_than_or_equal: '<=',
  greater_than: '>',
  greater_than_or_equal: '>=',
};
const FLIPPED: Readonly<Record<string, string>> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Quotes an identifier for PostgreSQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function widening(from: DataType, to: DataType): boolean {
  const rank: Record<string, number> = { byte: 1, short: 2, integer: 3, long: 4 };
  const f = rank[from.kind];
  if (f !== undefined) {
    const t = rank[to.kind];
    if (t !== undefined) return t >= f;
    if (to.kind === 'decimal') return true;
    if (to.kind === 'double') return f <= 3;
    return false;
  }
  return from.kind === 'float' && to.kind === 'double';
}

/** Compiles predicates over a scan's columns (`columnOf` maps an exprId). */
export class JdbcFilterCompiler {
  constructor(
    private readonly columnOf: (exprId: number) => SqlColumn | undefined,
    private readonly timeZone: string,
  ) {}

  /** The SQL of a predicate, or undefined when it does not translate exactly. */
  compile(e: Expr): string | undefined {
    if (e.kind === 'attributeReference') {
      const c = this.column(e);
      return c && e.dataType.kind === 'boolean' ? `(${c.sql} = true)` : undefined;
    }
    if (e.kind === 'literal' && e.dataType.kind === 'boolean') {
      return e.value === null ? '(NULL)' : e.value ? '(TRUE)' : '(FALSE)';
    }
    if (e.kind !== 'fn') return undefined;
    const [a, b] = e.args;
    const cmp = COMPARISONS[e.name];
    if (cmp && a && b) return this.comparison(a, b, cmp);
    switch (e.name) {
      case 'equal_null_safe': {
        const eq = a && b ? this.operands(a, b) : undefined;
        return eq && `(${eq.col.sql} IS NOT DISTINCT FROM ${eq.lit})`;
      }
      case 'isnull':
      case 'isnotnull': {
        const c = a && this.columnExpr(a);
        return c && `(${c.sql} IS ${e.name === 'isnull' ? '' : 'NOT '}NULL)`;
      }
      case 'in': {
        const c = a && this.columnExpr(a);
        if (!c || e.args.length < 2) return undefined;
        const lits = e.args.slice(1).map((x) => this.literal(x, c));
        if (lits.some((x) => x === undefined)) return undefined;
        return `(${c.sql} IN (${lits.join(', ')}))`;
      }
      case 'and':
      case 'or': {
        const l = a && this.compile(a);
        const r = b && this.compile(b);
        return l && r ? `(${l} ${e.name.toUpperCase()} ${r})` : undefined;
      }
      case 'not': {
        const inner = a && this.compile(a);
        return inner && `(NOT ${inner})`;
      }
      case 'like': {
        if (e.args.length !== 2 || e.params?.escapeChar !== undefined) return undefined;
        const c = a && this.columnExpr(a);
        const p = b && this.constant(b);
        if (!c || typeof p?.value !== 'string') return undefined;
        return `(${c.sql} LIKE ${quoteLiteral(p.value)} ESCAPE '\\')`;
      }
      case 'startswith':
      case 'endswith':
      case 'contains': {
        const c = a && this.columnExpr(a);
        const p = b && this.constant(b);
        if (!c || typeof p?.value !== 'string' || c.type.kind !== 'string') return undefined;
        const esc = p.value.replace(/[\\%_]/g, (x) => `\\${x}`);
        const pattern = e.name === 'startswith' ? `${esc}%` : e.name === 'endswith' ? `%${esc}` : `%${esc}%`;
        return `(${c.sql} LIKE ${quoteLiteral(pattern)} ESCAPE '\\')`;
      }
      default:
        return undefined;
    }
  }

  private comparison(a: Expr, b: Expr, op: string): string | undefined {
    let o = this.operands(a, b);
    let sqlOp = op;
    if (!o) {
      o = this.operands(b, a);
      sqlOp = FLIPPED[op]!;
    }
    if (!o) return undefined;
    const collate = o.type.kind === 'string' && sqlOp !== '=' ? ' COLLATE "C"' : '';
    return `(${o.col.sql}${collate} ${sqlOp} ${o.lit})`;
  }

  /** `column op constant` operands, the constant rendered for the column's type. */
  private operands(colSide: Expr, litSide: Expr) {
    const c = this.columnExpr(colSide);
    if (!c) return undefined;
    const lit = this.literal(litSide, c);
    return lit === undefined ? undefined : { col: c, lit, type: c.type };
  }

  private column(a: AttributeReference): SqlColumn | undefined {
    return this.columnOf(a.exprId);
  }

  /** A column, possibly under a widening numeric cast (comparisons keep their meaning). */
  private columnExpr(e: Expr): (SqlColumn & { readonly type: DataType }) | undefined {
    if (e.kind === 'attributeReference') {
      const c = this.column(e);
      return c && { ...c, type: e.dataType };
    }
    if (
      e.kind === 'cast' &&
      e.child.kind === 'attributeReference' &&
      widening(e.child.dataType, e.dataType)
    ) {
      const c = this.column(e.child);
      return c && { ...c, type: e.dataType };
    }
    return undefined;
  }

  private constant(e: Expr): { value: unknown; type: DataType } | undefined {
    if (e.kind === 'literal') return { value: e.value, type: e.dataType };
    if (e.kind === 'cast' && e.child.kind === 'literal') {
      if (e.child.value === null) return { value: null, type: e.dataType };
      try {
        const v = buildCast(e.child.dataType, e.dataType, 'legacy', this.timeZone)(e.child.value);
        return v === null ? undefined : { value: v, type: e.dataType };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  private literal(e: Expr, c: SqlColumn & { readonly type: DataType }): string | undefined {
    const k = this.constant(e);
    if (!k) return undefined;
    if (k.value === null) return 'NULL';
    if (k.type.kind === 'array' || k.type.kind === 'map' || k.type.kind === 'struct') return undefined;
    return sqlLiteral(k.value, k.type, c.pg, this.timeZone);
  }
}
