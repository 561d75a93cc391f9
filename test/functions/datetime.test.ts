/**
 * Datetime functions end to end through SQL and the DataFrame API. datetime-spark-cases.json holds
 * what pyspark 4.3.0 returned for `SELECT <sql>` (column name, type, value as
 * `CAST(result AS STRING)`, or the error class) with the session time zone set to UTC or
 * America/Los_Angeles, in legacy and ANSI mode.
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../../src/expr/functions/datetime.js';
import { col, lit as litCol } from '../../src/dataframe/column.js';
import * as D from '../../src/dataframe/functions/datetime.js';
import { Session } from '../../src/index.js';
import { simpleString } from '../../src/types/data-type.js';
import cases from './datetime-spark-cases.json' with { type: 'json' };

const spark = Session.builder().master('local[1]').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

type Case = {
  sql: string;
  tz: string;
  ansi: boolean;
  name?: string;
  type?: string;
  str?: string | null;
  error?: string;
};

async function run(c: Case): Promise<string> {
  spark.conf.set('spark.sql.session.timeZone', c.tz);
  spark.conf.set('spark.sql.ansi.enabled', c.ansi ? 'true' : 'false');
  try {
    const df = spark.sql(`SELECT ${c.sql}`);
    const rows = await spark.sql(`SELECT CAST((${c.sql}) AS STRING)`).collect();
    return `${df.columns[0]} | ${simpleString(df.schema.fields[0]!.dataType)} | ${JSON.stringify(rows[0]!.get(0))}`;
  } catch (e) {
    return `ERR ${(e as { errorClass?: string }).errorClass ?? (e as Error).message}`;
  } finally {
    spark.conf.set('spark.sql.session.timeZone', 'UTC');
    spark.conf.set('spark.sql.ansi.enabled', 'false');
  }
}

describe('datetime functions match pyspark 4.3.0', () => {
  const all = cases.cases as Case[];
  const groups = new Map<string, Case[]>();
  for (const c of all) {
    const fn = /^[a-z_]+/.exec(c.sql)?.[0] ?? c.sql;
    const key = `${fn} (${c.tz}${c.ansi ? ', ansi' : ''})`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [key, group] of groups) {
    it(key, async () => {
      const got: string[] = [];
      for (const c of group) got.push(`${c.sql} => ${await run(c)}`);
      const want = group.map(
        (c) =>
          `${c.sql} => ${c.error ? `ERR ${c.error}` : `${c.name} | ${c.type} | ${JSON.stringify(c.str)}`}`,
      );
      expect(got).toEqual(want);
    });
  }

  it('keeps current_timestamp() constant within a query and current_date() in the session zone', async () => {
    const [row] = await spark
      .sql(
        'SELECT current_timestamp() = now() AS same, current_date() = CAST(current_timestamp() AS DATE) AS today',
      )
      .collect();
    expect(row!.toArray()).toEqual([true, true]);
  });
});

describe('PySpark-style datetime functions', () => {
  const events = () =>
    spark.createDataFrame(
      [
        ['2024-03-10 01:30:00', '10/03/2024', 1710066645],
        ['2024-11-03 01:30:00', '03/11/2024', 0],
        [null, 'bad', null],
      ],
      's STRING, d STRING, secs BIGINT',
    );

  it('names columns like PySpark', () => {
    const df = events().select(
      D.toTimestamp('s'),
      D.toTimestamp('d', 'dd/MM/yyyy'),
      D.to_date('d', 'dd/MM/yyyy'),
      D.dateFormat('s', 'yyyy'),
      D.year('s'),
      D.unixTimestamp('s'),
      D.fromUnixtime('secs'),
      D.monthsBetween('s', 's'),
      D.dateTrunc('hour', 's'),
      D.dateAdd('s', 1),
      D.fromUtcTimestamp('s', 'America/Los_Angeles'),
      D.currentTimestamp(),
    );
    // Column names from pyspark 4.3.0 for the same calls.
    expect(df.columns).toEqual([
      'to_timestamp(s)',
      'to_timestamp(d, dd/MM/yyyy)',
      'to_date(d, dd/MM/yyyy)',
      'date_format(s, yyyy)',
      'year(s)',
      'unix_timestamp(s, yyyy-MM-dd HH:mm:ss)',
      'from_unixtime(secs, yyyy-MM-dd HH:mm:ss)',
      'months_between(s, s, true)',
      'date_trunc(hour, s)',
      'date_add(s, 1)',
      'from_utc_timestamp(s, America/Los_Angeles)',
      'current_timestamp()',
    ]);
  });

  it('names defaulted and literal arguments like PySpark', () => {
    const one = spark.range(1);
    const df = one.select(
      D.unixTimestamp(),
      D.currentDate(),
      D.nextDay(litCol('2024-03-10'), 'Mon'),
      D.makeTimestamp(litCol(2024), litCol(3), litCol(10), litCol(2), litCol(30), litCol(1.5)),
      D.trunc(litCol('2024-03-10'), 'MM'),
      D.weekofyear(litCol('2024-03-10')),
      D.timestampSeconds(litCol(1)),
      D.tryToTimestamp(litCol('x')),
    );
    // pyspark 4.3.0 column names for the same calls
    expect(df.columns).toEqual([
      'unix_timestamp(current_timestamp(), yyyy-MM-dd HH:mm:ss)',
      'current_date()',
      'next_day(2024-03-10, Mon)',
      'make_timestamp(2024, 3, 10, 2, 30, 1.5)',
      'trunc(2024-03-10, MM)',
      'weekofyear(2024-03-10)',
      'timestamp_seconds(1)',
      'try_to_timestamp(x)',
    ]);
  });

  it('computes in the session time zone across DST', async () => {
    spark.conf.set('spark.sql.session.timeZone', 'America/Los_Angeles');
    try {
      const df = events().select(
        D.unixTimestamp('s').alias('u'),
        D.hour(D.toTimestamp('s')).alias('h'),
        D.dateFormat(D.toTimestamp('s'), 'yyyy-MM-dd HH:mm z').alias('f'),
        D.fromUnixtime(col('secs'), 'yyyy-MM-dd HH:mm:ss').alias('fu'),
        D.toDate('d', 'dd/MM/yyyy').cast('string').alias('td'),
      );
      const rows = (await df.collect()).map((r) => r.toArray());
      // pyspark 4.3.0 (ANSI off) with spark.sql.session.timeZone=America/Los_Angeles
      expect(rows).toEqual([
        [1710063000, 1, '2024-03-10 01:30 PST', '2024-03-10 03:30:45', '2024-03-10'],
        [1730622600, 1, '2024-11-03 01:30 PDT', '1969-12-31 16:00:00', '2024-11-03'],
        [null, null, null, null, null],
      ]);
    } finally {
      spark.conf.set('spark.sql.session.timeZone', 'UTC');
    }
  });
});
