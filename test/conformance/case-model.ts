/**
 * The conformance case format (see README.md) and the fixture files generate.py writes from it:
 * loading, the stale-fixture check, and the text normalisation the runner compares with.
 *
 * Invariants: a fixture embeds the already-expanded case it was produced from, so the runner needs
 * nothing but the fixture; the runner re-expands the case file and compares it with those embedded
 * copies, so an edit to a case file without regenerating is reported, never silently run (the
 * comparison is on parsed JSON, so reformatting a case file does not make fixtures stale).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parseExactJson } from './exact-json.js';

export const CONFORMANCE_DIR = dirname(fileURLToPath(import.meta.url));
export const CASES_DIR = join(CONFORMANCE_DIR, 'cases');
export const FIXTURES_DIR = join(CONFORMANCE_DIR, 'fixtures');

/** Session settings every case starts from (generate.py uses the same ones). */
export const BASE_CONF: Readonly<Record<string, string>> = {
  'spark.sql.ansi.enabled': 'false',
  'spark.sql.session.timeZone': 'UTC',
};

export interface InputTable {
  /** Spark DDL, e.g. `'k STRING, v INT, s STRUCT<x: INT, y: STRING>'`. */
  readonly schema: string;
  /** One JSON array per row; structs are arrays too (one slot per field). */
  readonly rows: readonly (readonly unknown[])[];
}

/** Another DataFrame used by join/union: an input's name, or a small pipeline over an input. */
export type OtherRef = string | { readonly from: string; readonly steps?: readonly Step[] };

/**
 * A column built with the functions module and Column methods instead of SQL text:
 * `{ "fn": "create_map", "args": [{ "lit": "k" }, "a"] }`, `{ "col": "a", "chain": [{ "m": "isin", "args": [1, 2] }] }`.
 * Object arguments are columns; anything else is passed as the plain value (a string is whatever
 * PySpark makes of it: usually a column name). Method names are the TypeScript Column's (`plus`,
 * `eq`, `and`, `not`, `isNull`, `getField`, `otherwise` …); generate.py maps operators to Python's.
 */
export type ColumnSpec = (
  | { readonly col: string }
  | { readonly lit: unknown }
  | { readonly expr: string }
  | { readonly fn: string; readonly args?: readonly Arg[] }
) & { readonly chain?: readonly { readonly m: string; readonly args?: readonly Arg[] }[] };

export type Arg = ColumnSpec | string | number | boolean | null | readonly unknown[];

/** SQL expression text (through F.expr) or a column spec. */
export type ExprOrColumn = string | ColumnSpec;

export type Step =
  | { readonly op: 'selectExpr' | 'drop'; readonly args: readonly string[] }
  | { readonly op: 'select'; readonly args: readonly Arg[] }
  | { readonly op: 'filter' | 'where'; readonly args: readonly [Arg] }
  | { readonly op: 'withColumn'; readonly name: string; readonly expr?: string; readonly column?: ColumnSpec }
  | { readonly op: 'withColumnRenamed'; readonly from: string; readonly to: string }
  | {
      readonly op: 'groupBy' | 'rollup' | 'cube';
      readonly keys?: readonly ExprOrColumn[];
      readonly agg?: readonly ExprOrColumn[];
      readonly pivot?: { readonly column: string; readonly values?: readonly unknown[] };
    }
  | { readonly op: 'agg'; readonly args: readonly ExprOrColumn[] }
  | {
      readonly op: 'join';
      readonly right: OtherRef;
      readonly on?: ExprOrColumn | readonly string[];
      readonly how?: string;
    }
  | { readonly op: 'crossJoin' | 'union'; readonly right: OtherRef }
  | { readonly op: 'unionByName'; readonly right: OtherRef; readonly allowMissingColumns?: boolean }
  | { readonly op: 'alias'; readonly name: string }
  | { readonly op: 'orderBy'; readonly args: readonly ExprOrColumn[] }
  | { readonly op: 'distinct' }
  | { readonly op: 'dropDuplicates'; readonly args?: readonly string[] }
  | { readonly op: 'limit'; readonly n: number };

export function isColumnSpec(a: unknown): a is ColumnSpec {
  return typeof a === 'object' && a !== null && !Array.isArray(a);
}

export interface ShowOptions {
  readonly n?: number;
  readonly truncate?: boolean | number;
  readonly vertical?: boolean;
}

export interface ConformanceCase {
  readonly name: string;
  /** Run once per zone (as `name[zone]`, with spark.sql.session.timeZone set); expanded by the generator. */
  readonly timeZones?: readonly string[];
  readonly description?: string;
  readonly conf?: Readonly<Record<string, string>>;
  readonly inputs: Readonly<Record<string, InputTable>>;
  /** The input the main pipeline starts from; default: the first input. */
  readonly from?: string;
  readonly steps?: readonly Step[];
  readonly output?: 'show' | 'schema' | 'both';
  readonly show?: ShowOptions;
  /** Whether row order is part of the answer; default: true iff the steps contain an orderBy. */
  readonly ordered?: boolean;
  readonly expectError?: boolean;
  /** Also require Sluice's error message to contain Spark's (without SQLSTATE / query context). */
  readonly checkMessage?: boolean;
}

export interface ExpectedError {
  readonly class: string;
  readonly message: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** `analysis`: raised while building the DataFrame; `execution`: raised by showString. */
  readonly phase: 'analysis' | 'execution';
}

export interface FixtureCase {
  readonly case: ConformanceCase;
  readonly expected: { readonly show?: string; readonly schema?: string; readonly error?: ExpectedError };
}

export interface Fixture {
  readonly family: string;
  readonly generator: string;
  readonly cases: readonly FixtureCase[];
}

export interface FamilyFiles {
  readonly family: string;
  readonly casesPath: string;
  readonly fixturePath: string;
}

/** Families present in cases/, filtered by CONFORMANCE_FAMILY (comma-separated) when set. */
export function listFamilies(filter = process.env.CONFORMANCE_FAMILY): FamilyFiles[] {
  const wanted = filter
    ? new Set(
        filter
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
    : undefined;
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((family) => !wanted || wanted.has(family))
    .sort()
    .map((family) => ({
      family,
      casesPath: join(CASES_DIR, `${family}.json`),
      fixturePath: join(FIXTURES_DIR, `${family}.json`),
    }));
}

/**
 * The fixture, with each embedded case replaced by its identical twin from the case file: the
 * fixture stores keys sorted, but the default `from` is the first input *as written*, so the
 * case file's key order is the one to run. Integers beyond ±2^53 are read as bigints.
 */
export function loadFixture(files: FamilyFiles): Fixture | undefined {
  if (!existsSync(files.fixturePath)) return undefined;
  const fixture = parseExactJson(readFileSync(files.fixturePath, 'utf8')) as Fixture;
  const written = new Map(readCases(files).map((c) => [c.name, c]));
  const cases = fixture.cases.map((fc) => {
    const twin = written.get(fc.case.name);
    return twin && isDeepStrictEqual(twin, fc.case) ? { ...fc, case: twin } : fc;
  });
  return { ...fixture, cases };
}

function readCases(files: FamilyFiles): ConformanceCase[] {
  return expandCases(parseExactJson(readFileSync(files.casesPath, 'utf8')) as ConformanceCase[]);
}

/** A case with `timeZones` becomes one case per zone, named `name[zone]` (as generate.py does). */
export function expandCases(raw: readonly ConformanceCase[]): ConformanceCase[] {
  return raw.flatMap((c) => {
    if (!c.timeZones?.length) return [c];
    const { timeZones, ...rest } = c;
    return timeZones.map((z) => ({
      ...rest,
      name: `${c.name}[${z}]`,
      conf: { ...c.conf, 'spark.sql.session.timeZone': z },
    }));
  });
}

/** Undefined when the fixture was generated from the current case file; otherwise why not. */
export function staleness(files: FamilyFiles, fixture: Fixture | undefined): string | undefined {
  const regenerate = `run \`npm run conformance:generate -- ${files.family}\` (needs pyspark)`;
  if (!fixture) return `no fixture for family '${files.family}': ${regenerate}`;
  const current = readCases(files);
  const generated = new Map(fixture.cases.map((fc) => [fc.case.name, fc.case]));
  const changed = current.filter((c) => !isDeepStrictEqual(c, generated.get(c.name))).map((c) => c.name);
  const names = new Set(current.map((c) => c.name));
  const removed = [...generated.keys()].filter((n) => !names.has(n));
  if (changed.length === 0 && removed.length === 0) return undefined;
  const list = (xs: string[]) => xs.slice(0, 10).join(', ') + (xs.length > 10 ? ', …' : '');
  return [
    `cases/${files.family}.json changed since its fixture was generated: ${regenerate}`,
    changed.length ? `new or edited: ${list(changed)}` : '',
    removed.length ? `removed: ${list(removed)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function isOrdered(c: ConformanceCase): boolean {
  return c.ordered ?? (c.steps ?? []).some((s) => s.op === 'orderBy');
}

export function showOptions(c: ConformanceCase): {
  n: number;
  truncate: boolean | number;
  vertical: boolean;
} {
  return { n: c.show?.n ?? 20, truncate: c.show?.truncate ?? true, vertical: c.show?.vertical ?? false };
}

export interface SortSpec {
  readonly expr: string;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

/** `"<sql expr> [ASC|DESC] [NULLS FIRST|LAST]"` → parts; defaults as in Spark (ASC NULLS FIRST, DESC NULLS LAST). */
export function parseSortSpec(text: string): SortSpec {
  const m = /^([\s\S]*?)(?:\s+(ASC|DESC))?(?:\s+NULLS\s+(FIRST|LAST))?\s*$/i.exec(text);
  const expr = m?.[1] ?? text;
  const ascending = (m?.[2] ?? 'ASC').toUpperCase() === 'ASC';
  const nulls = m?.[3]?.toUpperCase();
  return { expr, ascending, nullsFirst: nulls ? nulls === 'FIRST' : ascending };
}

/**
 * For results whose order is not part of the answer: the table's data lines sorted, everything
 * else (borders, header, footer) kept in place. Column widths do not depend on row order.
 */
export function normaliseUnordered(text: string): string {
  const lines = text.split('\n');
  const sep = lines[0];
  if (!sep?.startsWith('+') || lines[2] !== sep) return text;
  const end = lines.indexOf(sep, 3);
  if (end < 0) return text;
  const data = lines.slice(3, end).sort();
  return [...lines.slice(0, 3), ...data, ...lines.slice(end)].join('\n');
}
