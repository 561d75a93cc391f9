"""Benchmark job `stream-house-stats`, pyspark side: the same job as stream-house-stats.ts.

Spark refuses exact distinct aggregates on streams ("Distinct aggregations are not supported on
streaming DataFrames/Datasets"), so the distinct characters are approx_count_distinct on both sides.

    python3 bench/jobs/stream_house_stats.py --master local[1] bench/data/stream-house-stats-500000/spec.json
"""
import sys

from bench_report import bench_session, parse_args, print_job_result, stop_and_reap
from stream_job import read_spec, run_stream_job

master, _warm, args = parse_args(sys.argv[1:])
if len(args) != 1:
    raise SystemExit("usage: stream_house_stats.py [--master M] <spec.json>")
spec = read_spec(args[0])

from pyspark.sql import functions as F  # noqa: E402

spark = bench_session("bench-stream-house-stats", master)


def house_stats(lines):
    return (
        lines.select(
            F.from_json(F.col("value"), "house STRING, character STRING, score STRING, ts TIMESTAMP").alias("event")
        )
        .select("event.*")
        .groupBy("house")
        .agg(
            F.count("*").alias("how_many"),
            F.sum(F.col("score").cast("int")).alias("sum_score"),
            F.approx_count_distinct("character").alias("no_characters"),
        )
    )


print_job_result(run_stream_job(spark, spec, house_stats))
stop_and_reap(spark)
