/**
 * JSON text → JSON values, with the leniency Spark's JSON reader (Jackson) has and with numbers
 * kept exact enough for Spark's typing rules.
 *
 * Invariants on the values produced (both paths):
 * - a JS `number` is an integer token that is a safe integer (`1`, `-7`); a `bigint` is an integer
 *   token outside the safe range; a `JsonFloat` is a fractional/exponent token or NaN/Infinity
 *   (its source text kept, because `1.0` is a double for Spark while `1` is a long);
 * - objects are plain objects; when an object has integer-like keys (which JS would reorder) its
 *   keys in document order are attached under `KEY_ORDER` — read keys with `jsonObjectKeys`;
 * - duplicate keys keep the last value (Jackson-backed conversions in Spark do the same).
 *
 * Fast path: `JSON.parse` when the text cannot hold a lossy number or reordered keys (checked by
 * one scan that skips string contents); otherwise, and for non-standard syntax (single quotes,
 * NaN, comments, trailing content...), the hand-written parser below.
 */

export class JsonFloat {
  constructor(
    readonly text: string,
    readonly value: number,
  ) {}
}

export type JsonValue = null | boolean | string | number | bigint | JsonFloat | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Document order of an object's keys, attached only when JS property order differs from it. */
export const KEY_ORDER: unique symbol = Symbol('jsonKeyOrder');

export function jsonObjectKeys(o: JsonObject): readonly string[] {
  return (o as { [KEY_ORDER]?: string[] })[KEY_ORDER] ?? Object.keys(o);
}

export function isJsonObject(v: JsonValue): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonFloat);
}

/** Jackson features Spark exposes as JSON options (defaults are Spark's). */
export interface JsonSyntaxOptions {
  readonly allowComments: boolean;
  readonly allowUnquotedFieldNames: boolean;
  readonly allowSingleQuotes: boolean;
  readonly allowNumericLeadingZeros: boolean;
  readonly allowNonNumericNumbers: boolean;
  readonly allowBackslashEscapingAnyCharacter: boolean;
  readonly allowUnquotedControlChars: boolean;
}

export const DEFAULT_SYNTAX: JsonSyntaxOptions = {
  allowComments: false,
  allowUnquotedFieldNames: false,
  allowSingleQuotes: true,
  allowNumericLeadingZeros: false,
  allowNonNumericNumbers: true,
  allowBackslashEscapingAnyCharacter: false,
  allowUnquotedControlChars: false,
};

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * Whether `text` may hold something JSON.parse would lose: a float token (a digit followed by
 * `.`, `e` or `E` outside strings — `1.0` must stay a double), an integer of 16+ digits, or an
 * integer-like object key (JS would move it first). String contents are skipped with indexOf,
 * so ISO timestamps and version strings inside strings do not force the slow path.
 */
export function needsExactParse(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i + 1;
      let end = s.indexOf('"', start);
      // skip escaped quotes (an odd number of backslashes before the quote)
      while (end > 0 && s.charCodeAt(end - 1) === 92) {
        let k = end - 1;
        while (k >= start && s.charCodeAt(k) === 92) k--;
        if ((end - 1 - k) % 2 === 0) break;
        end = s.indexOf('"', end + 1);
      }
      if (end < 0) return true;
      if (end > start && end - start <= 10 && isDigits(s, start, end)) {
        let j = end + 1;
        while (j < n && isSpace(s.charCodeAt(j))) j++;
        if (s.charCodeAt(j) === 58 /* : */) return true;
      }
      i = end + 1;
    } else if (c >= 48 && c <= 57) {
      const start = i;
      let d = c;
      while (d >= 48 && d <= 57) d = s.charCodeAt(++i);
      if (i - start >= 16 || d === 46 || d === 101 || d === 69) return true;
    } else i++;
  }
  return false;
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k);
    if (d < 48 || d > 57) return false;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Parses the first JSON value of `text` (trailing content is ignored, as Spark does). Returns
 * `undefined` when the text holds no token at all (empty or blank), throws JsonSyntaxError when
 * it is malformed.
 */
export function parseJson(text: string, syntax: JsonSyntaxOptions = DEFAULT_SYNTAX): JsonValue | undefined {
  if (!needsExactParse(text)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      // not strict JSON (or blank): the lenient parser decides
    }
  }
  return new LenientParser(text, syntax).parseRoot();
}

/** Always the hand-written parser (exact numbers, document key order). */
export function parseJsonExact(
  text: string,
  syntax: JsonSyntaxOptions = DEFAULT_SYNTAX,
): JsonValue | undefined {
  return new LenientParser(text, syntax).parseRoot();
}

const INTEGER_KEY = /^(?:0|[1-9]\d{0,9})$/;

class LenientParser {
  private i = 0;
  private readonly n: number;

  constructor(
    private readonly s: string,
    private readonly o: JsonSyntaxOptions,
  ) {
    this.n = s.length;
  }

  parseRoot(): JsonValue | undefined {
    this.skipSpace();
    if (this.i >= this.n) return undefined;
    return this.value();
  }

  private fail(what: string): never {
    const near = this.i < this.n ? `'${this.s[this.i]}'` : 'end-of-input';
    throw new JsonSyntaxError(`${what} at position ${this.i} (near ${near})`, this.i);
  }

  private skipSpace(): void {
    const s = this.s;
    while (this.i < this.n) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        this.i++;
      } else if (c === 47 /* / */ && this.o.allowComments) {
        const d = s.charCodeAt(this.i + 1);
        if (d === 42 /* * */) {
          const end = s.indexOf('*/', this.i + 2);
          if (end < 0) this.fail('Unterminated comment');
          this.i = end + 2;
        } else if (d === 47) {
          while (this.i < this.n && s.charCodeAt(this.i) !== 10) this.i++;
        } else this.fail('Unexpected character');
      } else break;
    }
  }

  private value(): JsonValue {
    const s = this.s;
    const c = s.charCodeAt(this.i);
    switch (c) {
      case 123 /* { */:
        return this.object();
      case 91 /* [ */:
        return this.array();
      case 34 /* " */:
        return this.string(34);
      case 39 /* ' */:
        if (!this.o.allowSingleQuotes) this.fail("Unexpected character (''')");
        return this.string(39);
      case 116 /* t */:
        return this.word('true', true);
      case 102 /* f */:
        return this.word('false', false);
      case 110 /* n */:
        return this.word('null', null);
      case 78 /* N */:
        return this.nonNumeric('NaN', Number.NaN);
      case 73 /* I */:
        return this.nonNumeric('Infinity', Number.POSITIVE_INFINITY);
      default:
        if (c === 45 || c === 43 || (c >= 48 && c <= 57)) return this.number();
        return this.fail('Unrecognized token');
    }
  }

  private word<T>(w: string, v: T): T {
    if (this.s.startsWith(w, this.i) && !isIdentChar(this.s.charCodeAt(this.i + w.length))) {
      this.i += w.length;
      return v;
    }
    return this.fail('Unrecognized token');
  }

  private nonNumeric(w: string, v: number): JsonFloat {
    if (!this.o.allowNonNumericNumbers) this.fail('Non-standard token');
    const start = this.i;
    this.word(w, null);
    return new JsonFloat(this.s.slice(start, this.i), v);
  }

  private number(): number | bigint | JsonFloat {
    const s = this.s;
    const start = this.i;
    let c = s.charCodeAt(this.i);
    if (c === 43 /* + */ || c === 45 /* - */) {
      const sign = c;
      this.i++;
      if (s.startsWith('INF', this.i) || s.startsWith('Infinity', this.i)) {
        if (!this.o.allowNonNumericNumbers) this.fail('Non-standard token');
        this.i += s.startsWith('Infinity', this.i) ? 8 : 3;
        return new JsonFloat(s.slice(start, this.i), sign === 45 ? -Infinity : Infinity);
      }
      // Jackson does not accept a leading '+' on numbers
      if (sign === 43) this.fail('Unexpected character');
    }
    const intStart = this.i;
    while (this.i < this.n && (c = s.charCodeAt(this.i)) >= 48 && c <= 57) this.i++;
    const intDigits = this.i - intStart;
    if (intDigits === 0) this.fail('Expected digit');
    if (intDigits > 1 && s.charCodeAt(intStart) === 48 && !this.o.allowNumericLeadingZeros) {
      this.fail('Leading zeroes not allowed');
    }
    let isFloat = false;
    if (this.i < this.n && s.charCodeAt(this.i) === 46 /* . */) {
      isFloat = true;
      this.i++;
      const f = this.i;
      while (this.i < this.n && (c = s.charCodeAt(this.i)) >= 48 && c <= 57) this.i++;
      if (this.i === f) this.fail('Decimal point not followed by a digit');
    }
    c = s.charCodeAt(this.i);
    if (c === 101 || c === 69 /* e E */) {
      isFloat = true;
      this.i++;
      c = s.charCodeAt(this.i);
      if (c === 43 || c === 45) this.i++;
      const e = this.i;
      while (this.i < this.n && (c = s.charCodeAt(this.i)) >= 48 && c <= 57) this.i++;
      if (this.i === e) this.fail('Exponent indicator not followed by a digit');
    }
    if (isIdentChar(s.charCodeAt(this.i))) this.fail('Unexpected character after number');
    let text = s.slice(start, this.i);
    if (isFloat) return new JsonFloat(text, Number(text));
    if (this.o.allowNumericLeadingZeros && intDigits > 1) text = text.replace(/^(-?)0+(?=\d)/, '$1');
    if (intDigits <= 15) {
      const v = Number(text);
      return v === 0 ? 0 : v;
    }
    const big = BigInt(text);
    return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
  }

  private string(quote: number): string {
    const s = this.s;
    this.i++;
    const start = this.i;
    // fast scan for a string without escapes
    while (this.i < this.n) {
      const c = s.charCodeAt(this.i);
      if (c === quote) {
        const r = s.slice(start, this.i);
        this.i++;
        return r;
      }
      if (c === 92 /* \ */) break;
      if (c < 32 && !this.o.allowUnquotedControlChars) this.fail('Illegal unquoted character');
      this.i++;
    }
    let out = s.slice(start, this.i);
    while (this.i < this.n) {
      const c = s.charCodeAt(this.i);
      if (c === quote) {
        this.i++;
        return out;
      }
      if (c === 92) {
        const e = s.charCodeAt(this.i + 1);
        this.i += 2;
        switch (e) {
          case 34:
            out += '"';
            break;
          case 92:
            out += '\\';
            break;
          case 47:
            out += '/';
            break;
          case 98:
            out += '\b';
            break;
          case 102:
            out += '\f';
            break;
          case 110:
            out += '\n';
            break;
          case 114:
            out += '\r';
            break;
          case 116:
            out += '\t';
            break;
          case 117 /* u */:
            {
              const hex = s.slice(this.i, this.i + 4);
              if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Illegal unicode escape');
              out += String.fromCharCode(Number.parseInt(hex, 16));
              this.i += 4;
              break;
            }
          default:
            if (Number.isNaN(e)) this.fail('Unexpected end-of-input in string');
            if (e === 39 && quote === 39) out += "'";
            else if (this.o.allowBackslashEscapingAnyCharacter) out += String.fromCharCode(e);
            else {
              this.i--;
              this.fail('Unrecognized character escape');
            }
        }
      } else {
        if (c < 32 && !this.o.allowUnquotedControlChars) this.fail('Illegal unquoted character');
        out += s[this.i];
        this.i++;
      }
    }
    return this.fail('Unexpected end-of-input in string');
  }

  private fieldName(): string {
    const c = this.s.charCodeAt(this.i);
    if (c === 34) return this.string(34);
    if (c === 39 && this.o.allowSingleQuotes) return this.string(39);
    if (this.o.allowUnquotedFieldNames && isIdentChar(c)) {
      const start = this.i;
      while (this.i < this.n && isIdentChar(this.s.charCodeAt(this.i))) this.i++;
      return this.s.slice(start, this.i);
    }
    return this.fail('Unexpected character: was expecting double-quote to start field name');
  }

  private object(): JsonObject {
    this.i++;
    const o: JsonObject = {};
    // previous keys are all non-integer when the first integer-like key shows up, so
    // Object.keys still has them in document order at that point
    let order: string[] | undefined;
    this.skipSpace();
    if (this.s.charCodeAt(this.i) === 125 /* } */) {
      this.i++;
      return o;
    }
    for (;;) {
      this.skipSpace();
      const k = this.fieldName();
      this.skipSpace();
      if (this.s.charCodeAt(this.i) !== 58 /* : */) this.fail('Unexpected character: was expecting a colon');
      this.i++;
      this.skipSpace();
      if (this.i >= this.n) this.fail('Unexpected end-of-input');
      const v = this.value();
      if (order === undefined && INTEGER_KEY.test(k)) order = Object.keys(o);
      if (order && !Object.hasOwn(o, k)) order.push(k);
      if (k === '__proto__')
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      else o[k] = v;
      this.skipSpace();
      const d = this.s.charCodeAt(this.i++);
      if (d === 125) break;
      if (d !== 44) {
        this.i--;
        this.fail('Unexpected character: was expecting comma to separate Object entries');
      }
    }
    if (order) Object.defineProperty(o, KEY_ORDER, { value: order, enumerable: false });
    return o;
  }

  private array(): JsonValue[] {
    this.i++;
    const a: JsonValue[] = [];
    this.skipSpace();
    if (this.s.charCodeAt(this.i) === 93 /* ] */) {
      this.i++;
      return a;
    }
    for (;;) {
      this.skipSpace();
      if (this.i >= this.n) this.fail('Unexpected end-of-input');
      a.push(this.value());
      this.skipSpace();
      const d = this.s.charCodeAt(this.i++);
      if (d === 93) return a;
      if (d !== 44) {
        this.i--;
        this.fail('Unexpected character: was expecting comma to separate Array entries');
      }
    }
  }
}

function isIdentChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127
  );
}
