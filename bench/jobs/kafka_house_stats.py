"""Benchmark job `kafka-house-stats`, pyspark side: the same job as kafka-house-stats.ts
(spark-sql-kafka from Maven Central through BENCH_SPARK_CONF, set by the harness).

    python3 bench/jobs/kafka_house_stats.py --master local[1] 127.0.0.1:9092 <topic> <maxOffsetsPerTrigger> [--warm]
"""
import shutil
import sys
import tempfile

from bench_report import bench_session, parse_args, print_job_result, stop_and_reap, time_job

master, warm, args = parse_args(sys.argv[1:])
if len(args) != 3:
    raise SystemExit("usage: kafka_house_stats.py [--master M] [--warm] <bootstrap> <topic> <maxOffsetsPerTrigger>")
bootstrap, topic, max_offsets = args

from pyspark.sql import functions as F  # noqa: E402

spark = bench_session("bench-kafka-house-stats", master)
runs = [0]


def kafka_house_stats():
    runs[0] += 1
    name = "house_stats_%d" % runs[0]
    checkpoint = tempfile.mkdtemp(prefix="bench-kafka-house-stats-")
    try:
        query = (
            spark.readStream.format("kafka")
            .option("kafka.bootstrap.servers", bootstrap)
            .option("subscribe", topic)
            .option("startingOffsets", "earliest")
            .option("maxOffsetsPerTrigger", max_offsets)
            .load()
            .select(
                F.from_json(
                    F.col("value").cast("string"), "house STRING, character STRING, score STRING, ts TIMESTAMP"
                ).alias("event")
            )
            .select("event.*")
            .groupBy("house")
            .agg(
                F.count("*").alias("how_many"),
                F.sum(F.col("score").cast("int")).alias("sum_score"),
                F.size(F.collect_set("character")).alias("no_characters"),
            )
            .writeStream.format("memory")
            .queryName(name)
            .outputMode("complete")
            .trigger(availableNow=True)
            .option("checkpointLocation", checkpoint)
            .start()
        )
        query.awaitTermination()
        return [list(r) for r in spark.table(name).collect()]
    finally:
        shutil.rmtree(checkpoint, ignore_errors=True)


print_job_result(time_job(kafka_house_stats, warm))
stop_and_reap(spark)
