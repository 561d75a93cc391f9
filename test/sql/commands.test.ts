/**
 * Commands: `{ kind: 'command', name, args }` with the args documented in statement-parser.ts.
 */
import { describe, expect, it } from 'vitest';
import type { LogicalPlan } from '../../src/plan/logical-plan.js';
import {
  parseExpression,
  parseMultipartIdentifier,
  parseQuery,
  parseStatement,
  parseTableIdentifier,
} from '../../src/sql/parser.js';
import { atomicType, structField, structType } from '../../src/types/data-type.js';
import { col, expectTree, int, ONE_ROW, project, rel, star } from './sql-test-helpers.js';

function cmd(sql: string): { name: string; args: Record<string, unknown> } {
  const p = parseStatement(sql);
  if (p.kind !== 'command') throw new Error(`not a command: ${p.kind}`);
  return { name: p.name, args: p.args as Record<string, unknown> };
}
const selectOne: LogicalPlan = project(ONE_ROW, int(1));

describe('views and tables', () => {
  it('CREATE [OR REPLACE] [GLOBAL] TEMP VIEW', () => {
    expectTree(cmd('CREATE OR REPLACE TEMP VIEW v AS SELECT 1'), {
      name: 'createView',
      args: {
        name: ['v'],
        replace: true,
        temporary: true,
        global: false,
        ifNotExists: false,
        properties: {},
        query: selectOne,
        sqlText: 'SELECT 1',
      },
    });
    expect(cmd("CREATE GLOBAL TEMPORARY VIEW db.v (x COMMENT 'the x', y) AS SELECT 1, 2").args).toMatchObject(
      {
        name: ['db', 'v'],
        global: true,
        temporary: true,
        replace: false,
        columns: [{ name: 'x', comment: 'the x' }, { name: 'y' }],
      },
    );
    expect(cmd("CREATE VIEW IF NOT EXISTS v COMMENT 'c' AS SELECT 1").args).toMatchObject({
      temporary: false,
      ifNotExists: true,
      comment: 'c',
    });
  });

  it('CREATE TABLE with columns, provider, options, partitioning, location', () => {
    expectTree(
      cmd(
        "CREATE TABLE IF NOT EXISTS db.t (a INT NOT NULL, b STRING COMMENT 'bee') USING parquet OPTIONS (path '/x', 'k.v' = 1, flag true) PARTITIONED BY (b) LOCATION '/tmp/t' COMMENT 'tbl' TBLPROPERTIES ('p' = 'q')",
      ),
      {
        name: 'createTable',
        args: {
          name: ['db', 't'],
          replace: false,
          external: false,
          ifNotExists: true,
          schema: structType([
            structField('a', atomicType('integer'), false),
            structField('b', atomicType('string'), true, { comment: 'bee' }),
          ]),
          provider: 'parquet',
          options: { path: '/x', 'k.v': '1', flag: 'true' },
          partitionBy: ['b'],
          location: '/tmp/t',
          comment: 'tbl',
          properties: { p: 'q' },
        },
      },
    );
  });

  it('CREATE TABLE … AS query, REPLACE TABLE, Hive STORED AS and typed partitions, LIKE', () => {
    expect(cmd('CREATE TABLE t USING json AS SELECT 1').args).toMatchObject({
      provider: 'json',
      query: selectOne,
    });
    expect(cmd('CREATE OR REPLACE TABLE t USING csv AS SELECT 1').args).toMatchObject({
      replace: true,
      provider: 'csv',
    });
    expect(cmd('REPLACE TABLE t USING csv AS SELECT 1').args).toMatchObject({ replace: true });
    expect(
      cmd('CREATE EXTERNAL TABLE t (a INT) STORED AS PARQUET PARTITIONED BY (p STRING)').args,
    ).toMatchObject({
      external: true,
      provider: 'parquet',
      partitionBy: ['p'],
      schema: structType([structField('a', atomicType('integer')), structField('p', atomicType('string'))]),
    });
    expectTree(cmd('CREATE TABLE t2 LIKE t USING parquet'), {
      name: 'createTableLike',
      args: { name: ['t2'], source: ['t'], ifNotExists: false, provider: 'parquet' },
    });
  });

  it('DROP TABLE / VIEW / DATABASE, CREATE DATABASE', () => {
    expectTree(cmd('DROP TABLE IF EXISTS db.t PURGE'), {
      name: 'dropTable',
      args: { name: ['db', 't'], ifExists: true, purge: true },
    });
    expectTree(cmd('DROP VIEW v'), { name: 'dropView', args: { name: ['v'], ifExists: false } });
    expectTree(cmd('DROP SCHEMA IF EXISTS s CASCADE'), {
      name: 'dropDatabase',
      args: { name: ['s'], ifExists: true, cascade: true },
    });
    expectTree(cmd("CREATE DATABASE IF NOT EXISTS d COMMENT 'x' LOCATION '/d'"), {
      name: 'createDatabase',
      args: { name: ['d'], ifNotExists: true, comment: 'x', location: '/d', properties: {} },
    });
  });
});

describe('SHOW and DESCRIBE', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['SHOW TABLES', 'showTables', {}],
    ["SHOW TABLES IN db LIKE 'x*'", 'showTables', { database: ['db'], pattern: 'x*' }],
    ["SHOW TABLES 'x*'", 'showTables', { pattern: 'x*' }],
    ['SHOW VIEWS FROM db', 'showViews', { database: ['db'] }],
    ['SHOW DATABASES', 'showDatabases', {}],
    ['SHOW COLUMNS IN t FROM db', 'showColumns', { name: ['t'], database: ['db'] }],
    ['SHOW COLUMNS FROM db.t', 'showColumns', { name: ['db', 't'] }],
    ['SHOW FUNCTIONS', 'showFunctions', { scope: 'all' }],
    ["SHOW USER FUNCTIONS LIKE 'a*'", 'showFunctions', { scope: 'user', pattern: 'a*' }],
    ['SHOW SYSTEM FUNCTIONS abs', 'showFunctions', { scope: 'system', pattern: 'abs' }],
    ['SHOW CREATE TABLE t', 'showCreateTable', { name: ['t'] }],
    ['DESCRIBE t', 'describe', { name: ['t'], extended: false, formatted: false }],
    ['DESC TABLE EXTENDED db.t', 'describe', { name: ['db', 't'], extended: true, formatted: false }],
    ['DESCRIBE EXTENDED TABLE t', 'describe', { name: ['t'], extended: true, formatted: false }],
    ['DESCRIBE FORMATTED t a', 'describe', { name: ['t'], extended: false, formatted: true, column: ['a'] }],
    [
      'DESCRIBE t PARTITION (p = 1)',
      'describe',
      { name: ['t'], extended: false, formatted: false, partition: [{ name: 'p', value: '1' }] },
    ],
    ['DESCRIBE FUNCTION EXTENDED upper', 'describeFunction', { name: ['upper'], extended: true }],
    ['DESCRIBE DATABASE d', 'describeDatabase', { name: ['d'], extended: false }],
  ])('%s', (sql, name, args) => {
    expectTree(cmd(sql), { name, args });
  });

  it('DESCRIBE of a query', () => {
    expectTree(cmd('DESCRIBE SELECT * FROM t'), {
      name: 'describe',
      args: { query: project(rel('t'), star()), extended: false, formatted: false },
    });
    expectTree(cmd('DESCRIBE QUERY SELECT 1'), {
      name: 'describe',
      args: { query: selectOne, extended: false, formatted: false },
    });
  });
});

describe('EXPLAIN and SET', () => {
  it('EXPLAIN [mode] statement', () => {
    expectTree(cmd('EXPLAIN SELECT 1'), { name: 'explain', args: { mode: 'simple', statement: selectOne } });
    expect(cmd('EXPLAIN EXTENDED SELECT 1').args.mode).toBe('extended');
    expect(cmd('EXPLAIN FORMATTED SELECT 1').args.mode).toBe('formatted');
    expect(cmd('EXPLAIN CODEGEN SELECT 1').args.mode).toBe('codegen');
    expect(cmd('EXPLAIN COST SELECT 1').args.mode).toBe('cost');
    expect(cmd('EXPLAIN SHOW TABLES').args.statement).toMatchObject({ kind: 'command', name: 'showTables' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['SET', {}],
    ['SET;', {}],
    ['SET -v', { verbose: true }],
    ['SET spark.sql.shuffle.partitions', { key: 'spark.sql.shuffle.partitions' }],
    ['SET spark.sql.shuffle.partitions=10', { key: 'spark.sql.shuffle.partitions', value: '10' }],
    ['SET spark.x.y = some value here ', { key: 'spark.x.y', value: 'some value here' }],
    ['SET `a b`=1', { key: 'a b', value: '1' }],
    ['SET a=`x y`', { key: 'a', value: 'x y' }],
    ['SET a=', { key: 'a', value: '' }],
    ["SET TIME ZONE 'America/New_York'", { key: 'spark.sql.session.timeZone', value: 'America/New_York' }],
  ])('%s', (sql, args) => {
    expectTree(cmd(sql), { name: 'set', args });
  });

  it('SET TIME ZONE LOCAL, RESET, and bad SET syntax', () => {
    expect(cmd('SET TIME ZONE LOCAL').args).toMatchObject({ key: 'spark.sql.session.timeZone' });
    expectTree(cmd('RESET'), { name: 'reset', args: {} });
    expectTree(cmd('RESET spark.sql.shuffle.partitions'), {
      name: 'reset',
      args: { key: 'spark.sql.shuffle.partitions' },
    });
    expect(() => cmd('SET a b')).toThrow(
      "[INVALID_SET_SYNTAX] Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, or include semicolon in value, please use backquotes, e.g., SET `key`=`value`.",
    );
  });
});

describe('cache, repair, refresh, insert, use', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['CACHE TABLE t', 'cacheTable', { name: ['t'], lazy: false, options: {} }],
    [
      "CACHE LAZY TABLE t OPTIONS ('storageLevel' 'DISK_ONLY') AS SELECT 1",
      'cacheTable',
      { name: ['t'], lazy: true, options: { storageLevel: 'DISK_ONLY' }, query: selectOne },
    ],
    ['CACHE TABLE t SELECT 1', 'cacheTable', { name: ['t'], lazy: false, options: {}, query: selectOne }],
    ['UNCACHE TABLE IF EXISTS t', 'uncacheTable', { name: ['t'], ifExists: true }],
    ['CLEAR CACHE', 'clearCache', {}],
    ['MSCK REPAIR TABLE t', 'msckRepair', { name: ['t'], mode: 'add' }],
    ['MSCK REPAIR TABLE db.t SYNC PARTITIONS', 'msckRepair', { name: ['db', 't'], mode: 'sync' }],
    ['REFRESH TABLE db.t', 'refreshTable', { name: ['db', 't'] }],
    ["REFRESH '/data/x'", 'refreshResource', { path: '/data/x' }],
    ['USE db', 'useDatabase', { name: ['db'] }],
    ['USE DATABASE db', 'useDatabase', { name: ['db'] }],
    ['TRUNCATE TABLE t', 'truncateTable', { name: ['t'] }],
  ])('%s', (sql, name, args) => {
    expectTree(cmd(sql), { name, args });
  });

  it('INSERT INTO / OVERWRITE with partitions, column lists and BY NAME', () => {
    expectTree(cmd('INSERT INTO t VALUES (1, 2)'), {
      name: 'insertInto',
      args: {
        name: ['t'],
        overwrite: false,
        ifNotExists: false,
        byName: false,
        query: { kind: 'inlineTable', names: [], rows: [[int(1), int(2)]] },
      },
    });
    expectTree(cmd("INSERT OVERWRITE TABLE t PARTITION (p = 1, q = 'x', r) SELECT * FROM u"), {
      name: 'insertInto',
      args: {
        name: ['t'],
        overwrite: true,
        partition: [
          { name: 'p', value: '1' },
          { name: 'q', value: 'x' },
          { name: 'r', value: null },
        ],
        ifNotExists: false,
        byName: false,
        query: project(rel('u'), star()),
      },
    });
    expect(cmd('INSERT INTO t (a, b) SELECT x, y FROM u').args).toMatchObject({ columns: ['a', 'b'] });
    expect(cmd('INSERT INTO t (SELECT a FROM u)').args).toMatchObject({ query: project(rel('u'), col('a')) });
    expect(cmd('INSERT INTO TABLE t BY NAME SELECT 1 AS a').args).toMatchObject({ byName: true });
    expect(cmd('INSERT INTO t TABLE u').args).toMatchObject({ query: rel('u') });
  });
});

describe('queries as statements', () => {
  it('trailing semicolons are allowed', () => {
    expectTree(parseStatement('SELECT 1;;'), selectOne);
  });
});

describe('entry points', () => {
  it('parseTableIdentifier / parseMultipartIdentifier', () => {
    expect(parseTableIdentifier('db.t')).toEqual(['db', 't']);
    expect(parseMultipartIdentifier('a.`b.c`.`d``e`')).toEqual(['a', 'b.c', 'd`e']);
    expect(() => parseTableIdentifier('db.t x')).toThrow(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'x': extra input 'x'. (line 1, pos 5)",
    );
    expect(() => parseTableIdentifier('')).toThrow('PARSE_EMPTY_STATEMENT');
  });

  it('parseQuery accepts queries only', () => {
    expectTree(parseQuery('SELECT 1'), selectOne);
    expect(() => parseQuery('SHOW TABLES')).toThrow(
      "[PARSE_SYNTAX_ERROR] Syntax error at or near 'SHOW'. (line 1, pos 0)",
    );
  });

  it("IDENTIFIER('…') names a column, a function or a table", () => {
    expectTree(parseExpression("IDENTIFIER('t.a')"), col('t', 'a'));
    expectTree(parseExpression("IDENTIFIER('abs')(-1)"), {
      kind: 'unresolvedFunction',
      name: 'abs',
      args: [int(-1)],
    });
    expectTree(parseStatement("SELECT * FROM IDENTIFIER('db.t')"), project(rel('db', 't'), star()));
  });
});
