/**
 * Primary expressions: literals, column references (`a`, `t.a`, `` `odd name` ``), stars, function
 * calls (DISTINCT, FILTER, IGNORE/RESPECT NULLS, WITHIN GROUP, OVER), CASE, CAST/TRY_CAST, lambdas,
 * parenthesised expressions, row constructors, scalar subqueries, and the special call syntaxes
 * (`EXTRACT(f FROM x)`, `SUBSTRING(s FROM a FOR b)`, `TRIM(BOTH t FROM s)`, `POSITION(a IN b)`,
 * `OVERLAY(a PLACING b FROM p)`, `TIMESTAMPADD(unit, n, ts)`).
 *
 * Invariant: the parser does not know which functions exist; every call is an `unresolvedFunction`
 * with the name as written (dotted when qualified) and the registry resolves it case-insensitively.
 */
import { alias, type Expr, literal, unresolvedAttribute, unresolvedFunction } from '../expr/expression.js';
import { BooleanType, IntegerType, NullType, StringType } from '../types/data-type.js';
import { parseTypeAt } from './data-type-parser.js';
import {
  op,
  parseExpression,
  parseExpressionList,
  parseSortItems,
  parseValueExpression,
  stringLiteral,
} from './expression-parser.js';
import { intervalLiteral, startsIntervalValue } from './interval-literal.js';
import type { Token } from './lexer.js';
import { numericLiteral, typedLiteral } from './literals.js';
import { parseQuery, startsQuery } from './query-parser.js';
import type { TokenStream } from './token-stream.js';
import { parseOver } from './window-spec.js';

/** `minus`: a `-` already consumed that belongs to the number at the cursor. */
export function parsePrimary(p: TokenStream, minus?: Token): Expr {
  const t = p.peek();
  if (minus) {
    p.next();
    return numericLiteral(p, t, true, minus);
  }
  switch (t.kind) {
    case 'number':
      p.next();
      return numericLiteral(p, t, false);
    case 'string': {
      let s = '';
      while (p.peek().kind === 'string') s += p.next().value;
      return literal(s, StringType);
    }
    case 'op':
      if (t.value === '(') return parseParenthesized(p);
      if (t.value === '*') {
        p.next();
        return { kind: 'unresolvedStar' };
      }
      return p.fail();
    case 'word':
      return parseWord(p);
    case 'quoted':
      return parseName(p);
    default:
      return p.fail();
  }
}

const NO_PAREN_FUNCTIONS = new Set(['CURRENT_DATE', 'CURRENT_TIMESTAMP', 'CURRENT_USER', 'SESSION_USER']);

function parseWord(p: TokenStream): Expr {
  const t = p.peek();
  const next = p.peek(1);
  const callFollows = next.kind === 'op' && next.value === '(';
  switch (t.value) {
    case 'NULL':
      p.next();
      return literal(null, NullType);
    case 'TRUE':
    case 'FALSE':
      p.next();
      return literal(t.value === 'TRUE', BooleanType);
    case 'CASE':
      return parseCase(p);
    case 'INTERVAL':
      if (startsIntervalValue(p, 1)) {
        p.next();
        return intervalLiteral(p, t);
      }
      break;
    default:
      break;
  }
  if (next.kind === 'string') {
    p.next();
    let value = '';
    let last = next;
    while (p.peek().kind === 'string') {
      last = p.next();
      value += last.value;
    }
    return typedLiteral(p, t, last, value, p.options.timeZone);
  }
  if (next.kind === 'op' && next.value === '->') {
    p.next();
    p.next();
    return { kind: 'unresolvedLambda', paramNames: [t.text], body: parseExpression(p) };
  }
  if (NO_PAREN_FUNCTIONS.has(t.value) && !callFollows && !(next.kind === 'op' && next.value === '.')) {
    p.next();
    return unresolvedFunction(t.text.toLowerCase(), []);
  }
  return parseName(p);
}

/** `a`, `a.b.c`, `t.*`, `IDENTIFIER('a.b')`, or a (possibly qualified) function call. */
function parseName(p: TokenStream): Expr {
  const first = p.peek();
  const clause = p.identifierClause();
  if (clause) return p.isOp('(') ? parseFunctionCall(p, clause, '') : unresolvedAttribute(clause);
  const parts = [p.identifier()];
  while (p.isOp('.')) {
    if (p.isOp('*', 1)) {
      p.next();
      p.next();
      return { kind: 'unresolvedStar', target: parts };
    }
    if (!p.isIdentifier(1)) break;
    p.next();
    parts.push(p.identifier());
  }
  if (p.isOp('('))
    return parseFunctionCall(p, parts, parts.length === 1 && first.kind === 'word' ? first.value : '');
  return unresolvedAttribute(parts);
}

const DATETIME_UNITS = new Set([
  'YEAR',
  'QUARTER',
  'MONTH',
  'WEEK',
  'DAY',
  'DAYOFYEAR',
  'HOUR',
  'MINUTE',
  'SECOND',
  'MILLISECOND',
  'MICROSECOND',
]);
const TIMESTAMP_ADD = new Set(['TIMESTAMPADD', 'DATEADD', 'DATE_ADD']);
const TIMESTAMP_DIFF = new Set(['TIMESTAMPDIFF', 'DATEDIFF', 'DATE_DIFF']);

function parseFunctionCall(p: TokenStream, nameParts: string[], keyword: string): Expr {
  const special = parseSpecialCall(p, keyword);
  if (special) return special;
  p.expectOp('(');
  return finishCall(p, nameParts.join('.'), []);
}

/** The SQL-standard call syntaxes; undefined (cursor unchanged) when the call is a plain one. */
function parseSpecialCall(p: TokenStream, keyword: string): Expr | undefined {
  const start = p.index;
  switch (keyword) {
    case 'CAST':
    case 'TRY_CAST': {
      p.expectOp('(');
      const child = parseExpression(p);
      if (!p.acceptWord('AS')) return finishCall(p, p.tokens[start - 1]!.text, [child]);
      const dataType = parseTypeAt(p);
      p.expectOp(')');
      return { kind: 'cast', child, dataType, mode: keyword === 'CAST' ? 'legacy' : 'try' };
    }
    case 'STRUCT': {
      p.expectOp('(');
      const args: Expr[] = [];
      if (!p.isOp(')')) {
        do {
          const e = parseExpression(p);
          if (p.acceptWord('AS') || p.isIdentifier()) args.push(alias(e, p.identifier()));
          else args.push(e);
        } while (p.acceptOp(','));
      }
      return finishCall(p, p.tokens[start - 1]!.text, args, true);
    }
    case 'EXTRACT':
      if (!p.isIdentifier(1) || !p.isWord('FROM', 2)) return undefined;
      {
        p.expectOp('(');
        const field = p.identifier();
        p.expectWord('FROM');
        const source = parseValueExpression(p);
        p.expectOp(')');
        return unresolvedFunction('extract', [stringLiteral(field), source]);
      }
    case 'SUBSTRING':
    case 'SUBSTR': {
      p.expectOp('(');
      const str = parseValueExpression(p);
      if (!p.acceptWord('FROM')) {
        p.index = start;
        return undefined;
      }
      const args = [str, parseValueExpression(p)];
      if (p.acceptWord('FOR')) args.push(parseValueExpression(p));
      p.expectOp(')');
      return unresolvedFunction('substring', args);
    }
    case 'TRIM':
      return parseTrim(p, start);
    case 'POSITION': {
      p.expectOp('(');
      const sub = parseValueExpression(p);
      if (!p.acceptWord('IN')) {
        p.index = start;
        return undefined;
      }
      const str = parseValueExpression(p);
      p.expectOp(')');
      return unresolvedFunction('locate', [sub, str, literal(1, IntegerType)]);
    }
    case 'OVERLAY': {
      p.expectOp('(');
      const input = parseValueExpression(p);
      if (!p.acceptWord('PLACING')) {
        p.index = start;
        return undefined;
      }
      const args = [input, parseValueExpression(p)];
      p.expectWord('FROM');
      args.push(parseValueExpression(p));
      if (p.acceptWord('FOR')) args.push(parseValueExpression(p));
      p.expectOp(')');
      return unresolvedFunction('overlay', args);
    }
    default:
      if (TIMESTAMP_ADD.has(keyword) || TIMESTAMP_DIFF.has(keyword))
        return parseTimestampArith(p, keyword, start);
      return undefined;
  }
}

/** `TRIM([BOTH|LEADING|TRAILING] [trimStr] FROM str)` → trim/ltrim/rtrim(trimStr, str), SQL's argument order. */
function parseTrim(p: TokenStream, start: number): Expr | undefined {
  p.expectOp('(');
  let name = 'trim';
  const optionFollows = !p.isOp(',', 1) && !p.isOp(')', 1);
  if (p.atWord('BOTH', 'LEADING', 'TRAILING') && optionFollows) {
    const o = p.next().value;
    name = o === 'LEADING' ? 'ltrim' : o === 'TRAILING' ? 'rtrim' : 'trim';
  } else if (!(p.isWord('FROM') && optionFollows)) {
    const first = parseValueExpression(p);
    if (!p.acceptWord('FROM')) {
      p.index = start;
      return undefined;
    }
    const src = parseValueExpression(p);
    p.expectOp(')');
    return unresolvedFunction(name, [first, src]);
  }
  if (p.acceptWord('FROM')) {
    const src = parseValueExpression(p);
    p.expectOp(')');
    return unresolvedFunction(name, [src]);
  }
  const trimStr = parseValueExpression(p);
  p.expectWord('FROM');
  const src = parseValueExpression(p);
  p.expectOp(')');
  return unresolvedFunction(name, [trimStr, src]);
}

/** `TIMESTAMPADD(HOUR, n, ts)` / `DATEDIFF(DAY, a, b)`: the unit becomes an upper-case string literal. */
function parseTimestampArith(p: TokenStream, keyword: string, start: number): Expr | undefined {
  const unitTok = p.peek(1);
  if (unitTok.kind !== 'word' || !DATETIME_UNITS.has(unitTok.value) || !p.isOp(',', 2)) return undefined;
  p.expectOp('(');
  p.next();
  p.expectOp(',');
  const a = parseExpression(p);
  if (!p.acceptOp(',')) {
    p.index = start;
    return undefined;
  }
  const b = parseExpression(p);
  p.expectOp(')');
  const name = TIMESTAMP_ADD.has(keyword) ? 'timestampadd' : 'timestampdiff';
  return unresolvedFunction(name, [stringLiteral(unitTok.value), a, b]);
}

/**
 * The rest of a call after `(` (and any arguments already parsed): arguments, `)`, then WITHIN
 * GROUP, FILTER, IGNORE/RESPECT NULLS and OVER.
 */
function finishCall(p: TokenStream, name: string, parsed: Expr[], argsDone = false): Expr {
  const args = [...parsed];
  let distinct = false;
  let ignoreNulls: boolean | undefined;
  if (!argsDone) {
    if (args.length === 0 && p.atWord('DISTINCT', 'ALL') && !p.isOp(')', 1) && !p.isOp(',', 1)) {
      distinct = p.next().value === 'DISTINCT';
    }
    if (args.length > 0 && p.acceptOp(',')) args.push(parseExpression(p));
    else if (args.length === 0 && !p.isOp(')')) args.push(parseExpression(p));
    while (p.acceptOp(',')) args.push(parseExpression(p));
    ignoreNulls = parseNullsOption(p);
  }
  if (!p.isOp(')')) {
    // a stray token before `,` or `)` reads as extra input, and a word after a complete argument
    // as a missing `)`, as Spark reports them
    const nxt = p.peek(1);
    if (nxt.kind === 'op' && (nxt.value === ')' || nxt.value === ',')) p.fail(p.peek(), true);
    if (p.peek().kind === 'word' && args.length > 0 && args[args.length - 1]!.kind !== 'unresolvedStar') {
      throw p.syntaxError(p.peek(), false, "missing ')'");
    }
    p.fail();
  }
  p.next();
  if (p.isWord('WITHIN') && p.isWord('GROUP', 1)) {
    p.next();
    p.next();
    p.expectOp('(');
    p.expectWord('ORDER');
    p.expectWord('BY');
    args.push(...parseSortItems(p));
    p.expectOp(')');
  }
  let filter: Expr | undefined;
  if (p.isWord('FILTER') && p.isOp('(', 1)) {
    p.next();
    p.next();
    p.expectWord('WHERE');
    filter = parseExpression(p);
    p.expectOp(')');
  }
  ignoreNulls = parseNullsOption(p) ?? ignoreNulls;
  const call = unresolvedFunction(name, args, {
    ...(distinct ? { distinct } : {}),
    ...(ignoreNulls !== undefined ? { ignoreNulls } : {}),
    ...(filter ? { filter } : {}),
  });
  return p.isWord('OVER') ? parseOver(p, call) : call;
}

function parseNullsOption(p: TokenStream): boolean | undefined {
  if (p.atWord('IGNORE', 'RESPECT') && p.isWord('NULLS', 1)) {
    const ignore = p.next().value === 'IGNORE';
    p.next();
    return ignore;
  }
  return undefined;
}

/** CASE WHEN c THEN v … [ELSE e] END, and CASE x WHEN v THEN r … (x = v conditions). */
function parseCase(p: TokenStream): Expr {
  p.expectWord('CASE');
  const operand = p.isWord('WHEN') ? undefined : parseExpression(p);
  const args: Expr[] = [];
  do {
    p.expectWord('WHEN');
    const when = parseExpression(p);
    p.expectWord('THEN');
    args.push(operand ? op('equal_to', [operand, when]) : when, parseExpression(p));
  } while (p.isWord('WHEN'));
  if (p.acceptWord('ELSE')) args.push(parseExpression(p));
  p.expectWord('END');
  return op('case_when', args);
}

/** `(…)`: lambda parameters, a subquery, a row constructor, or a parenthesised expression. */
function parseParenthesized(p: TokenStream): Expr {
  const lambda = lambdaParams(p);
  if (lambda) {
    p.index += lambda.length * 2 + 2;
    return { kind: 'unresolvedLambda', paramNames: lambda, body: parseExpression(p) };
  }
  const subquery = (): Expr => {
    p.expectOp('(');
    const plan = parseQuery(p);
    p.expectClose();
    return { kind: 'subquery', subqueryType: 'scalar', plan };
  };
  const expression = (): Expr => {
    p.expectOp('(');
    const first = parseExpression(p);
    if (!p.acceptOp(',')) {
      p.expectOp(')');
      return first;
    }
    const row = unresolvedFunction('struct', [first, ...parseExpressionList(p)]);
    p.expectOp(')');
    p.rowConstructors.add(row);
    return row;
  };
  if (p.isWord('SELECT', 1) || p.isWord('WITH', 1)) return subquery();
  if (startsQuery(p, 1)) return p.firstOf(subquery, expression);
  return expression();
}

/** `(x, y) ->` / `(x) ->`: the parameter names, or undefined. */
function lambdaParams(p: TokenStream): string[] | undefined {
  const names: string[] = [];
  let k = 1;
  for (;;) {
    const t = p.peek(k);
    if (t.kind !== 'word' && t.kind !== 'quoted') return undefined;
    names.push(t.kind === 'word' ? t.text : t.value);
    if (p.isOp(',', k + 1)) k += 2;
    else if (p.isOp(')', k + 1) && p.isOp('->', k + 2)) return names;
    else return undefined;
  }
}
