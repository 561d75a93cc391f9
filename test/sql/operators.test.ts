/**
 * Operator precedence and predicates; the expected shapes follow what Spark 4.3's parser builds
 * (checked with `spark.sessionState.sqlParser.parseExpression`).
 */
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/sql/parser.js';
import { bool, col, expectTree, int, op, str } from './sql-test-helpers.js';

const [a, b, c, d, e, f, g] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => col(n));

describe('operator precedence', () => {
  it.each([
    [
      'a + b * c - d / e % f div g',
      op(
        'subtract',
        op('add', a!, op('multiply', b!, c!)),
        op('div', op('remainder', op('divide', d!, e!), f!), g!),
      ),
    ],
    ['a || b + c', op('add', op('concat', a!, b!), c!)],
    ['a + b || c', op('concat', op('add', a!, b!), c!)],
    ['a & b | c ^ d', op('bitwise_or', op('bitwise_and', a!, b!), op('bitwise_xor', c!, d!))],
    ['a | b & c', op('bitwise_or', a!, op('bitwise_and', b!, c!))],
    ['a >> 2 + 1', op('__shiftright_op', a!, op('add', int(2), int(1)))],
    ['a << 1 & b', op('bitwise_and', op('__shiftleft_op', a!, int(1)), b!)],
    ['a >>> 1', op('__shiftrightunsigned_op', a!, int(1))],
    ['a = b = c', op('equal_to', op('equal_to', a!, b!), c!)],
    ['a < b + 1', op('less_than', a!, op('add', b!, int(1)))],
    ['NOT a = b AND c OR d', op('or', op('and', op('not', op('equal_to', a!, b!)), c!), d!)],
    ['a OR b AND c', op('or', a!, op('and', b!, c!))],
    ['a AND b AND c', op('and', op('and', a!, b!), c!)],
    ['NOT NOT a', op('not', op('not', a!))],
    ['!a', op('not', a!)],
    ['- - a', op('__unary_minus', op('__unary_minus', a!))],
    ['-a * b', op('multiply', op('__unary_minus', a!), b!)],
    ['-a.b', op('__unary_minus', col('a', 'b'))],
    ['+a', op('positive', a!)],
    ['~a', op('bitwise_not', a!)],
    ['a - -1', op('subtract', a!, int(-1))],
    ['2 - 1', op('subtract', int(2), int(1))],
    ['(a + b) * c', op('multiply', op('add', a!, b!), c!)],
  ])('%s', (text, expected) => {
    expectTree(parseExpression(text), expected);
  });
});

describe('comparisons', () => {
  it.each([
    ['a = b', op('equal_to', a!, b!)],
    ['a == b', op('equal_to', a!, b!)],
    ['a <=> b', op('equal_null_safe', a!, b!)],
    ['a != b', op('not', op('equal_to', a!, b!))],
    ['a <> b', op('not', op('equal_to', a!, b!))],
    ['a <= b', op('less_than_or_equal', a!, b!)],
    ['a > b', op('greater_than', a!, b!)],
    ['a >= b', op('greater_than_or_equal', a!, b!)],
  ])('%s', (text, expected) => {
    expectTree(parseExpression(text), expected);
  });
});

describe('predicates', () => {
  it.each([
    ['a IS NULL', op('isnull', a!)],
    ['a IS NOT NULL', op('isnotnull', a!)],
    ['a = b IS NULL', op('isnull', op('equal_to', a!, b!))],
    ['a IS TRUE', op('equal_null_safe', a!, bool(true))],
    ['a IS NOT TRUE', op('not', op('equal_null_safe', a!, bool(true)))],
    ['a IS FALSE', op('equal_null_safe', a!, bool(false))],
    ['a IS UNKNOWN', op('isnull', a!)],
    ['a IS NOT UNKNOWN', op('isnotnull', a!)],
    ['a IS NOT DISTINCT FROM b', op('equal_null_safe', a!, b!)],
    ['a IS DISTINCT FROM b', op('not', op('equal_null_safe', a!, b!))],
    ['a IN (1, 2)', op('in', a!, int(1), int(2))],
    ['a NOT IN (1, 2)', op('not', op('in', a!, int(1), int(2)))],
    ['a BETWEEN 1 AND 2', op('between', a!, int(1), int(2))],
    ['a NOT BETWEEN 1 AND 2', op('not', op('between', a!, int(1), int(2)))],
    ['a BETWEEN 1 AND 2 AND b', op('and', op('between', a!, int(1), int(2)), b!)],
    ['a + 1 BETWEEN b - 1 AND c', op('between', op('add', a!, int(1)), op('subtract', b!, int(1)), c!)],
    ["a LIKE 'x%'", op('like', a!, str('x%'))],
    ["a NOT LIKE 'x%' ESCAPE '!'", op('not', op('like', a!, str('x%'), str('!')))],
    ["a ILIKE 'x'", op('ilike', a!, str('x'))],
    ["a RLIKE 'x'", op('rlike', a!, str('x'))],
    ["a REGEXP 'x'", op('rlike', a!, str('x'))],
    ["a NOT RLIKE 'x'", op('not', op('rlike', a!, str('x')))],
    ["a LIKE ANY ('a', 'b')", op('likeany', a!, str('a'), str('b'))],
    ["a LIKE SOME ('a')", op('likeany', a!, str('a'))],
    ["a NOT LIKE ALL ('a')", op('notlikeall', a!, str('a'))],
    ["a ILIKE ANY ('a%', 'B%')", op('likeany', fnCall('lower', a!), str('a%'), str('b%'))],
    ["a NOT ILIKE ALL ('A')", op('notlikeall', fnCall('lower', a!), str('a'))],
    ["a LIKE ANY (b, 'x')", op('or', op('like', a!, b!), op('like', a!, str('x')))],
    ['a NOT LIKE ALL (b, c)', op('and', op('not', op('like', a!, b!)), op('not', op('like', a!, c!)))],
    [
      '(a, b) IN ((1, 2), (3, 4))',
      op('in', fnStruct(a!, b!), fnStruct(int(1), int(2)), fnStruct(int(3), int(4))),
    ],
  ])('%s', (text, expected) => {
    expectTree(parseExpression(text), expected);
  });

  it('rejects an empty IN list with Spark’s message', () => {
    expect(() => parseExpression('a IN ()')).toThrow(
      "[INVALID_SQL_SYNTAX.EMPTY_IN_PREDICATE] Invalid SQL syntax: IN predicate requires at least one value. Empty IN clauses like 'IN ()' are not allowed. Consider using 'WHERE FALSE' if you need an always-false condition, or provide at least one value in the IN list.",
    );
  });
});

describe('CASE, CAST and extraction', () => {
  it.each([
    ['CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END', op('case_when', a!, int(1), b!, int(2), int(3))],
    [
      "CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END",
      op('case_when', op('equal_to', col('x'), int(1)), str('a'), op('equal_to', col('x'), int(2)), str('b')),
    ],
    ['a[0]', { kind: 'unresolvedExtractValue', child: a!, extraction: int(0) }],
    [
      "a[0].b['k']",
      {
        kind: 'unresolvedExtractValue',
        child: {
          kind: 'unresolvedExtractValue',
          child: { kind: 'unresolvedExtractValue', child: a!, extraction: int(0) },
          extraction: str('b'),
        },
        extraction: str('k'),
      },
    ],
    ['s.f.g', col('s', 'f', 'g')],
    ['(a).b', col('a', 'b')],
    ['`a.b`.c', col('a.b', 'c')],
    [
      'f(x).g',
      {
        kind: 'unresolvedExtractValue',
        child: { kind: 'unresolvedFunction', name: 'f', args: [col('x')] },
        extraction: str('g'),
      },
    ],
    ['(a + b).c', { kind: 'unresolvedExtractValue', child: op('add', a!, b!), extraction: str('c') }],
  ])('%s', (text, expected) => {
    expectTree(parseExpression(text), expected);
  });

  it('CAST, TRY_CAST and :: build cast nodes with DDL types', () => {
    expectTree(parseExpression('CAST(a AS INT)'), {
      kind: 'cast',
      child: a,
      dataType: { kind: 'integer' },
      mode: 'legacy',
    });
    expectTree(parseExpression('TRY_CAST(a AS array<int>)'), {
      kind: 'cast',
      child: a,
      dataType: { kind: 'array', elementType: { kind: 'integer' }, containsNull: true },
      mode: 'try',
    });
    expectTree(parseExpression('a::bigint::string'), {
      kind: 'cast',
      child: { kind: 'cast', child: a, dataType: { kind: 'long' }, mode: 'legacy' },
      dataType: { kind: 'string' },
      mode: 'legacy',
    });
    expect(parseExpression('CAST(a AS map<string, array<struct<x: int>>>)')).toMatchObject({
      dataType: { kind: 'map', valueType: { kind: 'array', elementType: { kind: 'struct' } } },
    });
    expect(parseExpression('CAST(a AS decimal(10, 2)) + 1')).toMatchObject({
      name: 'add',
      args: [{ kind: 'cast', dataType: { kind: 'decimal', precision: 10, scale: 2 } }, { value: 1 }],
    });
    expect(parseExpression('-1::string')).toMatchObject({ kind: 'cast', child: { value: -1 } });
  });

  it('CAST(x) without AS is an ordinary call, as in Spark', () => {
    expectTree(parseExpression('CAST(a)'), { kind: 'unresolvedFunction', name: 'CAST', args: [a] });
  });

  it('reports type errors at the type', () => {
    expect(() => parseExpression('CAST(a AS foo)')).toThrow(
      '[UNSUPPORTED_DATATYPE] Unsupported data type "FOO".',
    );
    expect(() => parseExpression('CAST(a AS)')).toThrow(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near ')'. (line 1, pos 9)",
    );
    expect(() => parseExpression('CAST(a AS decimal(40, 2))')).toThrow(
      '[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 40 exceeds max precision 38.',
    );
  });
});

function fnCall(name: string, ...args: ReturnType<typeof col>[]) {
  return { kind: 'unresolvedFunction' as const, name, args };
}

function fnStruct(...args: ReturnType<typeof col>[]) {
  return { kind: 'unresolvedFunction' as const, name: 'struct', args };
}
