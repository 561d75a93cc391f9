"""Benchmark job `csv-to-parquet`, pyspark side: the same job as csv-to-parquet.ts.

    python3 bench/jobs/csv_to_parquet.py --master local[1] bench/data/csv-to-parquet-10000000-v1.csv [--warm]
"""
import os
import shutil
import sys

from bench_report import bench_session, parse_args, print_job_result, stop_and_reap, time_job

master, warm, args = parse_args(sys.argv[1:])
if len(args) != 1:
    raise SystemExit("usage: csv_to_parquet.py [--master M] [--warm] <file.csv>")
path = args[0]
out = "%s.out-spark-%d" % (path, os.getpid())

from pyspark.sql import functions as F  # noqa: E402

CSV_SCHEMA = "id BIGINT, name STRING, city STRING, amount DOUBLE, qty INT, ts TIMESTAMP, flag BOOLEAN, note STRING"

spark = bench_session("bench-csv-to-parquet", master)


def convert():
    spark.read.schema(CSV_SCHEMA).option("header", "true").csv(path).write.mode("overwrite").parquet(out)
    return []


def read_back():
    rows = (
        spark.read.parquet(out)
        .agg(
            F.count("*"),
            F.sum("id"),
            F.sum("qty"),
            F.sum(F.round(F.col("amount") * 100).cast("bigint")),
            F.sum(F.length(F.col("note"))),
            F.min("ts").cast("string"),
            F.max("ts").cast("string"),
        )
        .collect()
    )
    return [list(r) for r in rows]


try:
    timed = time_job(convert, warm)
    timed["result"] = read_back()
    print_job_result(timed)
finally:
    stop_and_reap(spark)
    shutil.rmtree(out, ignore_errors=True)
