/**
 * FROM clause shapes: joins, aliases, subqueries, VALUES, table functions, LATERAL VIEW, TABLESAMPLE.
 */
import { describe, expect, it } from 'vitest';
import type { LogicalPlan } from '../../src/plan/logical-plan.js';
import { parseStatement } from '../../src/sql/parser.js';
import { col, expectTree, fn, int, ONE_ROW, op, project, rel, star, str } from './sql-test-helpers.js';

/** The relation under `SELECT * FROM …`. */
function from(sql: string, ctx?: Parameters<typeof parseStatement>[1]): LogicalPlan {
  const p = parseStatement(`SELECT * FROM ${sql}`, ctx);
  if (p.kind !== 'project') throw new Error(p.kind);
  expectTree(p.projectList, [star()]);
  return p.child;
}
const join = (left: LogicalPlan, right: LogicalPlan, joinType: string, extra: object = {}): LogicalPlan =>
  ({ kind: 'join', left, right, joinType, ...extra }) as unknown as LogicalPlan;
const alias = (child: LogicalPlan, name: string, columnAliases?: string[]) =>
  columnAliases
    ? { kind: 'subqueryAlias', child, alias: name, columnAliases }
    : { kind: 'subqueryAlias', child, alias: name };

describe('relations and aliases', () => {
  it.each<[string, unknown]>([
    ['t', rel('t')],
    ['db.t', rel('db', 't')],
    ['`my db`.`t.x`', rel('my db', 't.x')],
    ['t x', alias(rel('t'), 'x')],
    ['t AS x', alias(rel('t'), 'x')],
    ['t AS x(a, b)', alias(rel('t'), 'x', ['a', 'b'])],
    ['parquet.`/tmp/x.parquet`', rel('parquet', '/tmp/x.parquet')],
    ['json.`/a/b` AS j', alias(rel('json', '/a/b'), 'j')],
    [
      '(SELECT 1 AS a) AS s(b)',
      alias(project(ONE_ROW, { kind: 'alias', child: int(1), name: 'a', exprId: 0 }), 's', ['b']),
    ],
    ['(SELECT 1) s', alias(project(ONE_ROW, int(1)), 's')],
    ['(SELECT 1)', project(ONE_ROW, int(1))],
  ])('%s', (sql, expected) => {
    expectTree(from(sql), expected);
  });
});

describe('joins', () => {
  const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((n) => rel(n)) as LogicalPlan[];
  it('comma joins are inner joins without condition', () => {
    expectTree(from('a, b'), join(a!, b!, 'inner'));
  });
  it('join types, ON and USING, left-deep', () => {
    expectTree(
      from('a JOIN b USING (x, y) LEFT SEMI JOIN c ON a.x = c.x CROSS JOIN d, e'),
      join(
        join(
          join(join(a!, b!, 'inner', { usingColumns: ['x', 'y'] }), c!, 'left_semi', {
            condition: op('equal_to', col('a', 'x'), col('c', 'x')),
          }),
          d!,
          'cross',
        ),
        e!,
        'inner',
      ),
    );
  });
  it.each([
    ['INNER JOIN', 'inner'],
    ['LEFT JOIN', 'left'],
    ['LEFT OUTER JOIN', 'left'],
    ['RIGHT JOIN', 'right'],
    ['RIGHT OUTER JOIN', 'right'],
    ['FULL JOIN', 'full'],
    ['FULL OUTER JOIN', 'full'],
    ['LEFT SEMI JOIN', 'left_semi'],
    ['SEMI JOIN', 'left_semi'],
    ['LEFT ANTI JOIN', 'left_anti'],
    ['ANTI JOIN', 'left_anti'],
    ['CROSS JOIN', 'cross'],
  ])('%s', (words, joinType) => {
    expectTree(
      from(`a ${words} b ON true`),
      join(a!, b!, joinType, { condition: { kind: 'literal', value: true, dataType: { kind: 'boolean' } } }),
    );
  });
  it('NATURAL JOIN is marked natural', () => {
    expectTree(from('a NATURAL JOIN b'), join(a!, b!, 'inner', { natural: true }));
    expectTree(from('a NATURAL LEFT JOIN b'), join(a!, b!, 'left', { natural: true }));
  });
  it('parenthesised joins and aliased joined tables', () => {
    expectTree(
      from('(a JOIN b ON a.x = b.x)'),
      join(a!, b!, 'inner', { condition: op('equal_to', col('a', 'x'), col('b', 'x')) }),
    );
    expectTree(
      from('a x JOIN b y'),
      join(alias(a!, 'x') as LogicalPlan, alias(b!, 'y') as LogicalPlan, 'inner'),
    );
    expectTree(
      from('((SELECT 1) s JOIN t)'),
      join(alias(project(ONE_ROW, int(1)), 's') as LogicalPlan, rel('t'), 'inner'),
    );
  });
});

describe('inline tables', () => {
  it('VALUES with and without column names', () => {
    expectTree(
      from("VALUES (1, 'a'), (2, 'b') AS t(x, y)"),
      alias(
        {
          kind: 'inlineTable',
          names: ['x', 'y'],
          rows: [
            [int(1), str('a')],
            [int(2), str('b')],
          ],
        },
        't',
      ),
    );
    expectTree(from('VALUES 1, 2'), { kind: 'inlineTable', names: [], rows: [[int(1)], [int(2)]] });
    expectTree(parseStatement('VALUES (1, 2), (3, 4)'), {
      kind: 'inlineTable',
      names: [],
      rows: [
        [int(1), int(2)],
        [int(3), int(4)],
      ],
    });
  });
  it('checks row widths as Spark does', () => {
    expect(() => from('VALUES (1, 2), (3) t(a, b)')).toThrow(
      '[INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH] Invalid inline table. Inline table expected 2 columns but found 1 columns in row 1.',
    );
    expect(() => from('VALUES (1, 2) t(a)')).toThrow(
      'Inline table expected 1 columns but found 2 columns in row 0.',
    );
  });
});

describe('table-valued functions', () => {
  const range = (start: number, end: number, step: number, numPartitions: number) => ({
    kind: 'range',
    start,
    end,
    step,
    numPartitions,
    output: [
      {
        kind: 'attributeReference',
        name: 'id',
        exprId: 0,
        dataType: { kind: 'long' },
        nullable: false,
        qualifier: [],
      },
    ],
  });
  it('range(…) becomes a Range with an id column', () => {
    expectTree(from('range(10)'), range(0, 10, 1, 1));
    expectTree(from('range(10)', { defaultParallelism: 4 }), range(0, 10, 1, 4));
    expectTree(from('range(1, 10, 2, 3) r'), alias(range(1, 10, 2, 3) as LogicalPlan, 'r'));
    expectTree(from('RANGE(-5, 5) AS r(n)'), alias(range(-5, 5, 1, 1) as LogicalPlan, 'r', ['n']));
  });
  it('range arguments are checked as Spark does', () => {
    expect(from('range(1.5)')).toMatchObject({ kind: 'range', start: 0, end: 1 });
    expect(() => from('range()')).toThrow(
      "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `range` requires [1, 2, 3, 4] parameters but the actual number is 0. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.",
    );
    expect(() => from("range('a')")).toThrow(
      '[UNEXPECTED_INPUT_TYPE] Parameter second of function `range` requires the "BIGINT" type, however "a" has the type "STRING".',
    );
    expect(() => from('range(a)')).toThrow(
      '[UNRESOLVED_COLUMN.WITHOUT_SUGGESTION] A column, variable, or function parameter with name `a` cannot be resolved.',
    );
  });
  it('other table functions are generators over the one-row relation', () => {
    expectTree(
      from('explode(array(1, 2)) AS t(x)'),
      alias(
        {
          kind: 'generate',
          child: ONE_ROW,
          generator: fn('explode', fn('array', int(1), int(2))),
          outer: false,
          generatorNames: ['x'],
          generatorOutput: [],
          join: true,
        },
        't',
      ),
    );
  });
});

describe('LATERAL VIEW', () => {
  it('becomes Generate nodes (join: true) carrying the view alias as qualifier', () => {
    expectTree(from('t LATERAL VIEW OUTER explode(arr) e AS c, d LATERAL VIEW posexplode(m) p'), {
      kind: 'generate',
      child: {
        kind: 'generate',
        child: rel('t'),
        generator: fn('explode', col('arr')),
        outer: true,
        generatorNames: ['c', 'd'],
        generatorOutput: [],
        join: true,
        qualifier: 'e',
      },
      generator: fn('posexplode', col('m')),
      outer: false,
      generatorNames: [],
      generatorOutput: [],
      join: true,
      qualifier: 'p',
    });
  });
  it('comes after comma joins, and WHERE still follows', () => {
    const p = parseStatement('SELECT c FROM a, b LATERAL VIEW explode(x) v c WHERE c > 1');
    expect(p).toMatchObject({
      kind: 'project',
      child: { kind: 'filter', child: { kind: 'generate', generatorNames: ['c'], child: { kind: 'join' } } },
    });
  });
});

describe('TABLESAMPLE', () => {
  it('PERCENT and BUCKET sample above the alias; ROWS is a limit', () => {
    expect(from('t TABLESAMPLE (10 PERCENT) x')).toMatchObject({
      kind: 'sample',
      fraction: 0.1,
      withReplacement: false,
      child: { kind: 'subqueryAlias', alias: 'x', child: { kind: 'unresolvedRelation' } },
    });
    expect(from('t TABLESAMPLE (BUCKET 1 OUT OF 4) REPEATABLE (7)')).toMatchObject({
      kind: 'sample',
      fraction: 0.25,
      seed: 7,
    });
    expectTree(from('t TABLESAMPLE (5 ROWS)'), { kind: 'limit', child: rel('t'), limit: 5 });
  });
});
