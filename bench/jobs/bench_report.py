"""The benchmark job protocol, pyspark side (mirror of job-report.ts).

A job times its own processing (from "session ready, nothing read yet" to "result in hand") and
prints one line `BENCH_RESULT {json}` on stdout. JVM and interpreter start-up stay outside the
clock; the harness measures them as wall time minus processing time.
"""
import json
import sys
import time

RESULT_PREFIX = "BENCH_RESULT "


class JobClock:
    def __init__(self):
        self.t0 = time.perf_counter()
        self.first = None

    def first_result(self):
        if self.first is None:
            self.first = (time.perf_counter() - self.t0) * 1000.0

    def done(self, result):
        processing = (time.perf_counter() - self.t0) * 1000.0
        return {
            "firstResultMs": self.first if self.first is not None else processing,
            "processingMs": processing,
            "result": result,
        }


def print_job_result(r):
    sys.stdout.write(RESULT_PREFIX + json.dumps(r) + "\n")
    sys.stdout.flush()


def bench_session(app_name, master):
    """A SparkSession configured like Sluice's defaults: ANSI off, UTC, no UI."""
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def stop_and_reap(spark):
    """Stops Spark and waits for the JVM to exit, so the JVM is a reaped child of this process:
    its peak RSS then shows in this process's rusage (GNU time) and the next run starts on an
    idle machine."""
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
    """`[--master M] args...` → (master, args)."""
    master = "local[1]"
    rest = []
    i = 0
    while i < len(argv):
        if argv[i] == "--master":
            master = argv[i + 1]
            i += 2
        else:
            rest.append(argv[i])
            i += 1
    return master, rest
