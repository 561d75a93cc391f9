"""Benchmark job `stream-wordcount`, pyspark side: the same job as stream-wordcount.ts.

    python3 bench/jobs/stream_wordcount.py --master local[1] bench/data/stream-wordcount-200000/spec.json
"""
import sys

from bench_report import bench_session, parse_args, print_job_result, stop_and_reap
from stream_job import read_spec, run_stream_job

master, _warm, args = parse_args(sys.argv[1:])
if len(args) != 1:
    raise SystemExit("usage: stream_wordcount.py [--master M] <spec.json>")
spec = read_spec(args[0])

from pyspark.sql import functions as F  # noqa: E402

spark = bench_session("bench-stream-wordcount", master)


def wordcount(lines):
    return lines.select(F.explode(F.split(F.col("value"), " ")).alias("word")).groupBy("word").count()


print_job_result(run_stream_job(spark, spec, wordcount))
stop_and_reap(spark)
