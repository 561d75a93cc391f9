"""Benchmark job `house-stats`, pyspark side: the same job as house-stats.ts.

    python3 bench/jobs/house_stats.py --master local[1] bench/data/house-events-1000000-seed42.jsonl [--warm]
"""
import sys

from bench_report import bench_session, parse_args, print_job_result, stop_and_reap, time_job

master, warm, args = parse_args(sys.argv[1:])
if len(args) != 1:
    raise SystemExit("usage: house_stats.py [--master M] [--warm] <events.jsonl>")
path = args[0]

from pyspark.sql import functions as F  # noqa: E402

spark = bench_session("bench-house-stats", master)


def house_stats():
    rows = (
        spark.read.text(path)
        .select(
            F.from_json(F.col("value"), "house STRING, character STRING, score STRING, ts TIMESTAMP").alias("event")
        )
        .select("event.*")
        .groupBy("house")
        .agg(
            F.count("*").alias("how_many"),
            F.sum(F.col("score").cast("int")).alias("sum_score"),
            F.countDistinct("character").alias("no_characters"),
        )
        .collect()
    )
    return [list(r) for r in rows]


print_job_result(time_job(house_stats, warm))
stop_and_reap(spark)
