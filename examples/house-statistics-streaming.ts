/**
 * The house-statistics pipeline, streaming: house events (JSON) → Sluice → a PostgreSQL table
 *
 *   housestats(house character(30) primary key, how_many integer, sum_score integer, no_characters integer)
 *
 * kept up to date in complete mode by the exactly-once jdbc sink, printed after every batch.
 * With no options it runs on embedded defaults: the built-in house-events generator feeds a
 * MemoryStream, and the table lives in an in-process PostgreSQL (PGlite, `pglite://memory`).
 * One flag each points it at real systems: `--bootstrap` reads the events from Kafka, `--url`
 * writes to a PostgreSQL server. Per house: how_many = count(*), sum_score = sum(score) as int,
 * no_characters = exact count(DISTINCT character).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type DataFrame, functions as F, MemoryStream, Session } from 'sluice';
import { HouseEventGenerator } from '../src/generator/house-events.js';

const USAGE = `Usage: sluice submit examples/house-statistics-streaming.ts [options]

Events (default: the built-in generator, --batches of --events-per-batch every --interval-ms):
  --bootstrap HOST:PORT          read the events from Kafka instead
  --topic NAME                   the topic (default kafka-input)
  --starting-offsets SPEC        earliest (default), latest, or Spark's JSON offsets; a restart
                                 from an existing --checkpoint resumes where it stopped instead
  --batches N --events-per-batch N --interval-ms N    the built-in generator (default 10, 500, 1000)
Table (default: an in-process PGlite database, pglite://memory):
  --url URL                      jdbc:postgresql://host:port/db or postgres://user:pass@host:port/db
  --user NAME --password PW      credentials (default: those in the URL, else postgres / postgres)
  --table NAME                   the result table (default housestats; created when missing)
Query:
  --checkpoint DIR               checkpoint location (default: a new temporary folder)
  --seconds S                    with Kafka: stop after S seconds (default: run until killed)
  --quiet                        print one line per batch instead of the table
`;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'pglite://memory' },
    user: { type: 'string' },
    password: { type: 'string' },
    table: { type: 'string', default: 'housestats' },
    bootstrap: { type: 'string' },
    topic: { type: 'string', default: 'kafka-input' },
    'starting-offsets': { type: 'string', default: 'earliest' },
    batches: { type: 'string', default: '10' },
    'events-per-batch': { type: 'string', default: '500' },
    'interval-ms': { type: 'string', default: '1000' },
    checkpoint: { type: 'string' },
    seconds: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const spark = Session.builder().appName('house-statistics-streaming').getOrCreate();
// credentials in the URL (postgres://user:pw@…, ?user=…) win over the postgres/postgres default
const urlHasUser = /^[a-z:]*\/\/[^/?]*@|[?&]user=/i.test(args.url!);
const user = args.user ?? (urlHasUser ? undefined : 'postgres');
const password = args.password ?? (urlHasUser ? undefined : 'postgres');
const jdbc: Record<string, string> = {
  url: args.url!,
  ...(user !== undefined ? { user } : {}),
  ...(password !== undefined ? { password } : {}),
};

/** The raw events: one JSON document per row in a `value` column. */
function events(): { df: DataFrame; feed?: (batch: number) => void } {
  if (args.bootstrap) {
    try {
      const df = spark.readStream
        .format('kafka')
        .option('kafka.bootstrap.servers', args.bootstrap)
        .option('subscribe', args.topic!)
        .option('startingOffsets', args['starting-offsets']!)
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
  .options({ ...jdbc, dbtable: args.table!, upsertKeys: 'house' })
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
    .option('query', `SELECT rtrim(house) AS house, how_many, sum_score, no_characters FROM ${args.table}`)
    .load()
    .orderBy('house');
  console.log(`${args.table} after ${label}`);
  await table.show(20, false);
}

if (source.feed) {
  const batches = Number(args.batches);
  for (let b = 0; b < batches; b++) {
    source.feed(b);
    await query.processAllAvailable();
    if (!args.quiet) await printTable(`batch ${query.lastProgress?.batchId ?? b}`);
    if (b < batches - 1) await new Promise((r) => setTimeout(r, Number(args['interval-ms'])));
  }
  await query.stop();
} else {
  // Kafka: after each batch that read something, print the table (or, with --quiet, one line),
  // until stopped (or --seconds). Prints never queue up behind a fast query: while one is
  // running, only the latest batch is remembered and printed next.
  let printing: Promise<void> | undefined;
  let next: string | undefined;
  const printLatest = (): void => {
    if (printing || next === undefined) return;
    const label = next;
    next = undefined;
    printing = printTable(label)
      .catch((e) => console.error(`cannot read ${args.table}: ${(e as Error).message}`))
      .finally(() => {
        printing = undefined;
        printLatest();
      });
  };
  spark.streams.addListener({
    onQueryProgress: ({ progress: p }) => {
      if (p.numInputRows === 0) return;
      if (args.quiet) console.log(`batch ${p.batchId}: ${p.numInputRows} events`);
      else {
        next = `batch ${p.batchId}`;
        printLatest();
      }
    },
  });
  if (args.seconds) {
    await query.awaitTermination(Number(args.seconds) * 1000);
    await query.stop();
  } else await query.awaitTermination();
  while (printing) await printing;
}
spark.stop();
