/**
 * The network word count without a server: the `rate` source generates rows (value 0, 1, 2, …)
 * and each value picks a word, so the counts grow steadily. Prints the counts every 2 seconds.
 *
 *   sluice submit examples/wordcount-rate.ts [rowsPerSecond=4] [secondsToRun=forever]
 */
import { functions as F, Session } from 'sluice';

const [rowsPerSecond = '4', seconds] = process.argv.slice(2);
const WORDS = ['spark', 'scala', 'structured', 'streaming'];

const spark = Session.builder().appName('RateWordCount').getOrCreate();

const rate = spark.readStream.format('rate').option('rowsPerSecond', rowsPerSecond).load();
const words = rate.select(
  F.elementAt(
    F.array(...WORDS.map((w) => F.lit(w))),
    F.col('value').mod(WORDS.length).plus(1).cast('int'),
  ).alias('word'),
);
const wordCounts = words.groupBy('word').count();

const query = wordCounts.writeStream
  .outputMode('complete')
  .format('console')
  .trigger({ processingTime: '2 seconds' })
  .start();

if (seconds === undefined) {
  await query.awaitTermination();
} else {
  await query.awaitTermination(Number(seconds) * 1000);
  await query.stop();
}
