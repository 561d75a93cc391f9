/**
 * The network word count over a folder of text files: every new file dropped into the folder is
 * read once (one line = one `value`), and the console shows the running counts in complete mode.
 *
 *   sluice submit examples/wordcount-files.ts <folder>
 *   echo 'spark scala scala spark' > <folder>/1.txt    # in another terminal
 */
import { functions as F, Session } from 'sluice';

const [folder] = process.argv.slice(2);
if (!folder) {
  process.stderr.write('Usage: wordcount-files.ts <folder>\n');
  process.exit(1);
}

const spark = Session.builder().appName('FileWordCount').getOrCreate();

const lines = spark.readStream.text(folder);
const words = lines.select(F.explode(F.split(lines.col('value'), ' ')).alias('word'));
const wordCounts = words.groupBy('word').count();

const query = wordCounts.writeStream.outputMode('complete').format('console').start();
await query.awaitTermination();
