/**
 * The cursor every part of the SQL parser reads through: token look-ahead, keyword matching,
 * backtracking between alternatives, and Spark-shaped errors.
 *
 * Invariants:
 * - Syntax errors are `ParseException('PARSE_SYNTAX_ERROR', "Syntax error at or near 'X'.")` with
 *   Spark's `(line L, pos P)` context: line 1-based, pos the 0-based column of the offending token
 *   (the end of the text for `end of input`).
 * - Errors raised by the AST rules (bad literal, bad interval, …) carry no line/pos in the message,
 *   as Spark's don't; their context holds the offending fragment and its offsets instead.
 * - A failed alternative (`firstOf`) leaves the cursor where it was.
 */
import type { Expr } from '../expr/expression.js';
import { ParseException } from '../util/errors.js';
import { type Token, tokenize } from './lexer.js';

export interface ParseOptions {
  /** Session time zone for TIMESTAMP literals (default 'UTC'). */
  readonly timeZone: string;
  /** Partitions of `FROM range(…)` without an explicit count (the session's default parallelism). */
  readonly defaultParallelism: number;
  /** Partitions of DISTRIBUTE BY / CLUSTER BY (`spark.sql.shuffle.partitions`). */
  readonly shufflePartitions: number;
}

/** A `f(…) OVER w` waiting for the WINDOW clause that defines `w`. */
export interface WindowReference {
  readonly node: Expr;
  readonly name: string;
  readonly offset: number;
}

export class TokenStream {
  readonly tokens: Token[];
  private i = 0;
  /** One list per query specification being parsed (innermost last). */
  readonly windowScopes: WindowReference[][] = [];
  /** `(a, b)` row constructors: struct calls that IN-subqueries and GROUPING SETS unpack. */
  readonly rowConstructors = new WeakSet<Expr>();

  constructor(
    readonly text: string,
    readonly options: ParseOptions,
  ) {
    this.tokens = tokenize(text);
  }

  get index(): number {
    return this.i;
  }
  set index(v: number) {
    this.i = v;
  }

  peek(k = 0): Token {
    const t = this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
    return t!;
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  /** The token before the cursor (for spans). */
  prev(): Token {
    return this.tokens[Math.max(0, this.i - 1)]!;
  }
  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** Whether the token `k` ahead is the bare (unquoted) word `word` (upper case). */
  isWord(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.value === word;
  }
  atWord(...words: string[]): boolean {
    const t = this.peek();
    return t.kind === 'word' && words.includes(t.value);
  }
  atWordAt(k: number, ...words: string[]): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && words.includes(t.value);
  }
  /**
   * A keyword that needs an operand after it (AND, IN, LIKE, HAVING …) at the cursor, and not the
   * last token: Spark's parser leaves such a trailing keyword unconsumed and reports it as extra input.
   */
  atOperatorWord(...words: string[]): boolean {
    return this.atWord(...words) && this.peek(1).kind !== 'eof';
  }
  acceptOperatorWord(word: string): boolean {
    return this.atOperatorWord(word) && this.acceptWord(word);
  }
  /** `)` closing a subquery or a call: at the end of the text Spark says "missing ')'". */
  expectClose(): Token {
    if (this.isOp(')')) return this.next();
    if (this.atEnd()) throw this.syntaxError(this.peek(), false, "missing ')'");
    return this.fail();
  }
  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }
  /** Accepts a sequence of words (`GROUP BY`) only when all of them are there. */
  acceptWords(...words: string[]): boolean {
    if (!words.every((w, k) => this.isWord(w, k))) return false;
    this.i += words.length;
    return true;
  }
  expectWord(word: string): Token {
    if (!this.isWord(word)) this.fail();
    return this.next();
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.value === op;
  }
  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }
  expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail();
    return this.next();
  }

  /** An identifier: a bare word or a backquoted name. */
  isIdentifier(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' || t.kind === 'quoted';
  }
  identifier(): string {
    const t = this.peek();
    if (t.kind === 'word') {
      this.i++;
      return t.text;
    }
    if (t.kind === 'quoted') {
      this.i++;
      return t.value;
    }
    this.fail();
  }
  /** `a.b.`c``: one or more identifiers separated by dots. */
  multipartIdentifier(): string[] {
    const parts = [this.identifier()];
    while (this.isOp('.') && this.isIdentifier(1)) {
      this.i++;
      parts.push(this.identifier());
    }
    return parts;
  }
  /**
   * `IDENTIFIER('db.t')`: Spark's identifier clause with a string literal, as name parts
   * (undefined when the cursor is not on one).
   */
  identifierClause(): string[] | undefined {
    if (
      !(this.isWord('IDENTIFIER') && this.isOp('(', 1) && this.peek(2).kind === 'string' && this.isOp(')', 3))
    ) {
      return undefined;
    }
    this.next();
    this.next();
    const str = this.next();
    this.next();
    const inner = new TokenStream(str.value, this.options);
    const parts = inner.atEnd() ? inner.fail() : inner.multipartIdentifier();
    if (!inner.atEnd()) inner.fail();
    return parts;
  }
  /** `(a, b, c)` */
  identifierList(): string[] {
    this.expectOp('(');
    const names = [this.identifier()];
    while (this.acceptOp(',')) names.push(this.identifier());
    this.expectOp(')');
    return names;
  }

  /** The source text from token `from` (inclusive) to the cursor (exclusive). */
  textFrom(from: number): string {
    const a = this.tokens[from]!;
    return this.text.slice(a.start, this.prev().end);
  }

  /**
   * Tries each alternative from the same position; the first that succeeds wins. When all fail,
   * the error that got furthest into the text is thrown (the most useful one).
   */
  firstOf<T>(...alternatives: (() => T)[]): T {
    const start = this.i;
    let best: { err: unknown; at: number } | undefined;
    for (const alt of alternatives) {
      try {
        return alt();
      } catch (e) {
        if (!(e instanceof ParseException)) throw e;
        const at = typeof e.context.offset === 'number' ? e.context.offset : this.peek().start;
        if (!best || at > best.at) best = { err: e, at };
        this.i = start;
      }
    }
    throw best!.err;
  }

  // -------------------------------------------------------------------------------------------
  // Errors

  /** `Syntax error at or near …` at `tok` (default: the current token). */
  fail(tok: Token = this.peek(), extraInput = false): never {
    throw this.syntaxError(tok, extraInput);
  }

  syntaxError(tok: Token, extraInput = false, missing?: string): ParseException {
    const near = tok.kind === 'eof' ? 'end of input' : `'${tok.text}'`;
    const extra = missing
      ? `: ${missing}`
      : extraInput && tok.kind !== 'eof'
        ? `: extra input '${tok.text}'`
        : '';
    const { line, pos } = lineAndPos(this.text, tok.start);
    return new ParseException('PARSE_SYNTAX_ERROR', `Syntax error at or near ${near}${extra}.`, {
      line,
      pos,
      offset: tok.start,
    });
  }

  /** An error raised while building the tree (Spark's AstBuilder errors): context is the fragment. */
  errorAt(errorClass: string, message: string, from: Token, to: Token = from): ParseException {
    return new ParseException(errorClass, message, {
      fragment: this.text.slice(from.start, to.end),
      offset: from.start,
      startIndex: from.start,
      stopIndex: Math.max(from.start, to.end - 1),
    });
  }
}

export function lineAndPos(text: string, offset: number): { line: number; pos: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, pos: offset - lineStart };
}
