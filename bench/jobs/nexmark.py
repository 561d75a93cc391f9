"""Benchmark jobs `nexmark-<q>` and `nexmark-kafka-<q>`, pyspark side: the same job as nexmark.ts.

Nexmark JSON events (files, one per micro-batch, or Kafka values through CAST + from_json with
spark-sql-kafka from BENCH_SPARK_CONF) → the query's SQL over the person/auction/bid views →
foreachBatch reducing each batch to (count, sum(hash(all columns))). q15 and q16 use distinct
aggregates, which Spark's analysis rejects on streaming DataFrames (its unsupported-operation check
for streams): for them Spark runs the same SQL in batch over the same files or the same topic
(earliest to latest offsets; one pass, no micro-batches).

    python3 bench/jobs/nexmark.py --master local[1] bench/data/nexmark-1000000-seed1 q1 [--warm]
    python3 bench/jobs/nexmark.py --master local[1] kafka 127.0.0.1:9092 <topic> 100000 q1
"""
import shutil
import sys
import tempfile

from bench_report import bench_session, parse_args, print_job_result, stop_and_reap, time_job
from nexmark_common import NEXMARK_DDL, QUERIES, query_sql, view_statements

master, warm, args = parse_args(sys.argv[1:])
if not (len(args) == 2 or (len(args) == 5 and args[0] == "kafka")):
    raise SystemExit(
        "usage: nexmark.py [--master M] [--warm] <events-dir> | kafka <bootstrap> <topic> <maxOffsetsPerTrigger>  <query>"
    )
name = args[-1]
source = args[:-1]
query = next((q for q in QUERIES if q["name"] == name), None)
if query is None:
    raise SystemExit(f"unknown Nexmark query {name}")

from pyspark.sql import functions as F  # noqa: E402

spark = bench_session(f"bench-nexmark-{name}", master)


def checksum(df):
    row = df.agg(F.count("*"), F.sum(F.hash(*[F.col(c) for c in df.columns]))).collect()[0]
    return [int(row[0]), int(row[1] or 0)]


def kafka_events(reader, streaming):
    _, bootstrap, topic, max_offsets = source
    reader = (
        reader.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", topic)
        .option("startingOffsets", "earliest")
    )
    reader = reader.option("maxOffsetsPerTrigger", max_offsets) if streaming else reader.option("endingOffsets", "latest")
    return reader.load().select(F.from_json(F.col("value").cast("string"), NEXMARK_DDL).alias("event")).select("event.*")


def nexmark_events(streaming):
    if source[0] == "kafka":
        return kafka_events(spark.readStream if streaming else spark.read, streaming)
    if streaming:
        return spark.readStream.schema(NEXMARK_DDL).option("maxFilesPerTrigger", 1).json(source[0])
    return spark.read.schema(NEXMARK_DDL).json(source[0])


def run():
    if query["spark_batch_only"]:
        nexmark_events(False).createOrReplaceTempView("nexmark")
        for v in view_statements():
            spark.sql(v)
        return [checksum(spark.sql(query_sql(name)))]
    nexmark_events(True).createOrReplaceTempView("nexmark")
    for v in view_statements():
        spark.sql(v)
    total = [0, 0]

    def on_batch(df, _batch_id):
        n, h = checksum(df)
        if query["stateful"]:
            total[0], total[1] = n, h
        else:
            total[0] += n
            total[1] += h

    checkpoint = tempfile.mkdtemp(prefix="bench-nexmark-")
    try:
        q = (
            spark.sql(query_sql(name)).writeStream.outputMode("complete" if query["stateful"] else "append")
            .option("checkpointLocation", checkpoint).trigger(availableNow=True).foreachBatch(on_batch).start()
        )
        q.awaitTermination()
    finally:
        shutil.rmtree(checkpoint, ignore_errors=True)
    return [total]


print_job_result(time_job(run, warm))
stop_and_reap(spark)
