/**
 * Window specifications: `f(…) OVER (PARTITION BY … ORDER BY … ROWS|RANGE BETWEEN … AND …)`,
 * `OVER w` with a `WINDOW w AS (…)` clause, and the substitution of named windows.
 *
 * Invariants:
 * - Named windows are substituted while parsing the query specification that defines them (Spark
 *   does it in the analyzer; the result is the same), so plans only ever hold `windowExpression`
 *   nodes with a concrete spec. An undefined name fails with MISSING_WINDOW_SPECIFICATION.
 * - Frame bounds are numbers: n PRECEDING → -n, n FOLLOWING → n; an interval bound of a RANGE frame
 *   becomes its length in microseconds (days count 24 h; month intervals are rejected).
 */
import {
  type Expr,
  type FrameBoundary,
  transformDown,
  type WindowExpression,
  type WindowFrame,
  type WindowSpec,
} from '../expr/expression.js';
import { type CalendarInterval, type DataType, sqlTypeName } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import { parseExpressionList, parseSortItems, parseValueExpression } from './expression-parser.js';
import type { TokenStream, WindowReference } from './token-stream.js';

const WINDOW_DOC =
  "For more information about WINDOW clauses, please refer to 'https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-window.html'.";

function missingWindow(name: string): AnalysisException {
  return new AnalysisException(
    'MISSING_WINDOW_SPECIFICATION',
    `Window specification is not defined in the WINDOW clause for ${name}. ${WINDOW_DOC}`,
  );
}

/** `OVER …` after a function call (the cursor is on OVER). */
export function parseOver(p: TokenStream, fn: Expr): Expr {
  p.expectWord('OVER');
  const spec = parseWindowSpecOrName(p);
  if (typeof spec !== 'string') return { kind: 'windowExpression', fn, spec };
  const node: WindowExpression = { kind: 'windowExpression', fn, spec: { partitionSpec: [], orderSpec: [] } };
  const scope = p.windowScopes[p.windowScopes.length - 1];
  if (!scope) throw missingWindow(spec);
  scope.push({ node, name: spec, offset: p.prev().start });
  return node;
}

/** `name`, `(name)` or `( spec )`: a window name (string) or a spec. */
function parseWindowSpecOrName(p: TokenStream): WindowSpec | string {
  if (!p.isOp('(')) return p.identifier();
  if (p.isIdentifier(1) && p.isOp(')', 2)) {
    p.next();
    const name = p.identifier();
    p.next();
    return name;
  }
  p.expectOp('(');
  const spec = parseWindowSpecBody(p);
  p.expectOp(')');
  return spec;
}

function parseWindowSpecBody(p: TokenStream): WindowSpec {
  let partitionSpec: Expr[] = [];
  if (
    p.acceptWords('PARTITION', 'BY') ||
    p.acceptWords('DISTRIBUTE', 'BY') ||
    p.acceptWords('CLUSTER', 'BY')
  ) {
    partitionSpec = parseExpressionList(p);
  }
  const orderSpec = p.acceptWords('ORDER', 'BY') || p.acceptWords('SORT', 'BY') ? parseSortItems(p) : [];
  const frame = p.atWord('ROWS', 'RANGE') ? parseFrame(p) : undefined;
  return frame ? { partitionSpec, orderSpec, frame } : { partitionSpec, orderSpec };
}

function parseFrame(p: TokenStream): WindowFrame {
  const start = p.peek();
  const frameType = p.next().value === 'ROWS' ? 'rows' : 'range';
  let lower: Bound;
  let upper: Bound = { value: 'currentRow' };
  if (p.acceptWord('BETWEEN')) {
    lower = parseBound(p);
    p.expectWord('AND');
    upper = parseBound(p);
  } else lower = parseBound(p);
  if (frameType === 'rows') {
    const text = p.text.slice(start.start, p.prev().end);
    for (const [which, b] of [['lower', lower] as const, ['upper', upper] as const]) {
      if (b.type && b.type.kind !== 'integer' && b.type.kind !== 'short' && b.type.kind !== 'byte') {
        throw new AnalysisException(
          'DATATYPE_MISMATCH.SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE',
          `Cannot resolve "${text}" due to data type mismatch: The data type of the ${which} bound "${sqlTypeName(b.type)}" does not match the expected data type "INT".`,
        );
      }
    }
  }
  return { frameType, lower: lower.value, upper: upper.value };
}

interface Bound {
  readonly value: FrameBoundary;
  readonly type?: DataType;
}

function parseBound(p: TokenStream): Bound {
  if (p.isWord('UNBOUNDED') && p.atWordAt(1, 'PRECEDING', 'FOLLOWING')) {
    p.next();
    return { value: p.next().value === 'PRECEDING' ? 'unboundedPreceding' : 'unboundedFollowing' };
  }
  if (p.acceptWords('CURRENT', 'ROW')) return { value: 'currentRow' };
  const start = p.peek();
  const value = parseValueExpression(p);
  if (!p.atWord('PRECEDING', 'FOLLOWING')) p.fail();
  const preceding = p.next().value === 'PRECEDING';
  const b = boundValue(value);
  if (!b) {
    throw p.errorAt(
      'INVALID_SQL_SYNTAX.INVALID_WINDOW_FRAME_BOUND',
      'Invalid SQL syntax: Frame bound value must be a literal.',
      start,
      p.prev(),
    );
  }
  return { value: preceding ? -b.n : b.n, type: b.type };
}

function boundValue(e: Expr): { n: number; type: DataType } | undefined {
  if (
    e.kind === 'unresolvedFunction' &&
    (e.name === '__unary_minus' || e.name === 'negative') &&
    e.args.length === 1
  ) {
    const inner = boundValue(e.args[0]!);
    return inner && { n: -inner.n, type: inner.type };
  }
  if (e.kind !== 'literal' || e.value === null) return undefined;
  const t = e.dataType;
  switch (t.kind) {
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return { n: Number(e.value), type: t };
    case 'decimal':
      return { n: Number(e.value as bigint) / 10 ** t.scale, type: t };
    case 'interval': {
      const iv = e.value as CalendarInterval;
      return iv.months === 0 ? { n: iv.days * 86_400_000_000 + iv.micros, type: t } : undefined;
    }
    case 'interval_dt':
      return { n: e.value as number, type: t };
    default:
      return undefined;
  }
}

/** `WINDOW w AS (…), w2 AS w` (the cursor is after WINDOW): name (lower case) → spec. */
export function parseWindowClause(p: TokenStream): Map<string, WindowSpec> {
  const raw = new Map<string, WindowSpec | string>();
  do {
    const name = p.identifier();
    p.expectWord('AS');
    raw.set(name.toLowerCase(), parseWindowSpecOrName(p));
  } while (p.acceptOp(','));
  const out = new Map<string, WindowSpec>();
  for (const [name, def] of raw) {
    let d: WindowSpec | string | undefined = def;
    for (let hops = 0; typeof d === 'string' && hops <= raw.size; hops++) d = raw.get(d.toLowerCase());
    if (d === undefined || typeof d === 'string') throw missingWindow(typeof def === 'string' ? def : name);
    out.set(name, d);
  }
  return out;
}

/** Replaces the `OVER name` placeholders recorded in `refs` with their definitions. */
export function substituteWindows(
  exprs: readonly Expr[],
  refs: readonly WindowReference[],
  defs: ReadonlyMap<string, WindowSpec>,
): Expr[] {
  if (refs.length === 0) return [...exprs];
  const byNode = new Map<Expr, WindowSpec>();
  for (const r of refs) {
    const spec = defs.get(r.name.toLowerCase());
    if (!spec) throw missingWindow(r.name);
    byNode.set(r.node, spec);
  }
  return exprs.map((e) =>
    transformDown(e, (n) => {
      const spec = byNode.get(n);
      return spec && n.kind === 'windowExpression' ? { ...n, spec } : undefined;
    }),
  );
}
