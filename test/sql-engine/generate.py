#!/usr/bin/env python3
"""Regenerates the SQL golden corpus fixtures from real Apache Spark (pyspark 4.3.0).

1. Builds the corpus tables deterministically (a seeded PRNG; TPC-H-style schemas at a tiny scale:
   region, nation, supplier, customer, part, partsupp, orders, lineitem; plus small tables with
   nulls, duplicates and nested types) and writes them to fixtures/tables.json. The TypeScript
   runner loads the same file, so both engines see identical rows.
2. Runs every query of corpus/*.sql in ONE local Spark session and writes fixtures/<file>.json with,
   per query: the SQL text, the column names, the column types (simpleString), the rows in a
   canonical JSON form (see `canon`), whether the result order is significant (a top-level ORDER
   BY), or, for a failing query, Spark's error class.

Corpus file format: statements end with `;` at the end of a line; `-- name: x` before a statement
names it (otherwise `<file>#<n>`); other `--` lines are comments.

Invariants: deterministic (local[1], UTC, fixed seeds, sorted keys), so re-running reproduces
byte-identical fixtures; the canonical value form is mirrored in corpus-values.ts.

Usage:  python3 test/sql-engine/generate.py [corpus-file-stem ...]   (default: every file)
"""

import datetime
import json
import math
import os
import random
import re
import sys
import time
from decimal import Decimal

os.environ["TZ"] = "UTC"
time.tzset()

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS_DIR = os.path.join(HERE, "corpus")
FIXTURES_DIR = os.path.join(HERE, "fixtures")

CONF = {
    "spark.sql.ansi.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
}

# ---------------------------------------------------------------- tables

D = datetime.date


def money(rng, lo, hi):
    return "%.2f" % (rng.randint(int(lo * 100), int(hi * 100)) / 100)


def day(d):
    return d.isoformat()


REGIONS = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"]
NATIONS = [
    ("ALGERIA", 0), ("ARGENTINA", 1), ("BRAZIL", 1), ("CANADA", 1), ("EGYPT", 4), ("ETHIOPIA", 0),
    ("FRANCE", 3), ("GERMANY", 3), ("INDIA", 2), ("INDONESIA", 2), ("IRAN", 4), ("IRAQ", 4), ("JAPAN", 2),
    ("JORDAN", 4), ("KENYA", 0), ("MOROCCO", 0), ("MOZAMBIQUE", 0), ("PERU", 1), ("CHINA", 2), ("ROMANIA", 3),
    ("SAUDI ARABIA", 4), ("VIETNAM", 2), ("RUSSIA", 3), ("UNITED KINGDOM", 3), ("UNITED STATES", 1),
]
COLORS = ["almond", "antique", "aquamarine", "azure", "beige", "blue", "blush", "brown", "burlywood",
          "chartreuse", "chocolate", "coral", "cornflower", "cream", "cyan", "forest", "green", "khaki",
          "lace", "lavender", "lemon", "linen", "maroon", "navy", "olive", "orange", "peach", "plum"]
TYPES1 = ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"]
TYPES2 = ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"]
TYPES3 = ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"]
CONT1 = ["SM", "MED", "LG", "JUMBO", "WRAP"]
CONT2 = ["CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"]
SEGMENTS = ["AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"]
PRIORITIES = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"]
INSTRUCT = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"]
MODES = ["REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"]
WORDS = ["carefully", "final", "deposits", "quickly", "regular", "accounts", "special", "requests",
         "furiously", "ironic", "packages", "blithely", "pending", "foxes", "slyly", "express"]


def comment(rng, n=4):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def tpch_tables():
    rng = random.Random(20240601)
    t = {}
    t["region"] = ("r_regionkey INT, r_name STRING, r_comment STRING",
                   [[i, n, comment(rng)] for i, n in enumerate(REGIONS)])
    t["nation"] = ("n_nationkey INT, n_name STRING, n_regionkey INT, n_comment STRING",
                   [[i, n, r, comment(rng)] for i, (n, r) in enumerate(NATIONS)])
    suppliers = []
    for k in range(1, 21):
        note = "Customer Complaints" if k in (7, 13) else comment(rng)
        suppliers.append([k, "Supplier#%09d" % k, "addr%d" % rng.randint(100, 999), rng.randint(0, 24),
                          "%02d-%03d-%04d" % (rng.randint(10, 34), rng.randint(100, 999), rng.randint(1000, 9999)),
                          money(rng, -999.99, 9999.99), note])
    t["supplier"] = ("s_suppkey INT, s_name STRING, s_address STRING, s_nationkey INT, s_phone STRING, "
                     "s_acctbal DECIMAL(15,2), s_comment STRING", suppliers)
    parts = []
    for k in range(1, 41):
        name = " ".join(rng.sample(COLORS, 3))
        m = rng.randint(1, 5)
        parts.append([k, name, "Manufacturer#%d" % m, "Brand#%d%d" % (m, rng.randint(1, 5)),
                      "%s %s %s" % (rng.choice(TYPES1), rng.choice(TYPES2), rng.choice(TYPES3)),
                      rng.randint(1, 50), "%s %s" % (rng.choice(CONT1), rng.choice(CONT2)),
                      "%.2f" % (900 + k + (k % 10) * 10.5), comment(rng, 2)])
    t["part"] = ("p_partkey INT, p_name STRING, p_mfgr STRING, p_brand STRING, p_type STRING, p_size INT, "
                 "p_container STRING, p_retailprice DECIMAL(15,2), p_comment STRING", parts)
    partsupp = []
    for p in range(1, 41):
        for j in range(2):
            s = (p + j * 7) % 20 + 1
            partsupp.append([p, s, rng.randint(1, 9999), money(rng, 1, 1000), comment(rng)])
    t["partsupp"] = ("ps_partkey INT, ps_suppkey INT, ps_availqty INT, ps_supplycost DECIMAL(15,2), "
                     "ps_comment STRING", partsupp)
    customers = []
    for k in range(1, 31):
        nation = rng.randint(0, 24)
        customers.append([k, "Customer#%09d" % k, "caddr%d" % rng.randint(100, 999), nation,
                          "%02d-%03d-%04d" % (nation + 10, rng.randint(100, 999), rng.randint(1000, 9999)),
                          money(rng, -999.99, 9999.99), rng.choice(SEGMENTS), comment(rng)])
    t["customer"] = ("c_custkey INT, c_name STRING, c_address STRING, c_nationkey INT, c_phone STRING, "
                     "c_acctbal DECIMAL(15,2), c_mktsegment STRING, c_comment STRING", customers)
    orders, lines = [], []
    start, end = D(1992, 1, 1), D(1998, 8, 2)
    span = (end - start).days
    cutoff = D(1995, 6, 17)
    for i in range(1, 151):
        okey = i * 4 if i % 8 else i * 4 + 1
        cust = rng.choice([c for c in range(1, 31) if c % 3 != 0])
        odate = start + datetime.timedelta(days=rng.randint(0, span - 151))
        note = comment(rng, 3) + (" special requests" if i % 11 == 0 else "")
        total = Decimal(0)
        statuses = []
        for ln in range(1, rng.randint(1, 7) + 1):
            p = rng.randint(1, 40)
            s = (p + rng.randint(0, 1) * 7) % 20 + 1
            qty = rng.randint(1, 50)
            price = Decimal(parts[p - 1][7]) * qty
            disc = Decimal(rng.randint(0, 10)) / 100
            tax = Decimal(rng.randint(0, 8)) / 100
            ship = odate + datetime.timedelta(days=rng.randint(1, 121))
            commit = odate + datetime.timedelta(days=rng.randint(30, 90))
            receipt = ship + datetime.timedelta(days=rng.randint(1, 30))
            flag = rng.choice(["R", "A"]) if receipt <= cutoff else "N"
            status = "O" if ship > cutoff else "F"
            statuses.append(status)
            total += price * (1 + tax) * (1 - disc)
            lines.append([okey, p, s, ln, "%.2f" % qty, "%.2f" % price, "%.2f" % disc, "%.2f" % tax, flag, status,
                          day(ship), day(commit), day(receipt), rng.choice(INSTRUCT), rng.choice(MODES),
                          comment(rng, 2)])
        ostatus = "F" if all(s == "F" for s in statuses) else "O" if all(s == "O" for s in statuses) else "P"
        orders.append([okey, cust, ostatus, "%.2f" % total.quantize(Decimal("0.01")), day(odate),
                       rng.choice(PRIORITIES), "Clerk#%09d" % rng.randint(1, 20), 0, note])
    t["orders"] = ("o_orderkey INT, o_custkey INT, o_orderstatus STRING, o_totalprice DECIMAL(15,2), "
                   "o_orderdate DATE, o_orderpriority STRING, o_clerk STRING, o_shippriority INT, o_comment STRING",
                   orders)
    t["lineitem"] = ("l_orderkey INT, l_partkey INT, l_suppkey INT, l_linenumber INT, l_quantity DECIMAL(15,2), "
                     "l_extendedprice DECIMAL(15,2), l_discount DECIMAL(15,2), l_tax DECIMAL(15,2), "
                     "l_returnflag STRING, l_linestatus STRING, l_shipdate DATE, l_commitdate DATE, "
                     "l_receiptdate DATE, l_shipinstruct STRING, l_shipmode STRING, l_comment STRING", lines)
    return t


def small_tables():
    rng = random.Random(7)
    t = {}
    t["t1"] = ("a INT, b STRING, c DOUBLE", [
        [1, "x", 1.5], [2, "y", 2.5], [2, "y", 2.5], [3, None, -1.0], [None, "z", 0.0], [4, "x", None],
        [5, "w", 10.25], [None, None, None],
    ])
    t["t2"] = ("a INT, d STRING", [[1, "one"], [2, "two"], [2, "deux"], [6, "six"], [None, "null"]])
    t["t3"] = ("a INT, e INT", [[1, 10], [3, 30], [5, 50], [7, 70]])
    depts = [[10, "Engineering", "Berlin"], [20, "Sales", "Paris"], [30, "Marketing", "Paris"],
             [40, "Legal", None]]
    t["dept"] = ("dept_id INT, dept_name STRING, location STRING", depts)
    names = ["Ada", "Ben", "Cleo", "Dan", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jo", "Kai", "Liv", "Max", "Nia"]
    emps = []
    for i, n in enumerate(names, start=1):
        dept = [10, 20, 30, None][i % 4] if i % 7 else 10
        salary = float(3000 + (i * 731) % 4000)
        bonus = None if i % 5 == 0 else "%.2f" % (rng.randint(0, 200000) / 100)
        hired = D(2015, 1, 1) + datetime.timedelta(days=rng.randint(0, 3000))
        manager = None if i <= 2 else rng.randint(1, 2) if i <= 6 else rng.randint(3, 6)
        tags = [rng.choice(["a", "b", "c", "d"]) for _ in range(rng.randint(0, 3))]
        emps.append([i, n, dept, salary, bonus, day(hired), manager, i % 3 != 0, tags])
    t["emp"] = ("id INT, name STRING, dept_id INT, salary DOUBLE, bonus DECIMAL(10,2), hire_date DATE, "
                "manager_id INT, active BOOLEAN, tags ARRAY<STRING>", emps)
    t["nested"] = ("id INT, arr ARRAY<INT>, m MAP<STRING,INT>, s STRUCT<x: INT, y: STRING>", [
        [1, [1, 2, 3], {"a": 1, "b": 2}, [1, "one"]],
        [2, [], {}, [2, None]],
        [3, None, None, None],
        [4, [4, None, 4], {"c": 3}, [None, "four"]],
    ])
    sales = []
    for i in range(1, 41):
        sales.append([i, ["north", "south", "east", "west"][i % 4], ["apple", "pear", "plum"][i % 3],
                      2020 + i % 3, (i * 37) % 11 + 1, "%.2f" % ((i * 53) % 97 + 0.5)])
    t["sales"] = ("id INT, region STRING, product STRING, year INT, qty INT, price DECIMAL(8,2)", sales)
    return t


def build_tables():
    t = {}
    t.update(tpch_tables())
    t.update(small_tables())
    return {name: {"schema": schema, "rows": rows} for name, (schema, rows) in t.items()}


# ---------------------------------------------------------------- corpus

def read_corpus(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    queries, buf, name = [], [], None
    with open(path) as f:
        for line in f:
            s = line.strip()
            m = re.match(r"^--\s*name:\s*(\S+)", s)
            if m and not buf:
                name = m.group(1)
                continue
            if s.startswith("--") and not buf:
                continue
            if not s and not buf:
                continue
            buf.append(line.rstrip("\n"))
            if s.endswith(";"):
                text = "\n".join(buf).strip()
                text = text[:-1].rstrip()
                queries.append({"name": name or "%s#%d" % (stem, len(queries) + 1), "sql": text})
                buf, name = [], None
    if buf:
        raise SystemExit("%s: last statement has no ';'" % path)
    names = [q["name"] for q in queries]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SystemExit("%s: duplicate names %s" % (path, dupes))
    return queries


def strip_parens(sql):
    out, depth = [], 0
    for ch in re.sub(r"'(?:[^']|'')*'", "''", sql):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def is_ordered(sql):
    """A top-level ORDER BY makes the row order part of the expected result."""
    return re.search(r"\bORDER\s+BY\b", strip_parens(sql), re.IGNORECASE) is not None


# ---------------------------------------------------------------- canonical values (mirrored in corpus-values.ts)

def canon(v):
    from pyspark.sql import Row

    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v if abs(v) <= 2 ** 53 - 1 else str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return float("%.12g" % v)
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, datetime.datetime):
        s = v.strftime("%Y-%m-%d %H:%M:%S")
        return s + (".%06d" % v.microsecond).rstrip("0") if v.microsecond else s
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, Row):
        return [canon(x) for x in v]
    if isinstance(v, (list, tuple)):
        return [canon(x) for x in v]
    if isinstance(v, dict):
        return [[canon(k), canon(x)] for k, x in v.items()]
    if isinstance(v, (bytes, bytearray)):
        return list(v)
    return str(v)


def coerce(value, dt):
    from pyspark.sql import types as T

    if value is None:
        return None
    if isinstance(dt, T.DecimalType):
        return Decimal(value)
    if isinstance(dt, T.DateType):
        return datetime.date.fromisoformat(value)
    if isinstance(dt, (T.DoubleType, T.FloatType)):
        return float(value)
    if isinstance(dt, T.ArrayType):
        return [coerce(v, dt.elementType) for v in value]
    if isinstance(dt, T.MapType):
        return {k: coerce(v, dt.valueType) for k, v in value.items()}
    if isinstance(dt, T.StructType):
        return tuple(coerce(v, f.dataType) for v, f in zip(value, dt.fields))
    return value


def main(argv):
    tables = build_tables()
    os.makedirs(FIXTURES_DIR, exist_ok=True)
    with open(os.path.join(FIXTURES_DIR, "tables.json"), "w") as f:
        json.dump(tables, f, sort_keys=True, indent=1)
        f.write("\n")

    stems = argv or sorted(os.path.splitext(n)[0] for n in os.listdir(CORPUS_DIR) if n.endswith(".sql"))

    from pyspark.sql import SparkSession
    from pyspark.sql.types import _parse_datatype_string

    builder = SparkSession.builder.master("local[1]").appName("sluice-sql-corpus")
    for k, v in CONF.items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
    for name, spec in tables.items():
        schema = _parse_datatype_string(spec["schema"])
        rows = [coerce(r, schema) for r in spec["rows"]]
        spark.createDataFrame(rows, schema).createOrReplaceTempView(name)

    for stem in stems:
        out = []
        for q in read_corpus(os.path.join(CORPUS_DIR, stem + ".sql")):
            entry = {"name": q["name"], "sql": q["sql"], "ordered": is_ordered(q["sql"])}
            try:
                df = spark.sql(q["sql"])
                entry["columns"] = df.columns
                entry["types"] = [f.dataType.simpleString() for f in df.schema.fields]
                entry["rows"] = [[canon(v) for v in r] for r in df.collect()]
            except Exception as e:  # noqa: BLE001 - the error class is the expected result
                cls = getattr(e, "getCondition", lambda: None)()
                if not cls:  # a runtime failure arrives wrapped: take the first [ERROR_CLASS] in the text
                    m = re.search(r"\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*)\]", str(e))
                    cls = m.group(1) if m else type(e).__name__
                entry["error"] = cls
                print("  %s: %s" % (q["name"], str(e).splitlines()[0][:160]), file=sys.stderr)
            out.append(entry)
        with open(os.path.join(FIXTURES_DIR, stem + ".json"), "w") as f:
            json.dump(out, f, sort_keys=True, indent=1)
            f.write("\n")
        print("%s: %d queries" % (stem, len(out)))
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
