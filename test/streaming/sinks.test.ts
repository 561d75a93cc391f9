/**
 * Every built-in streaming sink runs the shared Sink conformance suite.
 */
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type Row, Session } from '../../src/index.js';
import { sinkConformance } from './sink-conformance.js';

const spark = Session.builder().master('local[2]').getOrCreate();
afterAll(() => spark.stop());

const text = (r: Row) => r.toArray().join(',');
let tables = 0;

sinkConformance(spark, {
  name: 'memory',
  format: 'memory',
  guarantee: 'exactly-once',
  durable: false,
  completeMode: 'replaces',
  fixture: ({ spark, create }) => {
    const queryName = `memory_sink_${tables++}`;
    return {
      create: (outputMode) => create(outputMode, { queryName }),
      output: async () => (await spark.table(queryName).collect()).map(text),
    };
  },
});

sinkConformance(spark, {
  name: 'console (at-least-once, as Spark’s)',
  format: 'console',
  guarantee: 'at-least-once',
  durable: false,
  completeMode: 'appends',
  fixture: ({ create }) => {
    let printed = '';
    return {
      create: (outputMode) => create(outputMode, { callback: (s: string) => (printed += s) }),
      // the rows of every table printed: `|   a|  1|`
      output: async () =>
        printed
          .split('\n')
          .filter((l) => l.startsWith('|') && !/^\|\s*word\s*\|/.test(l))
          .map((l) =>
            l
              .slice(1, -1)
              .split('|')
              .map((c) => c.trim())
              .join(','),
          ),
    };
  },
});

sinkConformance(spark, {
  name: 'foreach (at-least-once, as Spark’s)',
  format: 'foreach',
  guarantee: 'at-least-once',
  durable: false,
  completeMode: 'appends',
  fixture: ({ create }) => {
    const seen: string[] = [];
    return {
      create: (outputMode) => create(outputMode, { callback: (r: Row) => seen.push(text(r)) }),
      output: async () => seen,
    };
  },
});

sinkConformance(spark, {
  name: 'foreachBatch with a batch-id keyed writer',
  format: 'foreachBatch',
  guarantee: 'exactly-once',
  durable: true,
  completeMode: 'appends',
  fixture: ({ create }) => {
    // the user's side of the contract: output keyed by batch id survives restarts
    const byBatch = new Map<number, string[]>();
    return {
      create: (outputMode) =>
        create(outputMode, {
          callback: async (df: { collect(): Promise<Row[]> }, batchId: number) => {
            byBatch.set(batchId, (await df.collect()).map(text));
          },
        }),
      output: async () => [...byBatch].sort(([a], [b]) => a - b).flatMap(([, rows]) => rows),
    };
  },
});

for (const format of ['json', 'csv', 'parquet']) {
  sinkConformance(spark, {
    name: `file (${format})`,
    format,
    guarantee: 'exactly-once',
    durable: true,
    completeMode: 'unsupported',
    fixture: ({ spark, create, checkpointLocation }) => {
      const path = join(checkpointLocation, 'out');
      return {
        create: (outputMode) => create(outputMode, { path }),
        output: async () =>
          (await spark.read.format(format).schema('word STRING, n BIGINT').load(path).collect()).map(text),
      };
    },
  });
}
