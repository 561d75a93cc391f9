/**
 * Spark's "pretty SQL" of an expression: the name a column gets when it is not aliased
 * (`(a + 1)`, `upper(name)`, `count(DISTINCT x)`, `CAST(s AS INT)`), and the text used in errors.
 *
 * Invariant: attributes print their bare name; implicit casts are invisible; string literals are
 * printed without quotes (as Spark's toPrettySQL does).
 */
import { sqlTypeName } from '../types/data-type.js';
import { castToString } from '../types/value-format.js';
import { quoteIdentifier } from './column-name.js';
import type { Expr, FrameBoundary, WindowSpec } from './expression.js';
import { lookupFunction } from './function-registry.js';

export function prettyName(e: Expr, timeZone = 'UTC'): string {
  const p = (x: Expr) => prettyName(x, timeZone);
  switch (e.kind) {
    case 'literal':
      if (e.value === null) return 'NULL';
      switch (e.dataType.kind) {
        case 'string':
          return String(e.value);
        case 'long':
          return `${String(e.value)}`;
        case 'date':
          return `DATE '${castToString(e.value, e.dataType, timeZone)}'`;
        case 'timestamp':
          return `TIMESTAMP '${castToString(e.value, e.dataType, timeZone)}'`;
        case 'timestamp_ntz':
          return `TIMESTAMP_NTZ '${castToString(e.value, e.dataType, timeZone)}'`;
        case 'binary':
          return `X'${Buffer.from(e.value as Uint8Array)
            .toString('hex')
            .toUpperCase()}'`;
        case 'interval':
          return `INTERVAL '${castToString(e.value, e.dataType, timeZone)}'`;
        default:
          return castToString(e.value, e.dataType, timeZone);
      }
    case 'attributeReference':
      return e.name;
    case 'unresolvedAttribute':
      return e.nameParts.map((n, i) => (i === 0 ? n : n)).join('.');
    case 'unresolvedStar':
      return e.target ? `${e.target.join('.')}.*` : '*';
    case 'alias':
      return e.implicit ? p(e.child) : `${p(e.child)} AS ${quoteIdentifier(e.name)}`;
    case 'cast':
      if (e.implicit) return p(e.child);
      return `${e.mode === 'try' ? 'TRY_CAST' : 'CAST'}(${p(e.child)} AS ${sqlTypeName(e.dataType)})`;
    case 'fn':
    case 'unresolvedFunction': {
      const def = lookupFunction(e.name);
      const args = e.args.map(p);
      const params = e.kind === 'fn' ? e.params : undefined;
      if (def?.prettyName) return def.prettyName(args, { params });
      const name = def?.displayName ?? (e.kind === 'unresolvedFunction' ? e.name : e.name);
      const distinct = e.kind === 'unresolvedFunction' && e.distinct ? 'DISTINCT ' : '';
      return `${name}(${distinct}${args.join(', ')})`;
    }
    case 'aggregate': {
      const def = lookupFunction(e.name);
      const args = e.args.map(p);
      const base = def?.prettyName
        ? def.prettyName(args, { params: e.params, distinct: e.distinct })
        : `${def?.displayName ?? e.name}(${e.distinct ? 'DISTINCT ' : ''}${args.join(', ')})`;
      return e.filter ? `${base} FILTER (WHERE ${p(e.filter)})` : base;
    }
    case 'generator': {
      const def = lookupFunction(e.name);
      return def?.prettyName ? def.prettyName(e.args.map(p), {}) : `${e.name}(${e.args.map(p).join(', ')})`;
    }
    case 'udf':
      return `${e.name}(${e.args.map(p).join(', ')})`;
    case 'getStructField':
      return `${p(e.child)}.${quoteIdentifier(e.name)}`;
    case 'unresolvedExtractValue':
      return `${p(e.child)}[${p(e.extraction)}]`;
    case 'sortOrder':
      return `${p(e.child)} ${e.ascending ? 'ASC' : 'DESC'} NULLS ${e.nullsFirst ? 'FIRST' : 'LAST'}`;
    case 'windowExpression':
      return `${p(e.fn)} OVER (${windowSpecSql(e.spec, p)})`;
    case 'lambda':
      return `lambdafunction(${p(e.body)}, ${e.params.map(() => 'namedlambdavariable()').join(', ')})`;
    case 'unresolvedLambda':
      return `lambdafunction(${p(e.body)}, ${e.paramNames.map(() => 'namedlambdavariable()').join(', ')})`;
    case 'lambdaVariable':
      return 'namedlambdavariable()';
    case 'subquery':
      return e.subqueryType === 'exists' ? 'exists(subquery)' : 'scalarsubquery()';
    case 'unresolvedOrdinal':
      return String(e.ordinal);
  }
}

function boundary(b: FrameBoundary): string {
  if (b === 'unboundedPreceding') return 'UNBOUNDED PRECEDING';
  if (b === 'unboundedFollowing') return 'UNBOUNDED FOLLOWING';
  if (b === 'currentRow' || b === 0) return 'CURRENT ROW';
  return b < 0 ? `${-b} PRECEDING` : `${b} FOLLOWING`;
}

export function windowSpecSql(spec: WindowSpec, p: (e: Expr) => string): string {
  const parts: string[] = [];
  if (spec.partitionSpec.length) parts.push(`PARTITION BY ${spec.partitionSpec.map(p).join(', ')}`);
  if (spec.orderSpec.length) parts.push(`ORDER BY ${spec.orderSpec.map(p).join(', ')}`);
  const f = spec.frame;
  if (f && typeof f.lower === 'number' && f.lower === f.upper) {
    // offset functions (lag/lead): Spark prints the one-row frame as `n FOLLOWING` on both sides
    parts.push(
      `${f.frameType === 'rows' ? 'ROWS' : 'RANGE'} BETWEEN ${f.lower} FOLLOWING AND ${f.upper} FOLLOWING`,
    );
  } else if (f) {
    parts.push(
      `${f.frameType === 'rows' ? 'ROWS' : 'RANGE'} BETWEEN ${boundary(f.lower)} AND ${boundary(f.upper)}`,
    );
  }
  return parts.join(' ');
}
