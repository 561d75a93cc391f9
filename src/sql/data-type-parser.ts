/**
 * Type names inside SQL (`CAST(x AS decimal(10,2))`, `x::array<int>`, `CREATE TABLE t (a INT, …)`):
 * finds the extent of the type in the token stream and hands the text to the DDL parser
 * (src/types/ddl.ts), so there is one type grammar in the engine.
 *
 * Invariant: errors from the DDL parser are re-raised as ParseExceptions positioned in the
 * statement text (not in the type substring).
 */
import type { DataType, StructType } from '../types/data-type.js';
import { parseDataType, parseSchema } from '../types/ddl.js';
import { ParseException, SluiceError } from '../util/errors.js';
import type { TokenStream } from './token-stream.js';

const INTERVAL_UNITS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'TO']);

/** Parses a data type at the cursor. */
export function parseTypeAt(p: TokenStream): DataType {
  const first = p.peek();
  if (first.kind !== 'word' && first.kind !== 'quoted') p.fail();
  p.next();
  if (first.value === 'INTERVAL') {
    while (p.peek().kind === 'word' && INTERVAL_UNITS.has(p.peek().value)) p.next();
  } else if (p.isOp('(')) {
    skipBalanced(p, '(', ')');
  } else if (p.isOp('<') || p.isOp('<>')) {
    skipAngles(p);
  }
  const end = p.prev().end;
  return withStatementPositions(p, first.start, () => parseDataType(p.text.slice(first.start, end)));
}

/** `(a INT NOT NULL COMMENT 'x', b STRING)` → StructType (the parentheses included). */
export function parseColumnList(p: TokenStream): StructType {
  const open = p.expectOp('(');
  skipBalanced(p, '(', ')', true);
  const close = p.prev();
  return withStatementPositions(p, open.end, () => parseSchema(p.text.slice(open.end, close.start)));
}

function skipBalanced(p: TokenStream, open: string, close: string, alreadyOpen = false): void {
  let depth = 0;
  if (alreadyOpen) depth = 1;
  else {
    p.expectOp(open);
    depth = 1;
  }
  while (depth > 0) {
    const t = p.next();
    if (t.kind === 'eof' || t.kind === 'error') p.fail(t);
    if (t.kind === 'op' && t.value === open) depth++;
    else if (t.kind === 'op' && t.value === close) depth--;
  }
}

/** `<…>` with nesting; the lexer may have glued closers together (`>>`, `>>>`) or made `<>` of an empty struct. */
function skipAngles(p: TokenStream): void {
  let depth = 0;
  do {
    const t = p.next();
    if (t.kind === 'eof' || t.kind === 'error') p.fail(t);
    if (t.kind !== 'op') continue;
    if (t.value === '<') depth++;
    else if (t.value === '>') depth--;
    else if (t.value === '>>') depth -= 2;
    else if (t.value === '>>>') depth -= 3;
    else if (t.value === '>=' || t.value === '<=') p.fail(t);
  } while (depth > 0);
  if (depth < 0) p.fail(p.prev());
}

function withStatementPositions<T>(p: TokenStream, base: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof SluiceError)) throw e;
    const rel = typeof e.context.pos === 'number' ? e.context.pos : undefined;
    const message = e.message.replace(/^\[[^\]]+\] /, '').replace(/ \(line \d+, pos \d+\)$/, '');
    if (e.errorClass === 'PARSE_SYNTAX_ERROR' && rel !== undefined) {
      const at = base + rel;
      const tok = p.tokens.find((t) => t.start >= at) ?? p.tokens[p.tokens.length - 1]!;
      throw p.syntaxError(tok);
    }
    const offset = base + (rel ?? 0);
    const tok = p.tokens.find((t) => t.start >= offset) ?? p.peek();
    throw new ParseException(e.errorClass, message, {
      fragment: p.text.slice(tok.start, tok.end),
      offset: tok.start,
      startIndex: tok.start,
      stopIndex: Math.max(tok.start, tok.end - 1),
    });
  }
}
