/**
 * Parse errors against real Spark: fixtures/parse-errors.json holds what pyspark's parser says for
 * each statement of parse-error-cases.json (regenerate with `python3 test/sql/generate-parse-errors.py`).
 * The message (class, text, line and position) must be identical, except for the documented
 * divergences below: cases where Spark's generated parser reports the token where its adaptive
 * prediction started, or accepts odd text (`SELECT CASE END` is a column CASE aliased END).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/sql/parser.js';
import { errorOf } from './sql-test-helpers.js';

interface Case {
  sql: string;
  spark: string;
}
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/parse-errors.json', import.meta.url), 'utf8'),
) as {
  cases: Case[];
};

const KNOWN_DIVERGENCES: Record<string, string> = {
  'SELECT a FROM t WHERE a IN (1, 2': 'Spark: "at or near end of input: extra input end of input"',
  'SELECT a FROM t GROUP BY a HAVING': 'Spark omits the (line, pos) suffix for this one',
  'SELECT a FROM t GROUP BY a ORDER': 'Spark omits the (line, pos) suffix for this one',
  'SELECT CASE END': 'Spark reads a column CASE aliased END',
  'SELECT 1 AS': 'Spark reads an alias named AS',
  'SELECT * FROM (SELECT 1) AS': 'Spark reads an alias named AS',
  'SELECT a FROM t WHERE NOT': 'Spark reads a column NOT',
  'SELECT a FROM t ORDER BY a DESC NULLS': 'Spark reports the ORDER keyword',
  'SELECT sum(a) OVER (PARTITION a) FROM t': "Spark reports the '(' after OVER",
  'SELECT a FROM t WHERE EXISTS (SELECT 1': "Spark reports the '(' after EXISTS",
};

function outcome(sql: string): string {
  try {
    parseStatement(sql);
    return 'OK';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('parse errors match pyspark', () => {
  const cases = fixture.cases.filter((c) => !(c.sql in KNOWN_DIVERGENCES));
  it.each(cases.map((c) => [JSON.stringify(c.sql), c] as const))('%s', (_name, c) => {
    expect(outcome(c.sql)).toBe(c.spark);
  });

  it('every documented divergence is still in the fixture and still diverges', () => {
    for (const sql of Object.keys(KNOWN_DIVERGENCES)) {
      const c = fixture.cases.find((x) => x.sql === sql);
      expect(c, sql).toBeDefined();
      expect(outcome(sql), sql).not.toBe(c!.spark);
    }
  });
});

describe('error values', () => {
  it('syntax errors carry line, pos and the offset of the offending token', () => {
    const e = errorOf(() => parseStatement('SELECT a\nFROM t\nWHERE a = = 1'));
    expect(e.name).toBe('ParseException');
    expect(e.errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(e.context).toEqual({ line: 3, pos: 10, offset: 26 });
  });

  it('tree-building errors carry the fragment instead', () => {
    const e = errorOf(() => parseStatement("SELECT DATE '2024-13-01' AS d"));
    expect(e.errorClass).toBe('INVALID_TYPED_LITERAL');
    expect(e.context).toMatchObject({ fragment: "DATE '2024-13-01'", startIndex: 7, stopIndex: 23 });
  });

  it('data type errors point into the statement, not into the type text', () => {
    const e = errorOf(() => parseStatement('SELECT CAST(a AS array<int x>) FROM t'));
    expect(e.message).toBe("[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'. (line 1, pos 27)");
    const u = errorOf(() => parseStatement('SELECT CAST(a AS foo) FROM t'));
    expect(u.message).toBe('[UNSUPPORTED_DATATYPE] Unsupported data type "FOO".');
    expect(u.context).toMatchObject({ fragment: 'foo', startIndex: 17 });
  });

  it('statements Spark has but Sluice does not parse say so', () => {
    expect(() => parseStatement('ALTER TABLE t ADD COLUMN x INT')).toThrow(
      '[UNSUPPORTED_FEATURE] The feature is not supported: ALTER statements.',
    );
  });
});
