"""The streaming benchmark driver, pyspark side: the mirror of stream-job.ts (keep the two in step).

Runs a query over a file stream of text lines in two phases on one session — backlog throughput
(maxFilesPerTrigger, default trigger, until processAllAvailable() returns, into a complete-mode
memory sink) and fixed rate (a folder fed
by file_feeder.py, processing-time trigger; batch durations from the progress reports'
durationMs.triggerExecution) — and returns the job report with both phases' final tables tagged
'backlog' / 'live'. See stream-job.ts for what each number means.
"""
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime

# Progress durationMs parts reported per batch by both engines.
PHASES = ["latestOffset", "getBatch", "queryPlanning", "addBatch", "walCommit", "commitOffsets"]

FEEDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "file_feeder.py")


def read_spec(path):
    with open(path) as f:
        return json.load(f)


def percentile(values, p):
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def _field(progress, name):
    # pyspark returns progress objects with attributes; older versions return dicts.
    value = getattr(progress, name, None)
    return progress[name] if value is None else value


def _epoch_ms(timestamp):
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp() * 1000.0


def _data_batches(query, rows, phase):
    batches = [p for p in query.recentProgress if _field(p, "numInputRows") > 0]
    read = sum(_field(p, "numInputRows") for p in batches)
    if read != rows:
        raise RuntimeError(f"{phase}: progress reports {read} input rows, expected {rows}")
    return batches


def _table(spark, name, tag):
    return [[tag, *list(r)] for r in spark.table(name).collect()]


def run_stream_job(spark, spec, query):
    if spec.get("shufflePartitions"):
        spark.conf.set("spark.sql.shuffle.partitions", str(spec["shufflePartitions"]))
    t0 = time.perf_counter()
    start_epoch = time.time() * 1000.0
    work = tempfile.mkdtemp(prefix="spark-stream-bench-")
    try:
        backlog = (
            query(
                spark.readStream.format("text")
                .option("maxFilesPerTrigger", spec["maxFilesPerTrigger"])
                .load(spec["backlogDir"])
            )
            .writeStream.format("memory")
            .queryName("backlog")
            .outputMode("complete")
            .option("checkpointLocation", os.path.join(work, "backlog-checkpoint"))
            .start()
        )
        backlog.processAllAvailable()
        backlog.stop()
        processing = (time.perf_counter() - t0) * 1000.0
        first = _data_batches(backlog, spec["backlogRows"], "backlog")[0]
        first_end = _epoch_ms(_field(first, "timestamp")) + _field(first, "durationMs")["triggerExecution"]

        watched = os.path.join(work, "in")
        os.mkdir(watched)
        live = (
            query(spark.readStream.format("text").load(watched))
            .writeStream.format("memory")
            .queryName("live")
            .outputMode("complete")
            .option("checkpointLocation", os.path.join(work, "live-checkpoint"))
            .trigger(processingTime=f"{spec['triggerMs']} milliseconds")
            .start()
        )
        subprocess.run(
            [sys.executable, FEEDER, spec["liveDir"], watched, str(spec["filesPerSecond"])], check=True
        )
        live.processAllAvailable()
        live.stop()
        live_batches = _data_batches(live, spec["liveRows"], "live")
        durations = [_field(p, "durationMs")["triggerExecution"] for p in live_batches]
        # Where a fixed-rate batch's time goes (kept in the raw runs, not in the report's tables).
        phases = {}
        for k in PHASES:
            xs = [_field(p, "durationMs").get(k) for p in live_batches]
            if all(isinstance(x, (int, float)) for x in xs):
                phases[f"{k}P50Ms"] = percentile(xs, 50)

        metrics = {
            "batchP50Ms": percentile(durations, 50),
            "batchP99Ms": percentile(durations, 99),
            "liveBatches": len(durations),
            **phases,
        }
        spawn_epoch = float(os.environ.get("BENCH_SPAWN_EPOCH_MS", "0") or 0)
        if spawn_epoch > 0:
            metrics["startToFirstBatchMs"] = first_end - spawn_epoch
        return {
            "firstResultMs": first_end - start_epoch,
            "processingMs": processing,
            "metrics": metrics,
            "result": _table(spark, "backlog", "backlog") + _table(spark, "live", "live"),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
