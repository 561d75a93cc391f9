"""Benchmark job `nexmark-<q>`, pyspark side: the same job as nexmark.ts.

Nexmark JSON events in files → readStream (maxFilesPerTrigger 1) → the query's SQL over the
person/auction/bid views → foreachBatch reducing each batch to (count, sum(hash(all columns))).
q15 and q16 use distinct aggregates, which Spark refuses on streaming DataFrames: for them Spark
runs the same SQL in batch over the same files (one pass, no micro-batches).

    python3 bench/jobs/nexmark.py --master local[1] bench/data/nexmark-1000000-seed1 q1 [--warm]
"""
import shutil
import sys
import tempfile

from bench_report import bench_session, parse_args, print_job_result, stop_and_reap, time_job
from nexmark_common import NEXMARK_DDL, QUERIES, query_sql, view_statements

master, warm, args = parse_args(sys.argv[1:])
if len(args) != 2:
    raise SystemExit("usage: nexmark.py [--master M] [--warm] <events-dir> <query>")
path, name = args
query = next((q for q in QUERIES if q["name"] == name), None)
if query is None:
    raise SystemExit(f"unknown Nexmark query {name}")

from pyspark.sql import functions as F  # noqa: E402

spark = bench_session(f"bench-nexmark-{name}", master)


def checksum(df):
    row = df.agg(F.count("*"), F.sum(F.hash(*[F.col(c) for c in df.columns]))).collect()[0]
    return [int(row[0]), int(row[1] or 0)]


def run():
    if query["spark_batch_only"]:
        spark.read.schema(NEXMARK_DDL).json(path).createOrReplaceTempView("nexmark")
        for v in view_statements():
            spark.sql(v)
        return [checksum(spark.sql(query_sql(name)))]
    spark.readStream.schema(NEXMARK_DDL).option("maxFilesPerTrigger", 1).json(path).createOrReplaceTempView("nexmark")
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
