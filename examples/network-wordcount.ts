/**
 * Structured Streaming's network word count: counts the words of UTF-8 text lines received from
 * a TCP server and prints the running counts after every batch (complete output mode).
 *
 *   nc -lk 9999                                                   # one terminal: type lines
 *   sluice submit examples/network-wordcount.ts localhost 9999    # another terminal
 *
 * The socket source is for tutorials and debugging: it keeps received lines only in memory.
 */
import { functions as F, Session } from 'sluice';

const [host, port] = process.argv.slice(2);
if (!host || !port) {
  process.stderr.write('Usage: network-wordcount.ts <hostname> <port>\n');
  process.exit(1);
}

const spark = Session.builder().appName('StructuredNetworkWordCount').getOrCreate();

// the stream of input lines from the connection to host:port
const lines = spark.readStream.format('socket').option('host', host).option('port', port).load();

// split the lines into words, one row per word
const words = lines.select(F.explode(F.split(lines.col('value'), ' ')).alias('word'));

// the running word count
const wordCounts = words.groupBy('word').count();

// print the complete set of counts to the console each time they are updated
const query = wordCounts.writeStream.outputMode('complete').format('console').start();

await query.awaitTermination();
