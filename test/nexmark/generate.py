#!/usr/bin/env python3
"""Regenerates the Nexmark correctness fixtures from real Apache Spark (pyspark).

Writes EVENTS Nexmark events (seed SEED) to JSON files with `sluice generate nexmark --path`,
runs every query of bench/nexmark/queries/ over them in pyspark and stores, per query, the row
count, the SHA-256 of the canonical result and its first rows in test/nexmark/fixtures/<q>.json.
test/nexmark/nexmark-queries.test.ts runs the same queries in Sluice over the in-process
`nexmark` source (same seed and count) and compares.

How Spark runs each query: Structured Streaming over the JSON files (Trigger.AvailableNow,
memory sink; append for per-event queries, complete for q17) where Spark can; in batch over the
same files for q15 and q16, which Spark refuses on streams (distinct aggregates are not
supported on streaming DataFrames) — Sluice runs those on the stream (its exact-distinct
extension) and must give the batch answer.

Canonical result: rows as JSON arrays (timestamps 'yyyy-MM-dd HH:mm:ss.SSS' UTC, decimals as
their string, doubles with 6 decimals), sorted by their JSON text, one per line.

Needs dist/ built (npm run build). Usage: python3 test/nexmark/generate.py
"""

import datetime
import decimal
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

os.environ["TZ"] = "UTC"
time.tzset()

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
QUERY_DIR = os.path.join(ROOT, "bench", "nexmark", "queries")
FIXTURES = os.path.join(HERE, "fixtures")
sys.path.insert(0, os.path.join(ROOT, "bench", "jobs"))

from nexmark_common import NEXMARK_DDL, QUERIES, query_sql, view_statements  # noqa: E402

EVENTS = 20000
SEED = 1
HEAD = 10


def canonical_value(v):
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.") + f"{v.microsecond // 1000:03d}"
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, float):
        return f"{v:.6f}"
    raise TypeError(f"unexpected value {v!r}")


def canonical_lines(rows):
    return sorted(json.dumps([canonical_value(v) for v in r], separators=(",", ":")) for r in rows)


def main():
    from pyspark.sql import SparkSession

    data = tempfile.mkdtemp(prefix="nexmark-fixture-")
    try:
        events = os.path.join(data, "events")
        subprocess.run(
            ["node", os.path.join(ROOT, "bin", "sluice.js"), "generate", "nexmark",
             "--events", str(EVENTS), "--seed", str(SEED), "--path", events],
            check=True,
        )
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.ansi.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        os.makedirs(FIXTURES, exist_ok=True)
        for q in QUERIES:
            name = q["name"]
            if q["spark_batch_only"]:
                spark.read.schema(NEXMARK_DDL).json(events).createOrReplaceTempView("nexmark")
                for v in view_statements():
                    spark.sql(v)
                rows = spark.sql(query_sql(name)).collect()
                how = "pyspark batch (Spark refuses distinct aggregates on streams)"
            else:
                spark.readStream.schema(NEXMARK_DDL).json(events).createOrReplaceTempView("nexmark")
                for v in view_statements():
                    spark.sql(v)
                sink = f"nexmark_{name}"
                query = (
                    spark.sql(query_sql(name)).writeStream.format("memory").queryName(sink)
                    .outputMode("complete" if q["stateful"] else "append")
                    .option("checkpointLocation", os.path.join(data, "checkpoint", name))
                    .trigger(availableNow=True).start()
                )
                query.awaitTermination()
                rows = spark.table(sink).collect()
                how = "pyspark Structured Streaming (availableNow, " + ("complete" if q["stateful"] else "append") + ")"
            lines = canonical_lines(rows)
            fixture = {
                "query": name,
                "events": EVENTS,
                "seed": SEED,
                "expectedFrom": how,
                "rowCount": len(lines),
                "sha256": hashlib.sha256("\n".join(lines).encode()).hexdigest(),
                "head": [json.loads(x) for x in lines[:HEAD]],
            }
            with open(os.path.join(FIXTURES, f"{name}.json"), "w") as f:
                json.dump(fixture, f, indent=1)
                f.write("\n")
            print(f"{name}: {len(lines)} rows ({how})")
        spark.stop()
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
