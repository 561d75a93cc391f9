/**
 * The house statistics over Kafka records, as both Kafka benchmark jobs compute them (Sluice side):
 * `value` parsed with from_json, then per house count, sum of scores and the exact number of
 * distinct characters as size(collect_set(…)) — the form pyspark also accepts on a stream (Spark
 * refuses distinct aggregates there), so both engines do the same work.
 */
import { type DataFrame, functions as F } from 'sluice';

export function houseStatisticsOfKafkaRecords(records: DataFrame): DataFrame {
  return records
    .select(
      F.fromJson(
        F.col('value').cast('string'),
        'house STRING, character STRING, score STRING, ts TIMESTAMP',
      ).alias('event'),
    )
    .select('event.*')
    .groupBy('house')
    .agg(
      F.count('*').alias('how_many'),
      F.sum(F.col('score').cast('int')).alias('sum_score'),
      F.size(F.collectSet('character')).alias('no_characters'),
    );
}
