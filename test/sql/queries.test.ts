/**
 * Query shapes: SELECT clauses, result clauses, set operations, CTEs, named windows. The expected
 * plans mirror Spark 4.3's unresolved plans (`spark.sessionState.sqlParser.parsePlan`).
 */
import { describe, expect, it } from 'vitest';
import type { LogicalPlan } from '../../src/plan/logical-plan.js';
import { parseQuery, parseStatement } from '../../src/sql/parser.js';
import {
  as,
  asc,
  col,
  desc,
  expectTree,
  fn,
  int,
  ONE_ROW,
  op,
  ordinal,
  project,
  rel,
  star,
} from './sql-test-helpers.js';

const t = rel('t');

describe('SELECT', () => {
  it('without FROM reads the one-row relation', () => {
    expectTree(parseStatement('SELECT 1'), project(ONE_ROW, int(1)));
    expectTree(
      parseStatement('SELECT 1 WHERE true'),
      project(
        {
          kind: 'filter',
          child: ONE_ROW,
          condition: { kind: 'literal', value: true, dataType: { kind: 'boolean' } },
        },
        int(1),
      ),
    );
  });

  it('maps WHERE to Filter and the select list to Project (aggregates included)', () => {
    expectTree(
      parseStatement('SELECT a, sum(b) AS s FROM t WHERE a > 1'),
      project(
        { kind: 'filter', child: t, condition: op('greater_than', col('a'), int(1)) },
        col('a'),
        as(fn('sum', col('b')), 's'),
      ),
    );
  });

  it('stars, qualified stars and implicit aliases', () => {
    expectTree(
      parseStatement('SELECT *, t.*, a b, c AS `d e` FROM t'),
      project(t, star(), star('t'), as(col('a'), 'b'), as(col('c'), 'd e')),
    );
  });

  it('treats clause keywords as aliases when no clause can start there (as Spark does)', () => {
    expectTree(parseStatement('SELECT 1 from'), project(ONE_ROW, as(int(1), 'from')));
    expectTree(parseStatement('SELECT a where FROM t'), project(t, as(col('a'), 'where')));
    expectTree(
      parseStatement('SELECT a FROM t WHERE'),
      project({ kind: 'subqueryAlias', child: t, alias: 'WHERE' }, col('a')),
    );
    expectTree(parseStatement('SELECT a left FROM t'), project(t, as(col('a'), 'left')));
    expectTree(parseStatement('SELECT FROM t'), project(ONE_ROW, as(col('FROM'), 't')));
  });

  it('DISTINCT sits above the projection; ALL is the default', () => {
    expectTree(parseStatement('SELECT DISTINCT a FROM t'), { kind: 'distinct', child: project(t, col('a')) });
    expectTree(parseStatement('SELECT ALL a FROM t'), project(t, col('a')));
  });

  it('FROM t SELECT … and TABLE t', () => {
    expectTree(
      parseStatement('FROM t SELECT a WHERE a > 1'),
      project({ kind: 'filter', child: t, condition: op('greater_than', col('a'), int(1)) }, col('a')),
    );
    expectTree(parseStatement('TABLE db.t'), rel('db', 't'));
  });
});

describe('GROUP BY and HAVING', () => {
  it('GROUP BY → Aggregate with the select list; HAVING → Filter above it', () => {
    expectTree(parseStatement('SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1'), {
      kind: 'filter',
      child: {
        kind: 'aggregate',
        child: t,
        groupingExprs: [col('a')],
        aggregateExprs: [col('a'), fn('count', star())],
      },
      condition: op('greater_than', fn('count', star()), int(1)),
    });
  });

  it('HAVING without GROUP BY is a global aggregate', () => {
    expectTree(parseStatement('SELECT count(*) FROM t HAVING count(*) > 1'), {
      kind: 'filter',
      child: { kind: 'aggregate', child: t, groupingExprs: [], aggregateExprs: [fn('count', star())] },
      condition: op('greater_than', fn('count', star()), int(1)),
    });
  });

  it('integer literals are ordinals; GROUP BY ALL is the attribute ALL (as Spark)', () => {
    expectTree(parseStatement('SELECT a, b FROM t GROUP BY 1, 2 ORDER BY 2'), {
      kind: 'sort',
      child: {
        kind: 'aggregate',
        child: t,
        groupingExprs: [ordinal(1), ordinal(2)],
        aggregateExprs: [col('a'), col('b')],
      },
      order: [asc(ordinal(2))],
      global: true,
    });
    expect(parseStatement('SELECT a, count(*) FROM t GROUP BY ALL')).toMatchObject({
      kind: 'aggregate',
      groupingExprs: [{ kind: 'unresolvedAttribute', nameParts: ['ALL'] }],
    });
  });

  const sets = (sql: string) => {
    const p = parseStatement(sql);
    if (p.kind !== 'groupingSets') throw new Error(p.kind);
    return {
      exprs: p.groupingExprs.map((e) => (e.kind === 'unresolvedAttribute' ? e.nameParts.join('.') : e.kind)),
      sets: p.sets,
    };
  };

  it.each([
    ['GROUP BY ROLLUP(a, b)', ['a', 'b'], [[0, 1], [0], []]],
    ['GROUP BY CUBE(a, b)', ['a', 'b'], [[0, 1], [0], [1], []]],
    ['GROUP BY GROUPING SETS ((a, b), a, ())', ['a', 'b'], [[0, 1], [0], []]],
    ['GROUP BY a, ROLLUP(b, c)', ['a', 'b', 'c'], [[0, 1, 2], [0, 1], [0]]],
    ['GROUP BY ROLLUP((a, b), c)', ['a', 'b', 'c'], [[0, 1, 2], [0, 1], []]],
    ['GROUP BY a, b WITH ROLLUP', ['a', 'b'], [[0, 1], [0], []]],
    ['GROUP BY a, b WITH CUBE', ['a', 'b'], [[0, 1], [0], [1], []]],
    ['GROUP BY a, b GROUPING SETS ((a), (b))', ['a', 'b'], [[0], [1]]],
    ['GROUP BY CUBE(a), ROLLUP(b)', ['a', 'b'], [[0, 1], [0], [1], []]],
  ])('%s', (clause, exprs, expected) => {
    expect(sets(`SELECT a, sum(x) FROM t ${clause}`)).toEqual({ exprs, sets: expected });
  });

  it('GroupingSets keeps the select list as aggregateExprs', () => {
    expectTree(parseStatement('SELECT a, sum(x) FROM t GROUP BY ROLLUP(a)'), {
      kind: 'groupingSets',
      child: t,
      groupingExprs: [col('a')],
      sets: [[0], []],
      aggregateExprs: [col('a'), fn('sum', col('x'))],
    });
  });
});

describe('result clauses', () => {
  it('ORDER BY, LIMIT and OFFSET (Offset below Limit)', () => {
    expectTree(
      parseStatement(
        'SELECT DISTINCT a FROM t WHERE b > 1 ORDER BY a, b DESC, c NULLS LAST LIMIT 10 OFFSET 5',
      ),
      {
        kind: 'limit',
        limit: 10,
        child: {
          kind: 'offset',
          offset: 5,
          child: {
            kind: 'sort',
            global: true,
            order: [
              asc(col('a')),
              desc(col('b')),
              { kind: 'sortOrder', child: col('c'), ascending: true, nullsFirst: false },
            ],
            child: {
              kind: 'distinct',
              child: project(
                { kind: 'filter', child: t, condition: op('greater_than', col('b'), int(1)) },
                col('a'),
              ),
            },
          },
        },
      },
    );
  });

  it('SORT BY, DISTRIBUTE BY, CLUSTER BY', () => {
    expectTree(parseStatement('SELECT a FROM t SORT BY a DESC NULLS FIRST'), {
      kind: 'sort',
      child: project(t, col('a')),
      order: [{ kind: 'sortOrder', child: col('a'), ascending: false, nullsFirst: true }],
      global: false,
    });
    const repartition = {
      kind: 'repartition',
      child: project(t, col('a')),
      numPartitions: 200,
      partitionExprs: [col('a')],
      shuffle: true,
    };
    expectTree(parseStatement('SELECT a FROM t DISTRIBUTE BY a SORT BY b'), {
      kind: 'sort',
      child: repartition,
      order: [asc(col('b'))],
      global: false,
    });
    expectTree(parseStatement('SELECT a FROM t CLUSTER BY a'), {
      kind: 'sort',
      child: repartition,
      order: [asc(col('a'))],
      global: false,
    });
    expect(parseStatement('SELECT a FROM t DISTRIBUTE BY a', { shufflePartitions: 8 })).toMatchObject({
      numPartitions: 8,
    });
    expect(() => parseStatement('SELECT a FROM t ORDER BY a SORT BY a')).toThrow(
      '[_LEGACY_ERROR_TEMP_0011] Combination of ORDER BY/SORT BY/DISTRIBUTE BY/CLUSTER BY is not supported.',
    );
  });

  it('LIMIT takes constant integer expressions; LIMIT ALL is no limit', () => {
    expect(parseStatement('SELECT * FROM t LIMIT 1 + 1')).toMatchObject({ kind: 'limit', limit: 2 });
    expectTree(parseStatement('SELECT a FROM t LIMIT ALL'), project(t, col('a')));
    expect(() => parseStatement('SELECT * FROM t LIMIT a')).toThrow(
      '[INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE] The limit like expression "a" is invalid. The limit expression must evaluate to a constant value.',
    );
    expect(() => parseStatement('SELECT * FROM t LIMIT -1')).toThrow(
      '[INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE] The limit like expression "-1" is invalid. The limit expression must be equal to or greater than 0, but got -1.',
    );
    expect(() => parseStatement('SELECT * FROM t OFFSET -1')).toThrow(
      'The limit like expression "-1" is invalid. The offset expression must be equal to or greater than 0, but got -1.',
    );
    expect(() => parseStatement('SELECT * FROM t LIMIT 1.5')).toThrow(
      '[INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE] The limit like expression "1.5" is invalid. The limit expression must be integer type, but got "DECIMAL(2,1)".',
    );
  });
});

describe('set operations', () => {
  const q = (n: string) => project(rel(n), col(n));
  it('INTERSECT binds tighter; UNION is Distinct(Union); ORDER BY applies to the whole', () => {
    expectTree(
      parseStatement(
        'SELECT t FROM t UNION SELECT u FROM u UNION ALL SELECT v FROM v INTERSECT SELECT w FROM w ORDER BY 1',
      ),
      {
        kind: 'sort',
        global: true,
        order: [asc(ordinal(1))],
        child: {
          kind: 'union',
          byName: false,
          allowMissingColumns: false,
          children: [
            {
              kind: 'distinct',
              child: { kind: 'union', children: [q('t'), q('u')], byName: false, allowMissingColumns: false },
            },
            { kind: 'setOperation', op: 'intersect', all: false, left: q('v'), right: q('w') },
          ],
        },
      },
    );
  });

  it('UNION ALL chains are flattened; EXCEPT / MINUS are left-associative', () => {
    expectTree(parseQuery('SELECT t FROM t UNION ALL SELECT u FROM u UNION ALL SELECT v FROM v'), {
      kind: 'union',
      children: [q('t'), q('u'), q('v')],
      byName: false,
      allowMissingColumns: false,
    });
    expectTree(parseQuery('SELECT t FROM t EXCEPT ALL SELECT u FROM u MINUS SELECT v FROM v'), {
      kind: 'setOperation',
      op: 'except',
      all: false,
      left: { kind: 'setOperation', op: 'except', all: true, left: q('t'), right: q('u') },
      right: q('v'),
    });
  });

  it('parenthesised queries', () => {
    expectTree(parseStatement('(SELECT 1) UNION (SELECT 2)'), {
      kind: 'distinct',
      child: {
        kind: 'union',
        children: [project(ONE_ROW, int(1)), project(ONE_ROW, int(2))],
        byName: false,
        allowMissingColumns: false,
      },
    });
    expect(parseStatement('((SELECT a FROM t ORDER BY a LIMIT 1))')).toMatchObject({
      kind: 'limit',
      limit: 1,
    });
  });
});

describe('WITH', () => {
  it('CTEs with and without column lists', () => {
    expectTree(parseStatement('WITH x (a, b) AS (SELECT 1, 2), y AS (SELECT * FROM x) SELECT * FROM y'), {
      kind: 'with',
      child: project(rel('y'), star()),
      ctes: [
        { name: 'x', plan: project(ONE_ROW, int(1), int(2)), columnAliases: ['a', 'b'] },
        { name: 'y', plan: project(rel('x'), star()) },
      ],
    });
  });
  it('WITH inside a subquery', () => {
    const p = parseStatement('SELECT * FROM (WITH c AS (SELECT 1 AS n) SELECT n FROM c) s');
    expect(p).toMatchObject({
      kind: 'project',
      child: { kind: 'subqueryAlias', alias: 's', child: { kind: 'with' } },
    });
  });
});

describe('named windows', () => {
  const spec = { partitionSpec: [col('b')], orderSpec: [asc(col('c'))] };
  it('OVER w takes its spec from the WINDOW clause, references between windows included', () => {
    const plan = parseStatement(
      'SELECT sum(a) OVER w, rank() OVER (w2) FROM t WINDOW w AS (PARTITION BY b ORDER BY c), w2 AS w',
    ) as Extract<LogicalPlan, { kind: 'project' }>;
    expectTree(plan.projectList, [
      { kind: 'windowExpression', fn: fn('sum', col('a')), spec },
      { kind: 'windowExpression', fn: fn('rank'), spec },
    ]);
  });
  it('a name missing from the WINDOW clause fails like Spark', () => {
    expect(() => parseStatement('SELECT sum(a) OVER w FROM t WINDOW x AS (ORDER BY a)')).toThrow(
      '[MISSING_WINDOW_SPECIFICATION] Window specification is not defined in the WINDOW clause for w.',
    );
    expect(() => parseStatement('SELECT sum(a) OVER w FROM t')).toThrow('MISSING_WINDOW_SPECIFICATION');
  });
  it('windows of a subquery are its own', () => {
    const p = parseStatement(
      'SELECT (SELECT max(x) OVER v FROM u WINDOW v AS (ORDER BY x) LIMIT 1) AS m, sum(a) OVER w FROM t WINDOW w AS (ORDER BY a)',
    );
    expect(p).toMatchObject({
      kind: 'project',
      projectList: [{ kind: 'alias' }, { kind: 'windowExpression' }],
    });
  });
});
