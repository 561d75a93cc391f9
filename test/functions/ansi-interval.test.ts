/**
 * ANSI interval literals and arithmetic (INTERVAL DAY … TO SECOND, INTERVAL YEAR TO MONTH):
 * types, column names and text exactly as pyspark 4.3.0 prints them for the same expressions.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';
import { treeString } from '../../src/types/schema-tree.js';

const spark = Session.builder().master('local').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

/** [column name, type, value text] for each expression, selected from a one-row table. */
async function describeAll(exprs: string[], timeZone = 'UTC'): Promise<[string, string, string][]> {
  spark.conf.set('spark.sql.session.timeZone', timeZone);
  try {
    const df = spark.createDataFrame([[1]], 'a INT').selectExpr(...exprs);
    const tree = treeString(df.schema)
      .split('\n')
      .slice(1)
      .filter((l) => l.startsWith(' |-- '));
    const row = (
      await df
        .selectExpr(...df.schema.fields.map((_, i) => `cast(\`${df.schema.fields[i]!.name}\` AS STRING)`))
        .collect()
    )[0]!.toArray();
    return tree.map((l, i) => {
      const m = /^ \|-- (.*): (.*) \(nullable = (?:true|false)\)$/.exec(l)!;
      return [m[1]!, m[2]!, String(row[i])];
    });
  } finally {
    spark.conf.set('spark.sql.session.timeZone', 'UTC');
  }
}

describe('ANSI interval literals', () => {
  it('are typed by the units written', async () => {
    expect(
      await describeAll([
        'INTERVAL 3 DAYS',
        'INTERVAL 1 DAY + INTERVAL 2 HOURS',
        'INTERVAL 1.5 SECONDS',
        'INTERVAL 14 MONTHS',
        "INTERVAL '-1 02:03:04.123' DAY TO SECOND",
        'INTERVAL 1 WEEK',
        '-INTERVAL 3 DAYS',
        "INTERVAL '-1-2' YEAR TO MONTH",
      ]),
    ).toEqual([
      ["INTERVAL '3' DAY", 'interval day', "INTERVAL '3' DAY"],
      ["(INTERVAL '1' DAY + INTERVAL '02' HOUR)", 'interval day to hour', "INTERVAL '1 02' DAY TO HOUR"],
      ["INTERVAL '01.5' SECOND", 'interval second', "INTERVAL '01.5' SECOND"],
      ["INTERVAL '14' MONTH", 'interval month', "INTERVAL '14' MONTH"],
      [
        "INTERVAL '-1 02:03:04.123' DAY TO SECOND",
        'interval day to second',
        "INTERVAL '-1 02:03:04.123' DAY TO SECOND",
      ],
      ["INTERVAL '7' DAY", 'interval day', "INTERVAL '7' DAY"],
      ["(- INTERVAL '3' DAY)", 'interval day', "INTERVAL '-3' DAY"],
      ["INTERVAL '-1-2' YEAR TO MONTH", 'interval year to month', "INTERVAL '-1-2' YEAR TO MONTH"],
    ]);
  });

  it('cannot mix year-month and day-time units', () => {
    expect(() => spark.createDataFrame([[1]], 'a INT').selectExpr('INTERVAL 1 MONTH 2 DAYS')).toThrow(
      'MIXED_INTERVAL_UNITS',
    );
  });
});

describe('datetime and interval arithmetic', () => {
  it('subtracts dates and timestamps into day-time intervals', async () => {
    expect(
      await describeAll([
        "DATE'2024-01-01' - DATE'2024-03-01'",
        "TIMESTAMP'2024-01-02 00:00:00' - TIMESTAMP'2024-01-01 12:00:00.5'",
        "TIMESTAMP'2024-01-01 00:00:00' - TIMESTAMP'2024-01-02 12:00:00'",
      ]),
    ).toEqual([
      ["(DATE '2024-01-01' - DATE '2024-03-01')", 'interval day', "INTERVAL '-60' DAY"],
      [
        "(TIMESTAMP '2024-01-02 00:00:00' - TIMESTAMP '2024-01-01 12:00:00.5')",
        'interval day to second',
        "INTERVAL '0 11:59:59.5' DAY TO SECOND",
      ],
      [
        "(TIMESTAMP '2024-01-01 00:00:00' - TIMESTAMP '2024-01-02 12:00:00')",
        'interval day to second',
        "INTERVAL '-1 12:00:00' DAY TO SECOND",
      ],
    ]);
  });

  it('adds intervals to dates and timestamps like Spark', async () => {
    expect(
      await describeAll([
        "DATE'2024-01-31' + INTERVAL 1 MONTH",
        "DATE'2024-01-31' + INTERVAL 2 DAYS",
        "DATE'2024-01-31' + INTERVAL 25 HOURS",
        "TIMESTAMP'2024-01-31 00:00:00' - INTERVAL '1-1' YEAR TO MONTH",
      ]),
    ).toEqual([
      ["DATE '2024-01-31' + INTERVAL '1' MONTH", 'date', '2024-02-29'],
      ["date_add(DATE '2024-01-31', extractansiintervaldays(INTERVAL '2' DAY))", 'date', '2024-02-02'],
      ["DATE '2024-01-31' + INTERVAL '25' HOUR", 'timestamp', '2024-02-01 01:00:00'],
      ["TIMESTAMP '2024-01-31 00:00:00' - INTERVAL '1-1' YEAR TO MONTH", 'timestamp', '2022-12-31 00:00:00'],
    ]);
  });

  it('moves whole days on the calendar across a DST change, the rest as elapsed time', async () => {
    const rows = await describeAll(
      [
        "TIMESTAMP'2021-03-13 12:00:00' + INTERVAL 1 DAY",
        "TIMESTAMP'2021-03-13 12:00:00' + INTERVAL 86400 SECONDS",
        "TIMESTAMP'2021-03-13 12:00:00' + INTERVAL '1 01' DAY TO HOUR",
        "TIMESTAMP'2021-03-13 12:00:00' + make_interval(0, 0, 0, 0, 24, 0, 0)",
        "timestampadd(HOUR, 24, TIMESTAMP'2021-03-13 12:00:00')",
        "timestampadd(DAY, 1, TIMESTAMP'2021-03-13 12:00:00')",
      ],
      'America/Los_Angeles',
    );
    expect(rows.map((r) => r[2])).toEqual([
      '2021-03-14 12:00:00',
      '2021-03-14 12:00:00',
      '2021-03-14 13:00:00',
      '2021-03-14 13:00:00',
      '2021-03-14 13:00:00',
      '2021-03-14 12:00:00',
    ]);
  });

  it('scales intervals with half-up rounding and compares across fields', async () => {
    expect(
      await describeAll([
        'INTERVAL 3 DAYS * 2',
        'INTERVAL 3 DAYS / 2',
        'INTERVAL 1 MONTH * 1.5',
        'INTERVAL 1 DAY > INTERVAL 23 HOURS',
        'make_dt_interval(1, 2, 3, 4.5)',
        'make_interval(1, 2, 0, 3, 4, 5, 6.5)',
      ]),
    ).toEqual([
      ["(INTERVAL '3' DAY * 2)", 'interval day to second', "INTERVAL '6 00:00:00' DAY TO SECOND"],
      ["(INTERVAL '3' DAY / 2)", 'interval day to second', "INTERVAL '1 12:00:00' DAY TO SECOND"],
      ["(INTERVAL '1' MONTH * 1.5)", 'interval year to month', "INTERVAL '0-2' YEAR TO MONTH"],
      ["(INTERVAL '1' DAY > INTERVAL '23' HOUR)", 'boolean', 'true'],
      ['make_dt_interval(1, 2, 3, 4.5)', 'interval day to second', "INTERVAL '1 02:03:04.5' DAY TO SECOND"],
      [
        'make_interval(1, 2, 0, 3, 4, 5, 6.5)',
        'interval',
        '1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds',
      ],
    ]);
  });
});
