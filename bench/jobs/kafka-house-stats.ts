/**
 * Benchmark job `kafka-house-stats`, Sluice side: a streaming query over a pre-filled Kafka topic
 * (Trigger.AvailableNow, maxOffsetsPerTrigger) → from_json → per-house count, sum of scores,
 * distinct characters → memory sink; the result is the memory table at the end.
 * kafka_house_stats.py is the same job in pyspark; keep the two in step.
 *
 *   node bin/sluice.js submit --master local bench/jobs/kafka-house-stats.ts 127.0.0.1:9092 <topic> <maxOffsetsPerTrigger> [--warm]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'sluice';
import { jobArgs, printJobResult, timeJob } from './job-report.js';
import { houseStatisticsOfKafkaRecords } from './kafka-house-stats-query.js';

const { args, warm } = jobArgs();
const [bootstrap, topic, maxOffsets] = args;
if (!bootstrap || !topic || !maxOffsets)
  throw new Error(
    'usage: sluice submit bench/jobs/kafka-house-stats.ts <bootstrap> <topic> <maxOffsetsPerTrigger>',
  );

const spark = Session.builder()
  .appName('bench-kafka-house-stats')
  .config('spark.sql.session.timeZone', 'UTC')
  .config('spark.sql.ansi.enabled', 'false')
  .getOrCreate();

let run = 0;
async function kafkaHouseStats(): Promise<unknown[][]> {
  const name = `house_stats_${++run}`;
  const checkpoint = mkdtempSync(join(tmpdir(), 'bench-kafka-house-stats-'));
  try {
    const query = houseStatisticsOfKafkaRecords(
      spark.readStream
        .format('kafka')
        .option('kafka.bootstrap.servers', bootstrap!)
        .option('subscribe', topic!)
        .option('startingOffsets', 'earliest')
        .option('maxOffsetsPerTrigger', maxOffsets!)
        .load(),
    )
      .writeStream.format('memory')
      .queryName(name)
      .outputMode('complete')
      .trigger({ availableNow: true })
      .option('checkpointLocation', checkpoint)
      .start();
    await query.awaitTermination();
    const rows = await spark.table(name).collect();
    return rows.map((r) => r.toArray());
  } finally {
    rmSync(checkpoint, { recursive: true, force: true });
  }
}

printJobResult(await timeJob(kafkaHouseStats, warm));
spark.stop();
