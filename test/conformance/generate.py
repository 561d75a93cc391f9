#!/usr/bin/env python3
"""Regenerates the conformance fixtures from real Apache Spark (pyspark).

Reads every test/conformance/cases/<family>.json, runs each case's pipeline in ONE local Spark
session and writes test/conformance/fixtures/<family>.json with, per case, the exact
`showString` text, the `printSchema` text and, for error cases, the error class.

Invariants:
  * Deterministic: local[1], fixed session defaults, the Python process and the JVM in UTC, and
    the output written with sorted keys, so re-running reproduces byte-identical fixtures.
  * The fixture embeds the expanded case it was produced from, so the TypeScript runner needs
    nothing else and can tell (by re-expanding the case file) when a fixture is stale.
  * A case must mean the same thing in PySpark and in Sluice: steps are SQL-expression strings
    applied through the DataFrame API (selectExpr, filter, F.expr ...); see README.md.

Usage:  python3 test/conformance/generate.py [family ...]    (default: every family)
"""

import json
import logging
import os
import re
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
FIXTURES_DIR = os.path.join(HERE, "fixtures")

BASE_CONF = {
    "spark.sql.ansi.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
}

STEP_OPS = {
    "select", "selectExpr", "filter", "where", "withColumn", "withColumnRenamed", "drop",
    "groupBy", "rollup", "cube", "agg", "join", "crossJoin", "union", "unionByName", "alias",
    "orderBy", "distinct", "dropDuplicates", "limit",
}

SORT_RE = re.compile(r"^(.*?)(?:\s+(ASC|DESC))?(?:\s+NULLS\s+(FIRST|LAST))?\s*$", re.IGNORECASE | re.DOTALL)


# ---------------------------------------------------------------- case expansion (mirrored in case-model.ts expandCases)

def expand_cases(family, raw_cases):
    """A case with "timeZones": [...] becomes one case per zone, named `name[zone]`."""
    out = []
    for c in raw_cases:
        zones = c.get("timeZones")
        if not zones:
            out.append(c)
            continue
        for z in zones:
            e = {k: v for k, v in c.items() if k != "timeZones"}
            e["name"] = "%s[%s]" % (c["name"], z)
            conf = dict(c.get("conf", {}))
            conf["spark.sql.session.timeZone"] = z
            e["conf"] = conf
            out.append(e)
    names = [c["name"] for c in out]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SystemExit("%s: duplicate case names %s" % (family, dupes))
    return out


def is_ordered(case):
    if "ordered" in case:
        return bool(case["ordered"])
    return any(s.get("op") == "orderBy" for s in case.get("steps", []))


def show_options(case):
    s = case.get("show", {})
    return s.get("n", 20), s.get("truncate", True), s.get("vertical", False)


# ---------------------------------------------------------------- pipeline interpreter (mirrored in pipeline.ts)

def coerce(value, dt):
    """JSON numbers to the Python type pyspark's verifier wants for the declared field type."""
    from pyspark.sql import types as T

    if value is None:
        return None
    if isinstance(dt, (T.DoubleType, T.FloatType)):
        return float(value)
    if isinstance(dt, T.ArrayType):
        return [coerce(v, dt.elementType) for v in value]
    if isinstance(dt, T.StructType):
        return tuple(coerce(v, f.dataType) for v, f in zip(value, dt.fields))
    return value


class Builder:
    def __init__(self, spark, case):
        self.spark = spark
        self.case = case
        self.cache = {}

    def input(self, name):
        from pyspark.sql.types import _parse_datatype_string

        if name not in self.cache:
            spec = self.case["inputs"][name]
            schema = _parse_datatype_string(spec["schema"])
            rows = [coerce(r, schema) for r in spec["rows"]]
            self.cache[name] = self.spark.createDataFrame(rows, schema)
        return self.cache[name]

    def pipeline(self, source, steps):
        df = self.input(source)
        for step in steps:
            df = self.step(df, step)
        return df

    def other(self, ref):
        if isinstance(ref, str):
            return self.input(ref)
        return self.pipeline(ref["from"], ref.get("steps", []))

    def step(self, df, s):
        from pyspark.sql import functions as F

        op = s["op"]
        if op not in STEP_OPS:
            raise SystemExit("unknown op %r in case %s" % (op, self.case["name"]))
        if op == "select":
            return df.select(*[argument(a) for a in s["args"]])
        if op == "selectExpr":
            return df.selectExpr(*s["args"])
        if op in ("filter", "where"):
            cond = argument(s["args"][0])
            return df.filter(cond) if op == "filter" else df.where(cond)
        if op == "withColumn":
            return df.withColumn(s["name"], column(s["column"]) if "column" in s else F.expr(s["expr"]))
        if op == "withColumnRenamed":
            return df.withColumnRenamed(s["from"], s["to"])
        if op == "drop":
            return df.drop(*s["args"])
        if op in ("groupBy", "rollup", "cube"):
            keys = [expr_or_column(k) for k in s.get("keys", [])]
            grouped = getattr(df, op)(*keys)
            if "pivot" in s:
                p = s["pivot"]
                grouped = grouped.pivot(p["column"], p["values"]) if "values" in p else grouped.pivot(p["column"])
            if "agg" not in s:
                return grouped.count()
            return grouped.agg(*[expr_or_column(a) for a in s["agg"]])
        if op == "agg":
            return df.agg(*[expr_or_column(a) for a in s["args"]])
        if op == "join":
            on = s.get("on")
            if isinstance(on, (str, dict)):
                on = expr_or_column(on)
            return df.join(self.other(s["right"]), on, s.get("how", "inner"))
        if op == "crossJoin":
            return df.crossJoin(self.other(s["right"]))
        if op == "union":
            return df.union(self.other(s["right"]))
        if op == "unionByName":
            return df.unionByName(self.other(s["right"]), allowMissingColumns=s.get("allowMissingColumns", False))
        if op == "alias":
            return df.alias(s["name"])
        if op == "orderBy":
            return df.orderBy(*[column(a) if isinstance(a, dict) else sort_column(a) for a in s["args"]])
        if op == "distinct":
            return df.distinct()
        if op == "dropDuplicates":
            return df.dropDuplicates(s["args"]) if "args" in s else df.dropDuplicates()
        if op == "limit":
            return df.limit(s["n"])
        raise AssertionError(op)


# The TypeScript Column API names operators as methods; PySpark spells them as Python operators.
PY_METHODS = {
    "plus": "__add__", "minus": "__sub__", "multiply": "__mul__", "divide": "__truediv__", "mod": "__mod__",
    "eq": "__eq__", "ne": "__ne__", "lt": "__lt__", "leq": "__le__", "gt": "__gt__", "geq": "__ge__",
    "and": "__and__", "or": "__or__", "not": "__invert__", "negate": "__neg__",
}


def column(spec):
    """A column expression object: {col|lit|expr|fn+args} with an optional method chain."""
    from pyspark.sql import functions as F

    if "col" in spec:
        c = F.col(spec["col"])
    elif "lit" in spec:
        c = F.lit(spec["lit"])
    elif "expr" in spec:
        c = F.expr(spec["expr"])
    elif "fn" in spec:
        c = getattr(F, spec["fn"])(*[argument(a) for a in spec.get("args", [])])
    else:
        raise SystemExit("bad column spec %r" % (spec,))
    for m in spec.get("chain", []):
        c = getattr(c, PY_METHODS.get(m["m"], m["m"]))(*[argument(a) for a in m.get("args", [])])
    return c


def argument(a):
    """Objects are column expressions; anything else is passed as the plain value it is."""
    return column(a) if isinstance(a, dict) else a


def expr_or_column(x):
    """Strings in agg/key/withColumn positions are SQL expressions (F.expr); objects are column specs."""
    from pyspark.sql import functions as F

    return column(x) if isinstance(x, dict) else F.expr(x)


def sort_column(text):
    from pyspark.sql import functions as F

    m = SORT_RE.match(text)
    expr, direction, nulls = m.group(1), (m.group(2) or "ASC").upper(), (m.group(3) or "").upper()
    c = F.expr(expr)
    if direction == "ASC":
        return c.asc_nulls_last() if nulls == "LAST" else c.asc_nulls_first()
    return c.desc_nulls_first() if nulls == "FIRST" else c.desc_nulls_last()


# ---------------------------------------------------------------- running

class CaseProblem(Exception):
    """A case that does not behave as written (fix the case, not the fixture)."""


def _call(obj, *names):
    for name in names:
        fn = getattr(obj, name, None)
        if fn is None:
            continue
        try:
            value = fn()
        except Exception:  # noqa: BLE001 - the other spelling may exist
            continue
        if value:
            return value
    return None


def error_info(e, phase):
    """Spark's error class, parameters and first message line, from a pyspark or a raw JVM error."""
    cls = _call(e, "getCondition", "getErrorClass")
    params = _call(e, "getMessageParameters") or {}
    message = str(e)
    java = getattr(e, "java_exception", None)
    while not cls and java is not None:
        cls = _call(java, "getCondition", "getErrorClass")
        if cls:
            jparams = _call(java, "getMessageParameters")
            params = {k: jparams[k] for k in jparams} if jparams else {}
            message = java.getMessage()
        java = java.getCause()
    if not cls:
        raise CaseProblem("%s error without an error class: %s" % (phase, e))
    first = next((line for line in message.split("\n") if line.strip()), "")
    first = re.sub(r"^\[[A-Z0-9_.]+\]\s*", "", first)
    first = re.sub(r"\s*SQLSTATE: \w+.*$", "", first)
    return {"class": cls, "message": first, "parameters": dict(params), "phase": phase}


def sort_table_rows(text):
    """Unordered results: data lines sorted, so Spark's plan choices cannot change the fixture bytes.

    The runner sorts both sides again before comparing (normaliseUnordered in case-model.ts)."""
    lines = text.split("\n")
    sep = lines[0] if lines else ""
    if not sep.startswith("+") or len(lines) < 3 or lines[2] != sep:
        return text
    try:
        end = lines.index(sep, 3)
    except ValueError:
        return text
    return "\n".join(lines[:3] + sorted(lines[3:end]) + lines[end:])


def run_case(spark, case):
    conf = dict(BASE_CONF)
    conf.update(case.get("conf", {}))
    for k, v in conf.items():
        spark.conf.set(k, v)
    try:
        return run_case_inner(spark, case)
    finally:
        for k in case.get("conf", {}):
            if k not in BASE_CONF:
                spark.conf.unset(k)
        for k, v in BASE_CONF.items():
            spark.conf.set(k, v)


def run_case_inner(spark, case):
    output = case.get("output", "both")
    n, truncate, vertical = show_options(case)
    expected = {}
    try:
        df = Builder(spark, case).pipeline(case.get("from") or next(iter(case["inputs"])), case.get("steps", []))
        schema = df._jdf.schema().treeString()
    except Exception as e:  # noqa: BLE001
        if not case.get("expectError"):
            raise CaseProblem("failed during analysis: %s" % e)
        expected["error"] = error_info(e, "analysis")
        return expected
    if output in ("schema", "both"):
        expected["schema"] = schema
    if output in ("show", "both") or case.get("expectError"):
        trunc = 20 if truncate is True else 0 if truncate is False else int(truncate)
        try:
            text = df._jdf.showString(n, trunc, vertical)
        except Exception as e:  # noqa: BLE001
            if not case.get("expectError"):
                raise CaseProblem("failed during execution: %s" % e)
            expected["error"] = error_info(e, "execution")
            return expected
        if case.get("expectError"):
            raise CaseProblem("expected an error but Spark succeeded:\n%s" % text)
        if not is_ordered(case) and "only showing top" in text:
            raise CaseProblem("unordered result cut by n; add an orderBy step")
        if not is_ordered(case) and vertical and text.count("-RECORD ") > 1:
            raise CaseProblem("vertical output needs an ordered result")
        if output in ("show", "both"):
            expected["show"] = text if is_ordered(case) else sort_table_rows(text)
    return expected


def main(argv):
    import pyspark
    from pyspark.sql import SparkSession

    families = argv[1:] or sorted(f[:-5] for f in os.listdir(CASES_DIR) if f.endswith(".json"))
    logging.disable(logging.CRITICAL)
    spark = (
        SparkSession.builder.master("local[1]")
        .appName("sluice-conformance")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.sql.ansi.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("OFF")
    os.makedirs(FIXTURES_DIR, exist_ok=True)
    total = 0
    failed = []
    for family in families:
        path = os.path.join(CASES_DIR, family + ".json")
        with open(path, "rb") as f:
            raw = f.read()
        cases = expand_cases(family, json.loads(raw.decode("utf-8")))
        out_cases = []
        started = time.time()
        problems = []
        for case in cases:
            try:
                out_cases.append({"case": case, "expected": run_case(spark, case)})
            except CaseProblem as p:
                problems.append("%s/%s: %s" % (family, case["name"], "\n    ".join(str(p).split("\n")[:4])))
        if problems:
            failed.extend(problems)
            print("%-12s NOT written: %d problem case(s)" % (family, len(problems)), flush=True)
            continue
        fixture = {
            "family": family,
            "generator": "pyspark %s" % pyspark.__version__,
            "cases": out_cases,
        }
        with open(os.path.join(FIXTURES_DIR, family + ".json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(fixture, indent=1, sort_keys=True, ensure_ascii=False, allow_nan=False))
            f.write("\n")
        total += len(out_cases)
        print("%-12s %4d cases  %5.1fs" % (family, len(out_cases), time.time() - started), flush=True)
    print("total        %4d cases" % total)
    spark.stop()
    if failed:
        print("\n".join(["", "cases that need fixing:"] + failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv)
