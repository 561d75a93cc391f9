/**
 * The batch prototype of the house-statistics pipeline: JSON events in a `value` column →
 * from_json → per-house statistics.
 *
 *   sluice submit examples/house-statistics-batch.ts
 */
import { functions as F, Session } from 'sluice';

const spark = Session.builder().appName('house-statistics-batch').getOrCreate();

const events = [
  { house: 'Gryffindor', character: 'Harry Potter', score: '7', ts: '2024-11-21 10:00:00.000' },
  { house: 'Gryffindor', character: 'Hermione Granger', score: '10', ts: '2024-11-21 10:00:01.250' },
  { house: 'Slytherin', character: 'Draco Malfoy', score: '4', ts: '2024-11-21 10:00:02.500' },
  { house: 'Gryffindor', character: 'Harry Potter', score: '3', ts: '2024-11-21 10:00:03.750' },
  { house: 'Ravenclaw', character: 'Luna Lovegood', score: '9', ts: '2024-11-21 10:00:04.000' },
  { house: 'Hufflepuff', character: 'Cedric Diggory', score: '8', ts: '2024-11-21 10:00:05.125' },
  { house: 'Slytherin', character: 'Severus Snape', score: '6', ts: '2024-11-21 10:00:06.000' },
];
const raw = spark.createDataFrame(
  events.map((e) => [JSON.stringify(e)]),
  'value STRING',
);

const parsed = raw
  .select(
    F.fromJson(F.col('value'), 'house STRING, character STRING, score STRING, ts TIMESTAMP').alias('event'),
  )
  .select('event.*');

const stats = parsed
  .groupBy('house')
  .agg(
    F.count('*').alias('how_many'),
    F.sum(F.col('score').cast('int')).alias('sum_score'),
    F.countDistinct('character').alias('no_characters'),
  )
  .orderBy('house');

stats.printSchema();
await stats.show();
spark.stop();
