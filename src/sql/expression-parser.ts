/**
 * Expressions with Spark's precedence, lowest first:
 *   OR < AND < NOT/! < predicates (BETWEEN, IN, LIKE, RLIKE, IS …) < comparisons
 *   < | < ^ < & < shifts < + - || < * / % DIV < unary - + ~ < postfix ([i], .f, ::type) < primary.
 * Binary operators are left-associative; a predicate applies once to a value expression
 * (`a = b IS NULL` is `(a = b) IS NULL`), as in Spark's grammar.
 *
 * Operators become `unresolvedFunction` calls of the registry's operator names (`add`,
 * `equal_to`, …) marked `internal`; `a != b` is `not(equal_to(a, b))`, `a IS TRUE` is
 * `equal_null_safe(a, true)`, `a IS DISTINCT FROM b` is `not(equal_null_safe(a, b))`,
 * `a IS UNKNOWN` is `isnull(a)`. Beyond the shared operator list the parser emits `__unary_minus`
 * for a unary `-` (Spark names it `(- a)`, the function `negative(a)`), `__shiftleft_op`,
 * `__shiftright_op`, `__shiftrightunsigned_op` (`<<`, `>>`, `>>>`, named `(a << b)` where the
 * functions are `shiftleft(a, b)`), `like(a, p, escape)` for ESCAPE, and
 * Spark's `likeany`, `likeall`, `notlikeany`, `notlikeall` for LIKE / ILIKE ANY|SOME|ALL.
 * A unary minus directly before a number is folded into the literal (`-2147483648` is an int).
 */
import { type Expr, literal, type SortOrder, sortOrder, unresolvedFunction } from '../expr/expression.js';
import { BooleanType, StringType } from '../types/data-type.js';
import { parseTypeAt } from './data-type-parser.js';
import type { Token } from './lexer.js';
import { parsePrimary } from './primary-expression.js';
import { parseQuery, startsQuery } from './query-parser.js';
import type { TokenStream } from './token-stream.js';

/** A call of a registry operator (not a user-written function name). */
export function op(name: string, args: readonly Expr[]): Expr {
  return unresolvedFunction(name, args, { internal: true });
}

export function stringLiteral(s: string): Expr {
  return literal(s, StringType);
}

/** A full boolean expression (the `expression` rule). */
export function parseExpression(p: TokenStream): Expr {
  let left = parseAnd(p);
  while (p.acceptOperatorWord('OR')) left = op('or', [left, parseAnd(p)]);
  return left;
}

function parseAnd(p: TokenStream): Expr {
  let left = parseNot(p);
  while (p.acceptOperatorWord('AND')) left = op('and', [left, parseNot(p)]);
  return left;
}

function parseNot(p: TokenStream): Expr {
  if (p.isWord('NOT') || p.isOp('!')) {
    p.next();
    return op('not', [parseNot(p)]);
  }
  if (p.isWord('EXISTS') && p.isOp('(', 1) && startsQuery(p, 2)) {
    p.next();
    p.expectOp('(');
    const plan = parseQuery(p);
    p.expectClose();
    return { kind: 'subquery', subqueryType: 'exists', plan };
  }
  return parsePredicated(p);
}

const PREDICATE_WORDS = ['BETWEEN', 'IN', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP'];

function parsePredicated(p: TokenStream): Expr {
  const value = parseValueExpression(p);
  if (p.isWord('NOT') && PREDICATE_WORDS.some((w) => p.isWord(w, 1)) && p.peek(2).kind !== 'eof') {
    p.next();
    return parsePredicate(p, value, true);
  }
  if (p.atOperatorWord(...PREDICATE_WORDS)) return parsePredicate(p, value, false);
  if (p.acceptOperatorWord('IS')) {
    const negate = p.acceptWord('NOT');
    let e: Expr;
    if (p.acceptWord('NULL')) return op(negate ? 'isnotnull' : 'isnull', [value]);
    if (p.acceptWord('TRUE')) e = op('equal_null_safe', [value, literal(true, BooleanType)]);
    else if (p.acceptWord('FALSE')) e = op('equal_null_safe', [value, literal(false, BooleanType)]);
    else if (p.acceptWord('UNKNOWN')) return op(negate ? 'isnotnull' : 'isnull', [value]);
    else if (p.acceptWords('DISTINCT', 'FROM')) {
      // IS DISTINCT FROM is the negation of <=>; IS NOT DISTINCT FROM is <=> itself
      const eq = op('equal_null_safe', [value, parseValueExpression(p)]);
      return negate ? eq : op('not', [eq]);
    } else p.fail();
    return negate ? op('not', [e]) : e;
  }
  return value;
}

/** BETWEEN / IN / LIKE / RLIKE after `value`; `negated` when NOT preceded the keyword. */
function parsePredicate(p: TokenStream, value: Expr, negated: boolean): Expr {
  const kw = p.next();
  // NOT LIKE ANY / ALL has operators of its own (notlikeany, …); every other predicate is wrapped in not
  if ((kw.value === 'LIKE' || kw.value === 'ILIKE') && p.atWord('ANY', 'SOME', 'ALL') && p.isOp('(', 1)) {
    const all = p.next().value === 'ALL';
    p.expectOp('(');
    const patterns = parseExpressionList(p);
    p.expectOp(')');
    return likeQuantified(kw.value === 'ILIKE', all, negated, value, patterns);
  }
  const e = parsePositivePredicate(p, kw, value);
  return negated ? op('not', [e]) : e;
}

function parsePositivePredicate(p: TokenStream, kw: Token, value: Expr): Expr {
  switch (kw.value) {
    case 'BETWEEN': {
      const lower = parseValueExpression(p);
      p.expectWord('AND');
      const upper = parseValueExpression(p);
      return op('between', [value, lower, upper]);
    }
    case 'IN': {
      p.expectOp('(');
      const subquery = (): Expr => {
        const plan = parseQuery(p);
        p.expectClose();
        const values =
          p.rowConstructors.has(value) && value.kind === 'unresolvedFunction' ? value.args : [value];
        return { kind: 'subquery', subqueryType: 'in', plan, values };
      };
      const list = (): Expr => {
        if (p.isOp(')')) {
          throw p.errorAt(
            'INVALID_SQL_SYNTAX.EMPTY_IN_PREDICATE',
            "Invalid SQL syntax: IN predicate requires at least one value. Empty IN clauses like 'IN ()' are not allowed. Consider using 'WHERE FALSE' if you need an always-false condition, or provide at least one value in the IN list.",
            kw,
            p.peek(),
          );
        }
        const items = parseExpressionList(p);
        p.expectOp(')');
        return op('in', [value, ...items]);
      };
      // `IN ((SELECT 1), 2)` is a list whose first item is a scalar subquery
      if (!startsQuery(p, 0)) return list();
      return p.isOp('(') ? p.firstOf(subquery, list) : subquery();
    }
    case 'LIKE':
    case 'ILIKE': {
      const name = kw.value.toLowerCase();
      const pattern = parseValueExpression(p);
      if (p.acceptOperatorWord('ESCAPE')) {
        const esc = p.next();
        if (esc.kind !== 'string') p.fail(esc);
        return op(name, [value, pattern, stringLiteral(esc.value)]);
      }
      return op(name, [value, pattern]);
    }
    default:
      // RLIKE / REGEXP
      return op('rlike', [value, parseValueExpression(p)]);
  }
}

/**
 * `x [NOT] LIKE|ILIKE ANY|SOME|ALL (p, …)`: with string-literal patterns Spark builds likeany /
 * likeall / notlikeany / notlikeall (ILIKE lower-cases both sides); otherwise it expands to a chain
 * of LIKEs joined by OR (ANY) or AND (ALL).
 */
function likeQuantified(ilike: boolean, all: boolean, negated: boolean, value: Expr, patterns: Expr[]): Expr {
  const literalPatterns = patterns.every((e) => e.kind === 'literal' && typeof e.value === 'string');
  if (literalPatterns) {
    const subject = ilike ? unresolvedFunction('lower', [value]) : value;
    const pats = patterns.map((e) =>
      ilike && e.kind === 'literal' ? stringLiteral(String(e.value).toLowerCase()) : e,
    );
    return op(`${negated ? 'not' : ''}like${all ? 'all' : 'any'}`, [subject, ...pats]);
  }
  const terms = patterns.map((pat) => {
    const like = op(ilike ? 'ilike' : 'like', [value, pat]);
    return negated ? op('not', [like]) : like;
  });
  return terms.reduce((acc, t) => op(all ? 'and' : 'or', [acc, t]));
}

interface BinaryOperator {
  readonly level: number;
  readonly build: (l: Expr, r: Expr) => Expr;
}

const binary =
  (name: string) =>
  (l: Expr, r: Expr): Expr =>
    op(name, [l, r]);

const SYMBOL_OPERATORS: Record<string, BinaryOperator> = {
  '=': { level: 1, build: binary('equal_to') },
  '==': { level: 1, build: binary('equal_to') },
  '<=>': { level: 1, build: binary('equal_null_safe') },
  '<>': { level: 1, build: (l, r) => op('not', [op('equal_to', [l, r])]) },
  '!=': { level: 1, build: (l, r) => op('not', [op('equal_to', [l, r])]) },
  '<': { level: 1, build: binary('less_than') },
  '<=': { level: 1, build: binary('less_than_or_equal') },
  '>': { level: 1, build: binary('greater_than') },
  '>=': { level: 1, build: binary('greater_than_or_equal') },
  '|': { level: 2, build: binary('bitwise_or') },
  '^': { level: 3, build: binary('bitwise_xor') },
  '&': { level: 4, build: binary('bitwise_and') },
  '<<': { level: 5, build: binary('__shiftleft_op') },
  '>>': { level: 5, build: binary('__shiftright_op') },
  '>>>': { level: 5, build: binary('__shiftrightunsigned_op') },
  '+': { level: 6, build: binary('add') },
  '-': { level: 6, build: binary('subtract') },
  '||': { level: 6, build: binary('concat') },
  '*': { level: 7, build: binary('multiply') },
  '/': { level: 7, build: binary('divide') },
  '%': { level: 7, build: binary('remainder') },
};
const DIV_OPERATOR: BinaryOperator = { level: 7, build: binary('div') };

function binaryOperatorAt(p: TokenStream): BinaryOperator | undefined {
  const t = p.peek();
  if (t.kind === 'op') return SYMBOL_OPERATORS[t.value];
  if (t.kind === 'word' && t.value === 'DIV') return DIV_OPERATOR;
  return undefined;
}

/** A value expression (no AND/OR/NOT/predicates): operands of BETWEEN, LIKE, comparisons. */
export function parseValueExpression(p: TokenStream, minLevel = 1): Expr {
  let left = parseUnary(p);
  for (;;) {
    const o = binaryOperatorAt(p);
    if (!o || o.level < minLevel) return left;
    p.next();
    left = o.build(left, parseValueExpression(p, o.level + 1));
  }
}

function parseUnary(p: TokenStream): Expr {
  const t = p.peek();
  if (t.kind === 'op' && (t.value === '-' || t.value === '+' || t.value === '~')) {
    // `-1` is a single (negative) literal in Spark's grammar: `-2147483648` is an int
    if (t.value === '-' && p.peek(1).kind === 'number') {
      const minus = p.next();
      return parsePostfix(p, parsePrimary(p, minus));
    }
    p.next();
    const operand = parseUnary(p);
    return op(t.value === '-' ? '__unary_minus' : t.value === '+' ? 'positive' : 'bitwise_not', [operand]);
  }
  return parsePostfix(p, parsePrimary(p));
}

/** `e[i]`, `e.field`, `e::type` after a primary expression. */
export function parsePostfix(p: TokenStream, base: Expr): Expr {
  let e = base;
  for (;;) {
    if (p.acceptOp('[')) {
      const index = parseExpression(p);
      p.expectOp(']');
      e = { kind: 'unresolvedExtractValue', child: e, extraction: index };
    } else if (p.acceptOp('.')) {
      const name = p.identifier();
      // `a.b` stays a name path (the analyzer splits qualifier / column / fields); other bases extract
      e =
        e.kind === 'unresolvedAttribute' && e.planId === undefined
          ? { kind: 'unresolvedAttribute', nameParts: [...e.nameParts, name] }
          : { kind: 'unresolvedExtractValue', child: e, extraction: stringLiteral(name) };
    } else if (p.acceptOp('::')) {
      e = { kind: 'cast', child: e, dataType: parseTypeAt(p), mode: 'legacy' };
    } else return e;
  }
}

/** `expr [ASC|DESC] [NULLS FIRST|LAST]` */
export function parseSortItem(p: TokenStream, toOrdinal?: (e: Expr) => Expr): SortOrder {
  let child = parseExpression(p);
  if (toOrdinal) child = toOrdinal(child);
  let ascending = true;
  if (p.acceptWord('DESC')) ascending = false;
  else p.acceptWord('ASC');
  let nullsFirst = ascending;
  if (p.acceptWord('NULLS')) {
    if (p.acceptWord('FIRST')) nullsFirst = true;
    else {
      p.expectWord('LAST');
      nullsFirst = false;
    }
  }
  return sortOrder(child, ascending, nullsFirst);
}

export function parseSortItems(p: TokenStream, toOrdinal?: (e: Expr) => Expr): SortOrder[] {
  const items = [parseSortItem(p, toOrdinal)];
  while (p.acceptOp(',')) items.push(parseSortItem(p, toOrdinal));
  return items;
}

export function parseExpressionList(p: TokenStream): Expr[] {
  const list = [parseExpression(p)];
  while (p.acceptOp(',')) list.push(parseExpression(p));
  return list;
}
