"""Benchmark job `parquet-scan`, pyspark side: the same job as parquet-scan.ts.

    python3 bench/jobs/parquet_scan.py --master local[1] bench/data/parquet-scan-10000000-v1 [--warm]
"""
import sys

from bench_report import bench_session, parse_args, print_job_result, stop_and_reap, time_job

master, warm, args = parse_args(sys.argv[1:])
if len(args) != 1:
    raise SystemExit("usage: parquet_scan.py [--master M] [--warm] <dataset folder>")
path = args[0]

from pyspark.sql import functions as F  # noqa: E402

spark = bench_session("bench-parquet-scan", master)


def parquet_scan():
    rows = (
        spark.read.parquet(path)
        .filter("year = 2024 AND month >= 7 AND score > 50")
        .groupBy("house")
        .agg(F.count("*").alias("n"), F.sum("cents").alias("cents"), F.max("score").alias("max_score"))
        .collect()
    )
    return [list(r) for r in rows]


print_job_result(time_job(parquet_scan, warm))
stop_and_reap(spark)
