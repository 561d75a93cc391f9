import { afterAll, describe, expect, it } from 'vitest';
import { fileScanMetrics, resetFileScanMetrics } from '../../../src/connectors/file/index.js';
import { functions as F } from '../../../src/index.js';
import { put, spark, tempDir, textRows } from './file-test-helpers.js';

afterAll(() => spark.stop());

function eventsFolder(): string {
  const d = tempDir();
  for (const day of [19, 20, 21, 22]) {
    for (const part of [0, 1]) {
      put(d, `year=2024/month=11/day=${day}/part-${part}.json`, `{"id":${day * 10 + part},"v":"d${day}"}\n`);
    }
  }
  return d;
}

describe('partition pruning', () => {
  it('opens only the files of the partitions a filter selects', async () => {
    const df = spark.read.json(eventsFolder());
    expect(df.columns).toEqual(['id', 'v', 'year', 'month', 'day']);
    resetFileScanMetrics();
    const rows = await df.filter('day = 21').select('id', 'day').collect();
    expect(rows.map((r) => r.toArray()).sort()).toEqual([
      [210, 21],
      [211, 21],
    ]);
    expect(fileScanMetrics.filesOpened).toBe(2);
    expect(fileScanMetrics.filesPruned).toBe(6);

    resetFileScanMetrics();
    const n = await df.where(F.col('day').geq(21).and(F.col('month').equalTo(11))).count();
    expect(n).toBe(4);
    expect(fileScanMetrics.filesOpened).toBe(4);

    resetFileScanMetrics();
    expect(await df.where("day = 21 AND v = 'd21'").count()).toBe(2);
    expect(fileScanMetrics.filesOpened).toBe(2);
  });

  it('shows pushed filters and the pruned columns in the plan', () => {
    const df = spark.read.json(eventsFolder()).filter('day = 21').select('id');
    const plan = df.explainString?.(false) ?? '';
    expect(plan).toContain('FileScan json [id#');
    expect(plan).toContain('PushedFilters: [(day = 21)]');
    expect(plan).not.toMatch(/FileScan json \[[^\]]*v#/);
  });

  it('prunes through SQL on a temp view', async () => {
    spark.read.json(eventsFolder()).createOrReplaceTempView('events_pruned');
    resetFileScanMetrics();
    const rows = await spark.sql('SELECT v FROM events_pruned WHERE day = 19 AND year = 2024').collect();
    expect(rows.map((r) => r.get('v'))).toEqual(['d19', 'd19']);
    expect(fileScanMetrics.filesOpened).toBe(2);
  });
});

describe('parquet pruning', () => {
  it('decodes only the required columns and skips row groups by statistics', async () => {
    const d = tempDir();
    const src = spark
      .range(0, 1000)
      .selectExpr('id', 'id * 2 AS twice', "concat('s', id) AS s", 'array(id, id) AS arr');
    await src
      .coalesce(1)
      .write.option('parquet.block.size', 100 * 40)
      .parquet(`${d}/pq`);
    const df = spark.read.parquet(`${d}/pq`);
    resetFileScanMetrics();
    expect(await df.select('twice').where('twice >= 1990').count()).toBe(5);
    expect(fileScanMetrics.rowGroupsRead).toBeGreaterThanOrEqual(1);
    expect(fileScanMetrics.rowGroupsSkipped).toBeGreaterThanOrEqual(3);
    const readGroups = fileScanMetrics.rowGroupsRead;
    // one leaf column per row group read: `twice` only
    expect(fileScanMetrics.columnsDecoded).toBe(readGroups);

    resetFileScanMetrics();
    expect(await textRows(df.where("s = 's500'").select('id', 'arr'))).toEqual([['500', '[500, 500]']]);
    expect(fileScanMetrics.rowGroupsSkipped).toBeGreaterThanOrEqual(1);

    resetFileScanMetrics();
    expect(await df.count()).toBe(1000);
    expect(fileScanMetrics.columnsDecoded).toBe(0);
  });
});
