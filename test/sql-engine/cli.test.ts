/**
 * `sluice sql`, spawned as a user runs it: tables from folders (format from the file extensions or
 * --format-of), statements from the command line, a script file or standard input, results as
 * Spark's table / JSON lines / CSV, and errors as a message on stderr with exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';

const BIN = resolve(import.meta.dirname, '../../bin/sluice.js');
const dir = mkdtempSync(join(tmpdir(), 'sluice-sql-cli-'));
const people = join(dir, 'people');
const events = join(dir, 'events');

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, 'sql', '--master', 'local[2]', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    ...(input !== undefined ? { input } : {}),
    env: { ...process.env, SLUICE_SQL_HISTORY: join(dir, 'history') },
  });
}

beforeAll(async () => {
  const spark = Session.builder().master('local[1]').getOrCreate();
  const df = spark.createDataFrame(
    [
      ['Harry', 'Gryffindor', 7],
      ['Hermione', 'Gryffindor', 10],
      ['Draco', 'Slytherin', 4],
      ['Luna', 'Ravenclaw', null],
    ],
    'name STRING, house STRING, score INT',
  );
  await df.write.parquet(people);
  await df.write.partitionBy('house').json(events);
  spark.stop();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sluice sql', () => {
  it('runs a query over a folder registered with --table and prints Spark’s table', () => {
    const r = run([
      '--table',
      `people=${people}`,
      'SELECT house, count(*) AS n FROM people GROUP BY house ORDER BY house',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      [
        '+----------+---+',
        '|house     |n  |',
        '+----------+---+',
        '|Gryffindor|2  |',
        '|Ravenclaw |1  |',
        '|Slytherin |1  |',
        '+----------+---+',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON lines and CSV', () => {
    const json = run([
      '--format',
      'json',
      '--table',
      `p=${people}`,
      'SELECT name, score FROM p WHERE score > 5 ORDER BY name',
    ]);
    expect(json.stdout).toBe('{"name":"Harry","score":7}\n{"name":"Hermione","score":10}\n');
    const csv = run(['--format', 'csv', '--table', `p=${people}`, 'SELECT name, score FROM p ORDER BY name']);
    expect(csv.stdout).toBe('name,score\nDraco,4\nHarry,7\nHermione,10\nLuna,\n');
  });

  it('takes the format from --format-of and partition folders from the layout', () => {
    const r = run([
      '--format-of',
      `e=json`,
      '--table',
      `e=${events}`,
      '--format',
      'csv',
      'SELECT house, sum(score) AS total FROM e GROUP BY house ORDER BY house',
    ]);
    expect(r.stdout).toBe('house,total\nGryffindor,17\nRavenclaw,\nSlytherin,4\n');
  });

  it('reads statements from standard input, CREATE TABLE and MSCK REPAIR included', () => {
    const script = [
      `CREATE TABLE ev USING json LOCATION '${events}';`,
      'SELECT count(*) AS before FROM ev;',
      'MSCK REPAIR TABLE ev;',
      '-- a comment; with a semicolon',
      "SELECT count(*) AS after FROM ev WHERE house <> 'x;y';",
      'SHOW TABLES',
    ].join('\n');
    const r = run(['--format', 'csv'], script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('before\n0\nafter\n4\nnamespace,tableName,isTemporary\ndefault,ev,false\n');
  });

  it('runs CREATE TABLE … AS SELECT and INSERT INTO, which write files', () => {
    const out = join(dir, 'ctas');
    const script = [
      `CREATE TABLE best USING parquet LOCATION '${out}' AS SELECT name, score FROM p WHERE score > 5;`,
      "INSERT INTO best VALUES ('Ginny', 8);",
      'SELECT name, score FROM best ORDER BY score DESC;',
    ].join('\n');
    const r = run(['--format', 'csv', '--table', `p=${people}`], script);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('name,score\nHermione,10\nGinny,8\nHarry,7\n');
  });

  it('runs a script file', () => {
    const file = join(dir, 'script.sql');
    writeFileSync(file, "SELECT 1 AS one;\nSELECT 'a;b' AS s;\n");
    expect(run(['--format', 'csv', '-f', file]).stdout).toBe('one\n1\ns\na;b\n');
  });

  it('reports errors with their Spark error class and exits with 1', () => {
    const r = run(['--table', `p=${people}`, 'SELECT nme FROM p']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'Error: [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name `nme`',
    );
    const stdin = run(['--format', 'csv'], 'SELECT 1 AS a;\nSELECT * FROM missing;\nSELECT 2 AS b;\n');
    expect(stdin.status).toBe(1);
    expect(stdin.stdout).toBe('a\n1\nb\n2\n');
    expect(stdin.stderr).toContain('[TABLE_OR_VIEW_NOT_FOUND]');
    const bad = run(['--format', 'xml', 'SELECT 1']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--format must be table, json or csv');
  });
});
