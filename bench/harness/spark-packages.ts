/**
 * Spark's Kafka connector (and the PostgreSQL JDBC driver) for the pyspark jobs, resolved from
 * Maven Central the way a Spark user does it: `spark.jars.packages`, cached in an Ivy folder under
 * the benchmark data dir so only the first run downloads.
 *
 * Which version: `org.apache.spark:spark-sql-kafka-0-10_2.13` at pyspark's own version when Maven
 * Central has it, else the newest release of the same major version below it (the connector is
 * built on the stable DataSource V2 API). Its dependency `spark-token-provider-kafka-0-10_2.13` is
 * not published for every release: when the matching one is missing it is excluded from the
 * resolution and the newest published release below is added as a plain jar (downloaded once).
 *
 * Invariant: the result is a set of Spark confs the pyspark jobs apply verbatim (bench_report.py
 * reads them from the BENCH_SPARK_CONF environment variable), so both the harness and a user
 * re-running a job by hand see exactly what was used.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CENTRAL = 'https://repo1.maven.org/maven2';
const SPARK_GROUP = 'org/apache/spark';
const KAFKA_CONNECTOR = 'spark-sql-kafka-0-10_2.13';
const TOKEN_PROVIDER = 'spark-token-provider-kafka-0-10_2.13';
export const POSTGRESQL_DRIVER = 'org.postgresql:postgresql:42.7.4';

export interface SparkPackages {
  /** Spark confs for the session builder (spark.jars.packages, spark.jars.ivy, …). */
  readonly conf: Readonly<Record<string, string>>;
  /** One line for the report: what was resolved and why. */
  readonly description: string;
}

async function releasedVersions(artifact: string): Promise<string[]> {
  const res = await fetch(`${CENTRAL}/${SPARK_GROUP}/${artifact}/maven-metadata.xml`, {
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`Maven Central answered ${res.status} for ${artifact}'s metadata`);
  const xml = await res.text();
  return [...xml.matchAll(/<version>([^<]+)<\/version>/g)]
    .map((m) => m[1]!)
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v));
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** The wanted version if released, else the newest release of the same major version below it. */
export function pickVersion(released: readonly string[], wanted: string): string | undefined {
  if (released.includes(wanted)) return wanted;
  const major = wanted.split('.')[0];
  return [...released]
    .filter((v) => v.split('.')[0] === major && compareVersions(v, wanted) < 0)
    .sort(compareVersions)
    .at(-1);
}

async function download(url: string, path: string): Promise<void> {
  if (existsSync(path)) return;
  const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) throw new Error(`Maven Central answered ${res.status} for ${url}`);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, Buffer.from(await res.arrayBuffer()));
  renameSync(tmp, path);
}

/**
 * Spark confs that give pyspark `sparkVersion` the Kafka connector (and, with `postgres`, the
 * PostgreSQL JDBC driver). Throws with the reason when Maven Central cannot provide them.
 */
export async function sparkKafkaPackages(
  sparkVersion: string,
  dataDir: string,
  postgres: boolean,
): Promise<SparkPackages> {
  const connector = pickVersion(await releasedVersions(KAFKA_CONNECTOR), sparkVersion);
  if (!connector)
    throw new Error(`Maven Central has no ${KAFKA_CONNECTOR} release for Spark ${sparkVersion}`);
  const packages = [`org.apache.spark:${KAFKA_CONNECTOR}:${connector}`];
  if (postgres) packages.push(POSTGRESQL_DRIVER);
  const ivy = join(dataDir, 'ivy');
  const conf: Record<string, string> = { 'spark.jars.ivy': ivy };
  const notes = [`${KAFKA_CONNECTOR} ${connector}`];
  if (connector !== sparkVersion) notes[0] += ` (newest release ≤ ${sparkVersion} on Maven Central)`;
  const tokenVersions = await releasedVersions(TOKEN_PROVIDER);
  if (!tokenVersions.includes(connector)) {
    const token = pickVersion(tokenVersions, connector);
    if (!token) throw new Error(`Maven Central has no ${TOKEN_PROVIDER} release for ${connector}`);
    const dir = join(dataDir, 'spark-jars');
    mkdirSync(dir, { recursive: true });
    const jar = join(dir, `${TOKEN_PROVIDER}-${token}.jar`);
    await download(
      `${CENTRAL}/${SPARK_GROUP}/${TOKEN_PROVIDER}/${token}/${TOKEN_PROVIDER}-${token}.jar`,
      jar,
    );
    conf['spark.jars.excludes'] = `org.apache.spark:${TOKEN_PROVIDER}`;
    conf['spark.jars'] = jar;
    notes.push(`${TOKEN_PROVIDER} ${token} (${connector} is not on Maven Central)`);
  }
  if (postgres) notes.push(POSTGRESQL_DRIVER.split(':').slice(1).join(' '));
  conf['spark.jars.packages'] = packages.join(',');
  return { conf, description: `Spark packages from Maven Central: ${notes.join('; ')}` };
}
