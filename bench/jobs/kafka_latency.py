"""Benchmark job `kafka-latency`, pyspark side: the same pipeline as kafka-latency.ts, written the
workshop's way — Structured Streaming from Kafka, complete mode, foreachBatch writing each
batch's whole result with the JDBC writer (overwrite + truncate). The driver
(bench/kafka/latency-driver.ts, the same for both engines) produces and measures.

    python3 bench/jobs/kafka_latency.py --master local[2] 127.0.0.1:9092 127.0.0.1:5432 20000 10 42
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from bench_report import RESULT_PREFIX, bench_session, parse_args, stop_and_reap

master, warm, args = parse_args(sys.argv[1:])
if len(args) != 5:
    raise SystemExit("usage: kafka_latency.py [--master M] <bootstrap> <pg host:port> <rate> <seconds> <seed>")
bootstrap, pg_host, rate, seconds, seed = args

name = "bench_latency_spark_%d" % os.getpid()
driver = subprocess.Popen(
    [
        os.environ.get("BENCH_NODE", "node"),
        "--import",
        "tsx",
        "bench/kafka/latency-driver.ts",
        bootstrap,
        name,
        "postgres://postgres:postgres@%s/postgres" % pg_host,
        name,
        rate,
        seconds,
        seed,
    ],
    stdin=subprocess.PIPE,
    stdout=subprocess.PIPE,
    text=True,
)


import atexit  # noqa: E402

# the driver must not outlive a failed job (it holds the job's stderr open)
atexit.register(lambda: driver.poll() is None and driver.kill())


def next_line(prefix):
    for line in driver.stdout:
        if line.startswith(prefix):
            return line[len(prefix):].strip()
    raise SystemExit("latency driver exited with %s" % driver.wait())


next_line("READY")

from pyspark.sql import functions as F  # noqa: E402

spark = bench_session("bench-kafka-latency", master)
jdbc_url = "jdbc:postgresql://%s/postgres" % pg_host
props = {"user": "postgres", "password": "postgres", "driver": "org.postgresql.Driver", "truncate": "true"}


def write_batch(batch, batch_id):
    batch.write.jdbc(jdbc_url, name, mode="overwrite", properties=props)


checkpoint = tempfile.mkdtemp(prefix="bench-kafka-latency-")
query = (
    spark.readStream.format("kafka")
    .option("kafka.bootstrap.servers", bootstrap)
    .option("subscribe", name)
    .option("startingOffsets", "earliest")
    .load()
    .select(
        F.from_json(F.col("value").cast("string"), "house STRING, character STRING, score STRING, ts TIMESTAMP").alias(
            "event"
        )
    )
    .select("event.*")
    .groupBy("house")
    .agg(
        F.count("*").alias("how_many"),
        F.sum(F.col("score").cast("int")).alias("sum_score"),
        F.size(F.collect_set("character")).alias("no_characters"),
    )
    .writeStream.outputMode("complete")
    .foreachBatch(write_batch)
    .option("checkpointLocation", checkpoint)
    .start()
)

# the query has resolved its starting offsets and waits for data
while query.status["message"] != "Waiting for data to arrive":
    if query.exception() is not None:
        raise SystemExit(str(query.exception()))
    time.sleep(0.02)
def engine_rss_mib(field):
    """/proc status `field` (VmRSS: now, VmHWM: peak) of the engine's processes — the JVM and this
    Python process, not the latency driver — the larger of the two, in MiB."""
    from pyspark import SparkContext

    proc = getattr(SparkContext._gateway, "proc", None)
    pids = ["self"] + ([str(proc.pid)] if proc is not None else [])
    best = 0
    for pid in pids:
        try:
            with open("/proc/%s/status" % pid) as f:
                for line in f:
                    if line.startswith(field + ":"):
                        best = max(best, int(line.split()[1]))
        except OSError:
            pass
    return round(best / 1024)


idle_rss_mib = engine_rss_mib("VmRSS")
driver.stdin.write("GO\n")
driver.stdin.flush()
latency = json.loads(next_line("LATENCY "))
peak_rss_mib = engine_rss_mib("VmHWM")
query.stop()
shutil.rmtree(checkpoint, ignore_errors=True)
report = {
    "firstResultMs": latency["firstVisibleMs"],
    "processingMs": latency["lastVisibleMs"],
    "latencyP50Ms": latency["p50Ms"],
    "latencyP99Ms": latency["p99Ms"],
    "latency": latency,
    "metrics": {"idleRssMiB": idle_rss_mib, "enginePeakRssMiB": peak_rss_mib},
    "result": latency["rows"],
}
sys.stdout.write(RESULT_PREFIX + json.dumps(report) + "\n")
sys.stdout.flush()
driver.wait()
stop_and_reap(spark)
