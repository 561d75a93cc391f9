/**
 * Function calls, special call syntaxes, lambdas, windows, subqueries and aliases.
 */
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/expr/expression.js';
import { parseExpression } from '../../src/sql/parser.js';
import {
  as,
  asc,
  col,
  desc,
  expectTree,
  fn,
  int,
  lit,
  ONE_ROW,
  op,
  project,
  rel,
  star,
  str,
} from './sql-test-helpers.js';

const a = col('a');
const b = col('b');

describe('function calls', () => {
  it.each<[string, Expr]>([
    ['upper(a)', fn('upper', a)],
    ['f()', fn('f')],
    ['count(*)', fn('count', star())],
    ['count(t.*)', fn('count', star('t'))],
    ['count(DISTINCT a, b)', { kind: 'unresolvedFunction', name: 'count', args: [a, b], distinct: true }],
    ['count(ALL a)', fn('count', a)],
    [
      'sum(a) FILTER (WHERE b > 1)',
      { kind: 'unresolvedFunction', name: 'sum', args: [a], filter: op('greater_than', b, int(1)) },
    ],
    ['first(a IGNORE NULLS)', { kind: 'unresolvedFunction', name: 'first', args: [a], ignoreNulls: true }],
    ['first(a) IGNORE NULLS', { kind: 'unresolvedFunction', name: 'first', args: [a], ignoreNulls: true }],
    ['last(a) RESPECT NULLS', { kind: 'unresolvedFunction', name: 'last', args: [a], ignoreNulls: false }],
    ['a.b.c(1)', fn('a.b.c', int(1))],
    ['`my func`(1)', fn('my func', int(1))],
    ['SUBSTR(s, 1)', fn('SUBSTR', col('s'), int(1))],
    ['struct(a AS x, b)', fn('struct', as(a, 'x'), b)],
    ["named_struct('x', a)", fn('named_struct', str('x'), a)],
    ['array(1, 2)', fn('array', int(1), int(2))],
    ["map('k', 1)", fn('map', str('k'), int(1))],
    ['(a, b)', fn('struct', a, b)],
    [
      'percentile_cont(0.5) WITHIN GROUP (ORDER BY a DESC)',
      fn('percentile_cont', lit(5n, { kind: 'decimal', precision: 1, scale: 1 }), desc(a)),
    ],
  ])('%s', (text, expected) => {
    expectTree(parseExpression(text), expected);
  });

  it('a stray token inside the arguments is extra input, as Spark reports it', () => {
    expect(() => parseExpression('f(a b)')).toThrow(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'b': extra input 'b'. (line 1, pos 4)",
    );
  });
});

describe('SQL-standard call syntaxes', () => {
  it.each<[string, Expr]>([
    ['EXTRACT(YEAR FROM d)', fn('extract', str('YEAR'), col('d'))],
    ['extract(year from d)', fn('extract', str('year'), col('d'))],
    ['SUBSTRING(s FROM 1 FOR 2)', fn('substring', col('s'), int(1), int(2))],
    ['substring(s FROM 2)', fn('substring', col('s'), int(2))],
    ["TRIM(BOTH 'x' FROM s)", fn('trim', str('x'), col('s'))],
    ["TRIM(LEADING 'x' FROM s)", fn('ltrim', str('x'), col('s'))],
    ['TRIM(TRAILING FROM s)', fn('rtrim', col('s'))],
    ["TRIM('x' FROM s)", fn('trim', str('x'), col('s'))],
    ['TRIM(FROM s)', fn('trim', col('s'))],
    ['TRIM(s)', fn('TRIM', col('s'))],
    ["POSITION('a' IN s)", fn('locate', str('a'), col('s'), int(1))],
    ['position(a, b)', fn('position', a, b)],
    ["OVERLAY(s PLACING 'x' FROM 2 FOR 1)", fn('overlay', col('s'), str('x'), int(2), int(1))],
    ['timestampadd(HOUR, 1, ts)', fn('timestampadd', str('HOUR'), int(1), col('ts'))],
    ['dateadd(day, 1, ts)', fn('timestampadd', str('DAY'), int(1), col('ts'))],
    ['datediff(DAY, a, b)', fn('timestampdiff', str('DAY'), a, b)],
    ['date_add(d, 1)', fn('date_add', col('d'), int(1))],
    ['datediff(a, b)', fn('datediff', a, b)],
    ['current_date', fn('current_date')],
    ['CURRENT_TIMESTAMP', fn('current_timestamp')],
    ['current_timestamp()', fn('current_timestamp')],
    ['current_date + 1', op('add', fn('current_date'), int(1))],
  ])('%s', (text, expected) => {
    expectTree(parseExpression(text), expected);
  });
});

describe('lambdas', () => {
  it('one parameter, several parameters, and parenthesised single parameter', () => {
    expectTree(
      parseExpression('transform(arr, x -> x + 1)'),
      fn('transform', col('arr'), {
        kind: 'unresolvedLambda',
        paramNames: ['x'],
        body: op('add', col('x'), int(1)),
      }),
    );
    expectTree(
      parseExpression('aggregate(arr, 0, (acc, x) -> acc + x)'),
      fn('aggregate', col('arr'), int(0), {
        kind: 'unresolvedLambda',
        paramNames: ['acc', 'x'],
        body: op('add', col('acc'), col('x')),
      }),
    );
    expectTree(
      parseExpression('filter(arr, (x) -> x > 0 AND x < 5)'),
      fn('filter', col('arr'), {
        kind: 'unresolvedLambda',
        paramNames: ['x'],
        body: op('and', op('greater_than', col('x'), int(0)), op('less_than', col('x'), int(5))),
      }),
    );
  });
});

describe('window functions', () => {
  it('partition, order and a ROWS frame', () => {
    expectTree(
      parseExpression(
        'sum(a) OVER (PARTITION BY b ORDER BY c DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)',
      ),
      {
        kind: 'windowExpression',
        fn: fn('sum', a),
        spec: {
          partitionSpec: [b],
          orderSpec: [desc(col('c'))],
          frame: { frameType: 'rows', lower: 'unboundedPreceding', upper: 'currentRow' },
        },
      },
    );
  });

  it.each([
    [
      'sum(a) OVER (ORDER BY c RANGE BETWEEN 1 PRECEDING AND 2 FOLLOWING)',
      { frameType: 'range', lower: -1, upper: 2 },
    ],
    ['sum(a) OVER (ORDER BY c ROWS 2 PRECEDING)', { frameType: 'rows', lower: -2, upper: 'currentRow' }],
    [
      'sum(a) OVER (ORDER BY c ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)',
      { frameType: 'rows', lower: 'currentRow', upper: 'unboundedFollowing' },
    ],
    [
      'sum(a) OVER (ORDER BY c RANGE BETWEEN 1.5 PRECEDING AND CURRENT ROW)',
      { frameType: 'range', lower: -1.5, upper: 'currentRow' },
    ],
    [
      'sum(a) OVER (ORDER BY ts RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW)',
      { frameType: 'range', lower: -86_400_000_000, upper: 'currentRow' },
    ],
  ])('%s', (text, frame) => {
    expect(parseExpression(text)).toMatchObject({ kind: 'windowExpression', spec: { frame } });
  });

  it('DISTRIBUTE BY / SORT BY inside OVER, and an empty OVER ()', () => {
    expectTree(parseExpression('row_number() OVER (DISTRIBUTE BY a SORT BY b)'), {
      kind: 'windowExpression',
      fn: fn('row_number'),
      spec: { partitionSpec: [a], orderSpec: [asc(b)] },
    });
    expectTree(parseExpression('count(*) OVER ()'), {
      kind: 'windowExpression',
      fn: fn('count', star()),
      spec: { partitionSpec: [], orderSpec: [] },
    });
  });

  it('rejects non-literal and (for ROWS) non-integer bounds as Spark does', () => {
    expect(() =>
      parseExpression('sum(a) OVER (ORDER BY a ROWS BETWEEN a PRECEDING AND CURRENT ROW)'),
    ).toThrow(
      '[INVALID_SQL_SYNTAX.INVALID_WINDOW_FRAME_BOUND] Invalid SQL syntax: Frame bound value must be a literal.',
    );
    expect(() =>
      parseExpression('sum(a) OVER (ORDER BY a ROWS BETWEEN 1.5 PRECEDING AND CURRENT ROW)'),
    ).toThrow(
      '[DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE] Cannot resolve "ROWS BETWEEN 1.5 PRECEDING AND CURRENT ROW" due to data type mismatch: The data type of the lower bound "DECIMAL(2,1)" does not match the expected data type "INT".',
    );
  });

  it('OVER w outside a query cannot be resolved', () => {
    expect(() => parseExpression('sum(a) OVER w')).toThrow(
      "[MISSING_WINDOW_SPECIFICATION] Window specification is not defined in the WINDOW clause for w. For more information about WINDOW clauses, please refer to 'https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-window.html'.",
    );
  });
});

describe('subqueries', () => {
  const selectOne = project(ONE_ROW, int(1));
  it.each<[string, Expr]>([
    ['(SELECT 1)', { kind: 'subquery', subqueryType: 'scalar', plan: selectOne }],
    ['((SELECT 1))', { kind: 'subquery', subqueryType: 'scalar', plan: selectOne }],
    ['((SELECT 1) + 1)', op('add', { kind: 'subquery', subqueryType: 'scalar', plan: selectOne }, int(1))],
    ['EXISTS (SELECT 1)', { kind: 'subquery', subqueryType: 'exists', plan: selectOne }],
    ['NOT EXISTS (SELECT 1)', op('not', { kind: 'subquery', subqueryType: 'exists', plan: selectOne })],
    [
      'a IN (SELECT b FROM u)',
      { kind: 'subquery', subqueryType: 'in', plan: project(rel('u'), b), values: [a] },
    ],
    [
      'a NOT IN (SELECT b FROM u)',
      op('not', { kind: 'subquery', subqueryType: 'in', plan: project(rel('u'), b), values: [a] }),
    ],
    [
      '(a, b) IN (SELECT c, d FROM u)',
      { kind: 'subquery', subqueryType: 'in', plan: project(rel('u'), col('c'), col('d')), values: [a, b] },
    ],
    [
      'a IN ((SELECT 1), 2)',
      op('in', a, { kind: 'subquery', subqueryType: 'scalar', plan: selectOne }, int(2)),
    ],
    [
      'a IN ((SELECT 1) UNION (SELECT 2))',
      {
        kind: 'subquery',
        subqueryType: 'in',
        plan: {
          kind: 'distinct',
          child: {
            kind: 'union',
            children: [selectOne, project(ONE_ROW, int(2))],
            byName: false,
            allowMissingColumns: false,
          },
        },
        values: [a],
      },
    ],
    [
      'exists(arr, x -> x > 1)',
      fn('exists', col('arr'), {
        kind: 'unresolvedLambda',
        paramNames: ['x'],
        body: op('greater_than', col('x'), int(1)),
      }),
    ],
  ])('%s', (text, expected) => {
    expectTree(parseExpression(text), expected);
  });
});

describe('aliases in parseExpression (F.expr / selectExpr)', () => {
  it('AS name, implicit name, and AS (a, b)', () => {
    expectTree(parseExpression('a AS b'), as(a, 'b'));
    expectTree(parseExpression('a b'), as(a, 'b'));
    expectTree(parseExpression('a + 1 AS `x y`'), as(op('add', a, int(1)), 'x y'));
    expectTree(
      parseExpression('explode(m) AS (k, v)'),
      op('__multi_alias', fn('explode', col('m')), str('k'), str('v')),
    );
  });
});
