"""The benchmark job protocol, pyspark side (mirror of job-report.ts).

A job times its own processing (from "session ready, nothing read yet" to "result in hand") and
prints one line `BENCH_RESULT {json}` on stdout. JVM and interpreter start-up stay outside the
clock; the harness measures them as wall time minus processing time. With `--warm` the query
runs a second time in the same process and that run's time is reported too (steady state: no
JIT warm-up, code generation or class loading).
"""
import json
import sys
import time

RESULT_PREFIX = "BENCH_RESULT "


def time_job(query, warm):
    """Runs `query()` (which builds its DataFrame from scratch, reading included) and times it."""
    t0 = time.perf_counter()
    result = query()
    processing = (time.perf_counter() - t0) * 1000.0
    # A batch collect() hands over every row at once: first result = whole result.
    report = {"firstResultMs": processing, "processingMs": processing, "result": result}
    if warm:
        t1 = time.perf_counter()
        query()
        report["warmProcessingMs"] = (time.perf_counter() - t1) * 1000.0
    return report


def print_job_result(r):
    sys.stdout.write(RESULT_PREFIX + json.dumps(r) + "\n")
    sys.stdout.flush()


def bench_session(app_name, master):
    """A SparkSession configured like Sluice's defaults: ANSI off, UTC, no UI; plus the confs the
    harness passes in BENCH_SPARK_CONF (JSON), e.g. spark.jars.packages for the Kafka connector."""
    import os

    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
    )
    for k, v in json.loads(os.environ.get("BENCH_SPARK_CONF", "{}")).items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def stop_and_reap(spark):
    """Stops Spark and waits for the JVM to exit, so the JVM is a reaped child of this process:
    its peak RSS and CPU time then show in this process's rusage (GNU time) and the next run
    starts on an idle machine."""
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    proc = getattr(gateway, "proc", None) if gateway is not None else None
    spark.stop()
    if proc is not None:
        try:
            gateway.shutdown()
        except Exception:
            pass
        if proc.stdin is not None:
            proc.stdin.close()
        proc.wait(timeout=60)


def parse_args(argv):
    """`[--master M] [--warm] args...` → (master, warm, args)."""
    master = "local[1]"
    warm = False
    rest = []
    i = 0
    while i < len(argv):
        if argv[i] == "--master":
            master = argv[i + 1]
            i += 2
        elif argv[i] == "--warm":
            warm = True
            i += 1
        else:
            rest.append(argv[i])
            i += 1
    return master, warm, rest
