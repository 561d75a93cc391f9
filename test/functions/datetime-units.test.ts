/**
 * timestampadd / timestampdiff (and the collection helpers array_size, arrays_overlap,
 * str_to_map): values and names as pyspark 4.3.0 gives them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/index.js';

const spark = Session.builder().master('local').config('spark.sql.session.timeZone', 'UTC').getOrCreate();
afterAll(() => spark.stop());

const one = () =>
  spark
    .createDataFrame([['2024-01-31 10:00:00', '2024-03-01']], 's STRING, d STRING')
    .selectExpr('cast(s as timestamp) as ts', 'cast(d as date) as d', 'cast(s as timestamp_ntz) as ntz');

async function cells(exprs: string[]): Promise<[string, unknown][]> {
  const df = one().selectExpr(...exprs.map((e) => `cast(${e} AS STRING)`));
  const names = one()
    .selectExpr(...exprs)
    .schema.fields.map((f) => f.name);
  const row = (await df.collect())[0]!.toArray();
  return names.map((n, i) => [n, row[i]]);
}

describe('timestampadd / timestampdiff', () => {
  it('add units to timestamps, dates and TIMESTAMP_NTZ', async () => {
    expect(
      await cells([
        'timestampadd(HOUR, 30, ts)',
        'timestampadd(MONTH, 1, ts)',
        'timestampadd(QUARTER, 1, d)',
        'timestampadd(WEEK, 1, ntz)',
        'dateadd(DAY, 1, ts)',
        'timestampadd(SECOND, 1.5, ts)',
      ]),
    ).toEqual([
      ['timestampadd(HOUR, 30, ts)', '2024-02-01 16:00:00'],
      ['timestampadd(MONTH, 1, ts)', '2024-02-29 10:00:00'],
      ['timestampadd(QUARTER, 1, d)', '2024-06-01 00:00:00'],
      ['timestampadd(WEEK, 1, ntz)', '2024-02-07 10:00:00'],
      ['timestampadd(DAY, 1, ts)', '2024-02-01 10:00:00'],
      ['timestampadd(SECOND, 1.5, ts)', '2024-01-31 10:00:01'],
    ]);
  });

  it('count whole units between local date-times', async () => {
    expect(
      await cells([
        'timestampdiff(MONTH, d, ts)',
        'datediff(DAY, d, ts)',
        'date_diff(YEAR, ts, d)',
        "timestampdiff(WEEK, d, DATE'2025-01-01')",
        "timestampdiff(QUARTER, DATE'2025-01-01', d)",
      ]),
    ).toEqual([
      ['timestampdiff(MONTH, d, ts)', '-1'],
      ['timestampdiff(DAY, d, ts)', '-29'],
      ['timestampdiff(YEAR, ts, d)', '0'],
      ["timestampdiff(WEEK, d, DATE '2025-01-01')", '43'],
      ["timestampdiff(QUARTER, DATE '2025-01-01', d)", '-3'],
    ]);
  });
});

describe('array_size / arrays_overlap / str_to_map', () => {
  it('follow Spark’s null rules', async () => {
    const df = spark
      .createDataFrame(
        [
          [
            [1, 2],
            [2, 3],
          ],
          [[1, null], [3]],
          [[1, null], [1]],
          [[], []],
          [null, [1]],
          [[null], []],
        ],
        'a ARRAY<INT>, b ARRAY<INT>',
      )
      .selectExpr('array_size(a)', 'arrays_overlap(a, b)');
    expect((await df.collect()).map((r) => r.toArray())).toEqual([
      [2, true],
      [2, null],
      [2, true],
      [0, false],
      [null, null],
      [1, false],
    ]);
  });

  it('str_to_map splits by regex delimiters; a missing value is NULL', async () => {
    const df = spark
      .createDataFrame([['a:1,b:2'], ['a=1&&b=2'], ['k']], 's STRING')
      .selectExpr('str_to_map(s)', "str_to_map(s, '&&', '=')");
    expect(df.schema.fields.map((f) => f.name)).toEqual(['str_to_map(s, ,, :)', 'str_to_map(s, &&, =)']);
    expect(await df.showString()).toBe(
      [
        '+-------------------+--------------------+',
        '|str_to_map(s, ,, :)|str_to_map(s, &&, =)|',
        '+-------------------+--------------------+',
        '|   {a -> 1, b -> 2}|   {a:1,b:2 -> NULL}|',
        '| {a=1&&b=2 -> NULL}|    {a -> 1, b -> 2}|',
        '|        {k -> NULL}|         {k -> NULL}|',
        '+-------------------+--------------------+',
        '',
      ].join('\n'),
    );
  });
});
