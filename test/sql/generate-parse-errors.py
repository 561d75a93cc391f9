"""Regenerates fixtures/parse-errors.json: for each statement in parse-error-cases.json, what
pyspark's SQL parser says (the first line of the error, SQLSTATE removed), or "OK" when it parses.

    python3 test/sql/generate-parse-errors.py
"""
import json
import os
import re
import warnings

from pyspark.sql import SparkSession

warnings.filterwarnings("ignore")
here = os.path.dirname(os.path.abspath(__file__))
spark = (
    SparkSession.builder.master("local[1]")
    .config("spark.sql.ansi.enabled", "false")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("OFF")
parser = spark._jsparkSession.sessionState().sqlParser()

out = []
for sql in json.load(open(os.path.join(here, "parse-error-cases.json"))):
    try:
        parser.parsePlan(sql)
        out.append({"sql": sql, "spark": "OK"})
    except Exception as ex:  # noqa: BLE001 - any parser failure is the expected output
        head = str(ex).strip().split("\n")[0]
        out.append({"sql": sql, "spark": re.sub(r" SQLSTATE: \w+", "", head)})
with open(os.path.join(here, "fixtures", "parse-errors.json"), "w") as f:
    json.dump({"generator": f"pyspark {spark.version}", "cases": out}, f, indent=1, ensure_ascii=False)
    f.write("\n")
