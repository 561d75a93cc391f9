/**
 * The house-statistics pipeline, streaming: house events (JSON) → Sluice → a PostgreSQL table
 *
 *   housestats(house character(30) primary key, how_many integer, sum_score integer, no_characters integer)
 *
 * kept up to date in complete mode by the exactly-once jdbc sink, printed after every batch.
 * With no options it runs on embedded defaults: the built-in house-events generator feeds a
 * MemoryStream, and the table lives in an in-process PostgreSQL (PGlite, `pglite://memory`).
 *
 *   sluice submit examples/house-statistics-streaming.ts
 *       [--url jdbc:postgresql://127.0.0.1:5432/postgres --user postgres --password postgres]
 *       [--bootstrap 127.0.0.1:9092 --topic houses]          read the events from Kafka instead
 *       [--batches 10] [--events-per-batch 500] [--interval-ms 1000] [--checkpoint DIR]
 *
 * Per house: how_many = count(*), sum_score = sum(score) as int, no_characters = exact
 * count(DISTINCT character).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type DataFrame, functions as F, MemoryStream, Session } from 'sluice';
import { HouseEventGenerator } from '../src/generator/house-events.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'pglite://memory' },
    user: { type: 'string', default: 'postgres' },
    password: { type: 'string', default: 'postgres' },
    bootstrap: { type: 'string' },
    topic: { type: 'string', default: 'houses' },
    batches: { type: 'string', default: '10' },
    'events-per-batch': { type: 'string', default: '500' },
    'interval-ms': { type: 'string', default: '1000' },
    checkpoint: { type: 'string' },
    seconds: { type: 'string' },
  },
});

const spark = Session.builder().appName('house-statistics-streaming').getOrCreate();
const jdbc = { url: args.url!, user: args.user!, password: args.password! };

/** The raw events: one JSON document per row in a `value` column. */
function events(): { df: DataFrame; feed?: (batch: number) => void } {
  if (args.bootstrap) {
    try {
      const df = spark.readStream
        .format('kafka')
        .option('kafka.bootstrap.servers', args.bootstrap)
        .option('subscribe', args.topic!)
        .option('startingOffsets', 'earliest')
        .load()
        .select(F.col('value').cast('string').alias('value'));
      return { df };
    } catch (e) {
      console.error(`Cannot read from Kafka at ${args.bootstrap}: ${(e as Error).message}`);
      process.exit(2);
    }
  }
  const perBatch = Number(args['events-per-batch']);
  const generator = new HouseEventGenerator({ seed: 42 });
  const stream = new MemoryStream(spark, 'value STRING');
  return {
    df: stream.toDF(),
    feed: (batch) => stream.addData([...generator.lines(batch * perBatch, (batch + 1) * perBatch)]),
  };
}

const source = events();
const stats = source.df
  .select(F.fromJson(F.col('value'), 'house STRING, character STRING, score STRING, ts TIMESTAMP').alias('e'))
  .select('e.*')
  .groupBy('house')
  .agg(
    F.count('*').alias('how_many'),
    F.sum(F.col('score').cast('int')).cast('int').alias('sum_score'),
    F.countDistinct('character').alias('no_characters'),
  );

const query = stats.writeStream
  .format('jdbc')
  .outputMode('complete')
  .options({ ...jdbc, dbtable: 'housestats', upsertKeys: 'house' })
  // the sink creates the table when missing: these types and a primary key on house
  .option(
    'createTableColumnTypes',
    'house CHAR(30), how_many INTEGER, sum_score INTEGER, no_characters INTEGER',
  )
  .option('checkpointLocation', args.checkpoint ?? mkdtempSync(join(tmpdir(), 'house-statistics-')))
  .queryName('housestats')
  .start();

/** Prints the live table, read back from the database. */
async function printTable(label: string): Promise<void> {
  const table = spark.read
    .format('jdbc')
    .options(jdbc)
    .option('query', 'SELECT rtrim(house) AS house, how_many, sum_score, no_characters FROM housestats')
    .load()
    .orderBy('house');
  console.log(`housestats after ${label}`);
  await table.show(20, false);
}

if (source.feed) {
  const batches = Number(args.batches);
  for (let b = 0; b < batches; b++) {
    source.feed(b);
    await query.processAllAvailable();
    await printTable(`batch ${query.lastProgress?.batchId ?? b}`);
    if (b < batches - 1) await new Promise((r) => setTimeout(r, Number(args['interval-ms'])));
  }
  await query.stop();
} else {
  // Kafka: print after each batch that read something, until stopped (or --seconds)
  let printing = Promise.resolve();
  spark.streams.addListener({
    onQueryProgress: (e) => {
      if (e.progress.numInputRows > 0)
        printing = printing.then(() => printTable(`batch ${e.progress.batchId}`));
    },
  });
  if (args.seconds) {
    await query.awaitTermination(Number(args.seconds) * 1000);
    await query.stop();
  } else await query.awaitTermination();
  await printing;
}
spark.stop();
