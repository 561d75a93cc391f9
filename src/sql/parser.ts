/**
 * Public entry points of the Spark SQL parser. The parser builds unresolved trees only
 * (`Expr` from src/expr/expression.ts, `LogicalPlan` from src/plan/logical-plan.ts); the analyzer
 * resolves names, functions and types. Conventions the analyzer relies on are documented in the
 * module headers: expression-parser.ts (operators), primary-expression.ts (calls and special
 * syntaxes), window-spec.ts, query-parser.ts, grouping.ts, relation-parser.ts and
 * statement-parser.ts (command args).
 *
 * Errors are ParseExceptions with Spark's error classes and messages (`[PARSE_SYNTAX_ERROR] Syntax
 * error at or near 'x'. (line 1, pos 9)`); a few checks Spark makes at analysis that need parse-time
 * values (LIMIT must be a constant, WINDOW names must exist) raise AnalysisException here.
 */
import type { Expr } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { parseNamedExpression, parseQuery as parseQueryAt } from './query-parser.js';
import { emptyStatement, parseStatementAt } from './statement-parser.js';
import { type ParseOptions, TokenStream } from './token-stream.js';

export interface ParseContext {
  /** Session time zone for TIMESTAMP literals (default 'UTC'). */
  readonly timeZone?: string;
  /** Partitions of `FROM range(n)` without an explicit count (default 1). */
  readonly defaultParallelism?: number;
  /** Partitions for DISTRIBUTE BY / CLUSTER BY (`spark.sql.shuffle.partitions`, default 200). */
  readonly shufflePartitions?: number;
}

function stream(text: string, ctx: ParseContext = {}): TokenStream {
  const options: ParseOptions = {
    timeZone: ctx.timeZone ?? 'UTC',
    defaultParallelism: ctx.defaultParallelism ?? 1,
    shufflePartitions: ctx.shufflePartitions ?? 200,
  };
  const p = new TokenStream(text, options);
  if (p.atEnd()) throw emptyStatement(p);
  return p;
}

/**
 * The end of a statement: optional semicolons, then the end of the text. A leftover token is
 * reported as Spark does: "extra input" when it is the last token or follows a semicolon.
 */
function finish(p: TokenStream, allowSemicolons: boolean): void {
  let sawSemicolon = false;
  while (allowSemicolons && p.acceptOp(';')) sawSemicolon = true;
  if (p.atEnd()) return;
  p.fail(p.peek(), sawSemicolon || p.peek(1).kind === 'eof');
}

/** A SQL expression with an optional alias (`F.expr`, `selectExpr`, `filter('…')`). */
export function parseExpression(text: string, ctx?: ParseContext): Expr {
  const p = stream(text, ctx);
  const e = parseNamedExpression(p);
  finish(p, false);
  return e;
}

/** A query or a command. */
export function parseStatement(text: string, ctx?: ParseContext): LogicalPlan {
  const p = stream(text, ctx);
  const plan = parseStatementAt(p);
  finish(p, true);
  return plan;
}

/** A query only (SELECT, WITH, VALUES, TABLE, set operations). */
export function parseQuery(text: string, ctx?: ParseContext): LogicalPlan {
  const p = stream(text, ctx);
  const plan = parseQueryAt(p);
  finish(p, true);
  return plan;
}

/** `a.b.\`c d\`` → ['a', 'b', 'c d']. */
export function parseMultipartIdentifier(text: string): string[] {
  const p = stream(text);
  const parts = p.multipartIdentifier();
  finish(p, false);
  return parts;
}

/** A table name (`t`, `db.t`, `catalog.db.t`). */
export function parseTableIdentifier(text: string): string[] {
  return parseMultipartIdentifier(text);
}
