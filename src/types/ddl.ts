/**
 * Parses Spark DDL: schema strings (`'house STRING, score INT, ts TIMESTAMP'`, `'a: int, b: string'`)
 * and type strings (`'array<struct<a:int,b:string>>'`, `'decimal(10,2)'`).
 *
 * Invariants: the parser accepts every type name Spark accepts in DDL (case-insensitive, with
 * aliases such as `long`/`bigint`, `real`/`float`, `numeric`/`decimal`, `varchar(n)` → string);
 * errors carry Spark's `[PARSE_SYNTAX_ERROR]` / `[UNSUPPORTED_DATATYPE]` classes and the position.
 */
import { SluiceError } from '../util/errors.js';
import {
  arrayType,
  atomicType,
  type DataType,
  dayTimeIntervalType,
  decimalType,
  mapType,
  type StructField,
  type StructType,
  structField,
  structType,
  yearMonthIntervalType,
} from './data-type.js';

type Token = { kind: 'ident' | 'num' | 'str' | 'sym'; text: string; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '`') {
      let j = i + 1;
      let text = '';
      while (j < src.length) {
        if (src[j] === '`') {
          if (src[j + 1] === '`') {
            text += '`';
            j += 2;
            continue;
          }
          break;
        }
        text += src[j];
        j++;
      }
      if (j >= src.length) throw syntaxError(src, i);
      out.push({ kind: 'ident', text, pos: i });
      i = j + 1;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        text += src[j];
        j++;
      }
      out.push({ kind: 'str', text, pos: i });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < src.length && /[0-9]/.test(src[j]!)) j++;
      out.push({ kind: 'num', text: src.slice(i, j), pos: i });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_$]/.test(src[j]!)) j++;
      out.push({ kind: 'ident', text: src.slice(i, j), pos: i });
      i = j;
    } else if ('<>(),:'.includes(c)) {
      out.push({ kind: 'sym', text: c, pos: i });
      i++;
    } else {
      throw syntaxError(src, i);
    }
  }
  return out;
}

function syntaxError(src: string, pos: number): SluiceError {
  const near = pos >= src.length ? 'end of input' : `'${src.slice(pos).split(/[\s,()<>:]/)[0] || src[pos]}'`;
  return new SluiceError('PARSE_SYNTAX_ERROR', `Syntax error at or near ${near}.`, { line: 1, pos });
}

class DdlParser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }
  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw syntaxError(this.src, this.src.length);
    return t;
  }
  private expect(sym: string): void {
    const t = this.next();
    if (t.text !== sym) throw syntaxError(this.src, t.pos);
  }
  private accept(sym: string): boolean {
    if (this.peek()?.text === sym && this.peek()?.kind === 'sym') {
      this.i++;
      return true;
    }
    return false;
  }
  private acceptWord(word: string): boolean {
    const t = this.peek();
    if (t?.kind === 'ident' && t.text.toLowerCase() === word) {
      this.i++;
      return true;
    }
    return false;
  }

  fieldList(end?: string): StructField[] {
    const fields: StructField[] = [];
    if (end && this.peek()?.text === end) return fields;
    for (;;) {
      fields.push(this.field());
      if (!this.accept(',')) break;
    }
    return fields;
  }

  private field(): StructField {
    const nameTok = this.next();
    if (nameTok.kind !== 'ident') throw syntaxError(this.src, nameTok.pos);
    this.accept(':');
    const type = this.dataType();
    let nullable = true;
    let comment: string | undefined;
    for (;;) {
      if (this.acceptWord('not')) {
        if (!this.acceptWord('null')) throw syntaxError(this.src, this.peek()?.pos ?? this.src.length);
        nullable = false;
      } else if (this.acceptWord('null')) {
        nullable = true;
      } else if (this.acceptWord('comment')) {
        const t = this.next();
        if (t.kind !== 'str') throw syntaxError(this.src, t.pos);
        comment = t.text;
      } else break;
    }
    return structField(nameTok.text, type, nullable, comment === undefined ? undefined : { comment });
  }

  dataType(): DataType {
    const t = this.next();
    if (t.kind !== 'ident') throw syntaxError(this.src, t.pos);
    const name = t.text.toLowerCase();
    switch (name) {
      case 'array': {
        this.expect('<');
        const el = this.dataType();
        this.expect('>');
        return arrayType(el, true);
      }
      case 'map': {
        this.expect('<');
        const k = this.dataType();
        this.expect(',');
        const v = this.dataType();
        this.expect('>');
        return mapType(k, v, true);
      }
      case 'struct': {
        this.expect('<');
        const fields = this.fieldList('>');
        this.expect('>');
        return structType(fields);
      }
      case 'decimal':
      case 'dec':
      case 'numeric': {
        if (this.accept('(')) {
          const p = Number(this.next().text);
          let s = 0;
          if (this.accept(',')) s = Number(this.next().text);
          this.expect(')');
          if (p > 38 || s > p) {
            throw new SluiceError(
              'DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION',
              `Decimal precision ${p} exceeds max precision 38.`,
            );
          }
          return decimalType(p, s);
        }
        return decimalType(10, 0);
      }
      case 'char':
      case 'character':
      case 'varchar':
        if (this.accept('(')) {
          this.next();
          this.expect(')');
        }
        return atomicType('string');
      case 'interval': {
        // `interval` is the calendar interval; `interval day to second`, `interval month` … the ANSI ones
        const field = () => {
          const w = this.peek();
          if (w?.kind !== 'ident' || !/^(year|month|day|hour|minute|second)$/i.test(w.text)) return undefined;
          this.i++;
          return w.text.toLowerCase();
        };
        const start = field();
        if (start === undefined) return atomicType('interval');
        let end = start;
        if (this.peek()?.kind === 'ident' && this.peek()!.text.toLowerCase() === 'to') {
          this.i++;
          end = field() ?? start;
        }
        return ansiIntervalType(start, end) ?? atomicType('interval');
      }
      default: {
        const atomic = ATOMIC_NAMES[name];
        if (!atomic) {
          throw new SluiceError('UNSUPPORTED_DATATYPE', `Unsupported data type "${t.text.toUpperCase()}".`, {
            pos: t.pos,
          });
        }
        return atomicType(atomic);
      }
    }
  }
}

const ATOMIC_NAMES: Record<string, Parameters<typeof atomicType>[0]> = {
  string: 'string',
  text: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  tinyint: 'byte',
  byte: 'byte',
  smallint: 'short',
  short: 'short',
  int: 'integer',
  integer: 'integer',
  bigint: 'long',
  long: 'long',
  float: 'float',
  real: 'float',
  double: 'double',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ltz: 'timestamp',
  timestamp_ntz: 'timestamp_ntz',
  binary: 'binary',
  void: 'null',
};

/** Parses a DDL schema string into a StructType. Accepts `struct<...>` too. */
export function parseSchema(ddl: string): StructType {
  const tokens = tokenize(ddl);
  const p = new DdlParser(ddl, tokens);
  const first = tokens[0];
  if (first && first.kind === 'ident' && first.text.toLowerCase() === 'struct' && tokens[1]?.text === '<') {
    const t = p.dataType();
    if (!p.atEnd()) throw syntaxError(ddl, tokens[tokens.length - 1]!.pos);
    return t as StructType;
  }
  const fields = p.fieldList();
  if (!p.atEnd()) {
    const rest = tokens.find((t) => t.pos >= 0 && tokens.indexOf(t) >= 0 && !p.atEnd());
    throw syntaxError(ddl, rest ? rest.pos : ddl.length);
  }
  return structType(fields);
}

/**
 * Parses a single DDL type string (`'int'`, `'array<string>'`, `'decimal(10,2)'`). As in Spark's
 * grammar, an unknown type name followed by more input is a syntax error at that input
 * (`'a INTEGR'`: extra input 'INTEGR'), not an unsupported type.
 */
export function parseDataType(text: string): DataType {
  const tokens = tokenize(text);
  const p = new DdlParser(text, tokens);
  let t: DataType;
  try {
    t = p.dataType();
  } catch (e) {
    const extra = tokens[1];
    if (
      e instanceof SluiceError &&
      e.errorClass === 'UNSUPPORTED_DATATYPE' &&
      extra &&
      extra.kind === 'ident'
    ) {
      throw extraInputError(text, extra.pos);
    }
    throw e;
  }
  if (!p.atEnd()) throw syntaxError(text, text.length);
  return t;
}

function extraInputError(src: string, pos: number): SluiceError {
  const word = src.slice(pos).split(/[\s,()<>:]/)[0] || src[pos];
  return new SluiceError('PARSE_SYNTAX_ERROR', `Syntax error at or near '${word}': extra input '${word}'.`, {
    line: 1,
    pos,
  });
}

/** Accepts a DataType, a DDL type string, or a DDL schema string. */
export function toDataType(t: DataType | string): DataType {
  if (typeof t !== 'string') return t;
  try {
    return parseDataType(t);
  } catch (e) {
    if (/[\s:]/.test(t.trim())) return parseSchema(t);
    throw e;
  }
}

/** `interval <start> [to <end>]` field names → the ANSI interval type (undefined when they mix families). */
export function ansiIntervalType(start: string, end: string): DataType | undefined {
  const ym = ['year', 'month'];
  const dt = ['day', 'hour', 'minute', 'second'];
  if (ym.includes(start) && ym.includes(end)) {
    return yearMonthIntervalType(ym.indexOf(start), ym.indexOf(end));
  }
  if (dt.includes(start) && dt.includes(end)) {
    return dayTimeIntervalType(dt.indexOf(start), dt.indexOf(end));
  }
  return undefined;
}
