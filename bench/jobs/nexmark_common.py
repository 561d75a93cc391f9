"""The Nexmark queries for pyspark: the same SQL files as bench/nexmark/nexmark-queries.ts reads
(bench/nexmark/queries/*.sql), the event schema of `sluice generate nexmark` JSON lines, and
which queries aggregate or need Spark's batch mode (distinct aggregates on streams)."""
import os

QUERY_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "nexmark", "queries")

# Same as src/generator/nexmark/nexmark-schema.ts NEXMARK_DDL.
NEXMARK_DDL = (
    "event_type INT, "
    "person STRUCT<id: BIGINT, name: STRING, emailAddress: STRING, creditCard: STRING, city: STRING, state: STRING, dateTime: TIMESTAMP, extra: STRING>, "
    "auction STRUCT<id: BIGINT, itemName: STRING, description: STRING, initialBid: BIGINT, reserve: BIGINT, dateTime: TIMESTAMP, expires: TIMESTAMP, seller: BIGINT, category: BIGINT, extra: STRING>, "
    "bid STRUCT<auction: BIGINT, bidder: BIGINT, price: BIGINT, channel: STRING, url: STRING, dateTime: TIMESTAMP, extra: STRING>, "
    "dateTime TIMESTAMP"
)

# Mirror of NEXMARK_QUERIES in bench/nexmark/nexmark-queries.ts.
QUERIES = [
    {"name": "q0", "stateful": False, "spark_batch_only": False},
    {"name": "q1", "stateful": False, "spark_batch_only": False},
    {"name": "q2", "stateful": False, "spark_batch_only": False},
    {"name": "q14", "stateful": False, "spark_batch_only": False},
    {"name": "q15", "stateful": True, "spark_batch_only": True},
    {"name": "q16", "stateful": True, "spark_batch_only": True},
    {"name": "q17", "stateful": True, "spark_batch_only": False},
    {"name": "q21", "stateful": False, "spark_batch_only": False},
    {"name": "q22", "stateful": False, "spark_batch_only": False},
]


def _sql_text(file):
    with open(os.path.join(QUERY_DIR, file)) as f:
        lines = [line for line in f.read().split("\n") if not line.lstrip().startswith("--")]
    return "\n".join(lines).strip()


def view_statements():
    return [s.strip() for s in _sql_text("views.sql").split(";") if s.strip()]


def query_sql(name):
    return _sql_text(f"{name}.sql")
