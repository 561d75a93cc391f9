/**
 * `java.util.Formatter` as Spark's format_string/printf uses it: `%[index$][flags][width][.precision]conversion`
 * with conversions b h s c d o x e f g % n (upper-case variants too), relative index `%<s`, and
 * Java's exceptions turned into runtime errors with Java's messages.
 *
 * Values arrive as Spark passes them to Java: strings, boxed numbers, Spark's Decimal (so `%f` of
 * a decimal fails exactly as in Spark), dates as day numbers and timestamps as microseconds.
 * Floating-point conversions round the digits of `Double.toString` half-up, as Java does
 * (`%.1f` of 0.35 is `0.4`).
 *
 * Invariant: a format string is parsed once (`compileJavaFormat`); formatting a row only walks the
 * parsed segments.
 */
import type { DataType } from '../../types/data-type.js';
import { formatDecimal, formatDouble, formatFloat } from '../../types/java-number-format.js';
import { SparkRuntimeError } from '../../util/errors.js';
import { type Dec, javaDecimalOfDouble, plainString, setScale } from './decimal-rounding.js';

interface Spec {
  readonly source: string;
  /** Explicit 1-based index, -1 for `<` (previous argument), 0 for the next ordinary argument. */
  readonly index: number;
  readonly flags: string;
  readonly width: number;
  readonly precision: number;
  readonly conversion: string;
}

type Segment = string | Spec;

const SPEC = /%(\d+\$)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])?/y;
const CONVERSIONS = new Set('bBhHsScCdoxXeEfgGaA%n'.split(''));

function formatError(message: string): SparkRuntimeError {
  return new SparkRuntimeError('FORMAT_STRING_ERROR', message);
}

function parse(fmt: string): Segment[] {
  const out: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      text += fmt.slice(i);
      break;
    }
    text += fmt.slice(i, pct);
    SPEC.lastIndex = pct;
    const m = SPEC.exec(fmt)!;
    const conv = m[6];
    if (m[5]) throw formatError(`Conversion = '${m[5]}${conv ?? ''}' is not supported by format_string`);
    if (conv === undefined) throw formatError(`Conversion = '%'`);
    if (!CONVERSIONS.has(conv)) throw formatError(`Conversion = '${conv}'`);
    const flags = m[2] ?? '';
    const width = m[3] ? Number(m[3]) : -1;
    const precision = m[4] ? Number(m[4].slice(1)) : -1;
    i = SPEC.lastIndex;
    if (conv === '%' || conv === 'n') {
      if (conv === 'n') text += '\n';
      else text += justify('%', flags, width);
      continue;
    }
    if ((flags.includes('-') || flags.includes('0')) && width < 0) {
      throw formatError(`Format specifier '${m[0]}'`);
    }
    if (text) {
      out.push(text);
      text = '';
    }
    const index = m[1] ? Number(m[1].slice(0, -1)) : flags.includes('<') ? -1 : 0;
    out.push({ source: m[0], index, flags: flags.replace('<', ''), width, precision, conversion: conv });
  }
  if (text) out.push(text);
  return out;
}

function justify(s: string, flags: string, width: number): string {
  if (width <= s.length) return s;
  const pad = ' '.repeat(width - s.length);
  return flags.includes('-') ? s + pad : pad + s;
}

/** Java class names in Spark's IllegalFormatConversionException messages. */
function javaClass(t: DataType): string {
  switch (t.kind) {
    case 'string':
      return 'org.apache.spark.unsafe.types.UTF8String';
    case 'integer':
    case 'date':
      return 'java.lang.Integer';
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz':
      return 'java.lang.Long';
    case 'short':
      return 'java.lang.Short';
    case 'byte':
      return 'java.lang.Byte';
    case 'double':
      return 'java.lang.Double';
    case 'float':
      return 'java.lang.Float';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'decimal':
      return 'org.apache.spark.sql.types.Decimal';
    case 'binary':
      return '[B';
    case 'array':
      return 'org.apache.spark.sql.catalyst.util.GenericArrayData';
    case 'map':
      return 'org.apache.spark.sql.catalyst.util.ArrayBasedMapData';
    case 'struct':
      return 'org.apache.spark.sql.catalyst.expressions.GenericInternalRow';
    default:
      return 'java.lang.Object';
  }
}

/** What Java's `String.valueOf` prints for a value Spark hands to the formatter. */
export function javaToString(v: unknown, t: DataType): string {
  if (v === null) return 'null';
  switch (t.kind) {
    case 'double':
      return formatDouble(v as number);
    case 'float':
      return formatFloat(v as number);
    case 'decimal':
      return formatDecimal(v as bigint, t.scale);
    case 'binary':
      return `[B@${Buffer.from(v as Uint8Array)
        .toString('hex')
        .slice(0, 8)}`;
    case 'array':
      return `[${(v as unknown[]).map((x) => javaToString(x, t.elementType)).join(',')}]`;
    case 'struct':
      return `[${(v as unknown[]).map((x, i) => javaToString(x, t.fields[i]!.dataType)).join(',')}]`;
    case 'map':
      return `{${[...(v as Map<unknown, unknown>)].map(([k, x]) => `${javaToString(k, t.keyType)}=${javaToString(x, t.valueType)}`).join(', ')}}`;
    default:
      return String(v);
  }
}

function javaHashCode(v: unknown, t: DataType): number {
  switch (t.kind) {
    case 'boolean':
      return v ? 1231 : 1237;
    case 'byte':
    case 'short':
    case 'integer':
    case 'date':
      return v as number;
    case 'long':
    case 'timestamp':
    case 'timestamp_ntz': {
      const b = BigInt.asUintN(64, BigInt(v as number | bigint));
      return Number(BigInt.asIntN(32, b ^ (b >> 32n)));
    }
    case 'string': {
      // java.lang.String#hashCode of the UTF-16 text; Spark's UTF8String differs, but the text is what users expect.
      let h = 0;
      const s = v as string;
      for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
      return h;
    }
    default:
      throw formatError(`h != ${javaClass(t)}`);
  }
}

const INTEGRAL_BITS: Partial<Record<DataType['kind'], number>> = {
  byte: 8,
  short: 16,
  integer: 32,
  date: 32,
  long: 64,
  timestamp: 64,
  timestamp_ntz: 64,
};

function groupThousands(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

/** Sign, grouping, zero padding and parentheses for a formatted magnitude (Java's leadingSign/trailingSign). */
function decorateNumber(magnitude: string, negative: boolean, spec: Spec, groupable: boolean): string {
  const f = spec.flags;
  let body = magnitude;
  if (groupable && f.includes(',')) {
    const dot = body.indexOf('.');
    const intPart = dot < 0 ? body : body.slice(0, dot);
    body = groupThousands(intPart) + (dot < 0 ? '' : body.slice(dot));
  }
  let prefix = '';
  let suffix = '';
  if (negative) {
    if (f.includes('(')) {
      prefix = '(';
      suffix = ')';
    } else prefix = '-';
  } else if (f.includes('+')) prefix = '+';
  else if (f.includes(' ')) prefix = ' ';
  if (f.includes('0')) {
    const room = spec.width - prefix.length - suffix.length - body.length;
    if (room > 0) body = '0'.repeat(room) + body;
  }
  return justify(prefix + body + suffix, f, spec.width);
}

function formatIntegral(v: unknown, t: DataType, spec: Spec): string {
  const bits = INTEGRAL_BITS[t.kind];
  if (bits === undefined) throw formatError(`${spec.conversion} != ${javaClass(t)}`);
  const n = BigInt(v as number | bigint);
  if (spec.precision >= 0) throw formatError(`${spec.precision}`);
  if (spec.conversion === 'd') return decorateNumber((n < 0n ? -n : n).toString(), n < 0n, spec, true);
  const unsigned = n < 0n ? n + (1n << BigInt(bits)) : n;
  const radix = spec.conversion === 'o' ? 8 : 16;
  let digits = unsigned.toString(radix);
  if (spec.flags.includes('#')) digits = (radix === 8 ? '0' : '0x') + digits;
  if (spec.conversion === 'X') digits = digits.toUpperCase();
  if (spec.flags.includes('0') && spec.width > digits.length) {
    const hasPrefix = radix === 16 && spec.flags.includes('#');
    const head = hasPrefix ? digits.slice(0, 2) : '';
    const tail = hasPrefix ? digits.slice(2) : digits;
    digits = head + '0'.repeat(spec.width - digits.length) + tail;
  }
  return justify(digits, spec.flags, spec.width);
}

/** `d` as `0.d1d2…` digits with a decimal exponent, from a non-negative decimal. */
function sciParts(d: Dec): { digits: string; exp: number } {
  const digits = d.unscaled.toString();
  return { digits, exp: digits.length - d.scale - 1 };
}

function fixed(d: Dec, precision: number): string {
  return plainString(setScale(d, precision, 'HALF_UP'), precision);
}

function scientific(d: Dec, precision: number, upper: boolean): string {
  let mantissa: string;
  let exp: number;
  if (d.unscaled === 0n) {
    mantissa = precision > 0 ? `0.${'0'.repeat(precision)}` : '0';
    exp = 0;
  } else {
    const p = sciParts(d);
    exp = p.exp;
    // round to precision+1 significant digits
    let r = setScale({ unscaled: d.unscaled, scale: d.scale }, precision - exp, 'HALF_UP');
    let s = r.toString();
    if (s.length > precision + 1) {
      exp++;
      r = setScale({ unscaled: d.unscaled, scale: d.scale }, precision - exp, 'HALF_UP');
      s = r.toString();
    }
    mantissa = precision > 0 ? `${s[0]}.${s.slice(1)}` : s;
  }
  const e = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${mantissa}${upper ? 'E' : 'e'}${e}`;
}

function formatFloating(v: unknown, t: DataType, spec: Spec): string {
  if (t.kind !== 'double' && t.kind !== 'float') throw formatError(`${spec.conversion} != ${javaClass(t)}`);
  const x = v as number;
  const conv = spec.conversion;
  const upper = conv === 'E' || conv === 'G';
  if (!Number.isFinite(x)) {
    const text = Number.isNaN(x) ? 'NaN' : 'Infinity';
    const negative = x < 0;
    const signed = negative
      ? spec.flags.includes('(')
        ? `(${text})`
        : `-${text}`
      : !Number.isNaN(x) && spec.flags.includes('+')
        ? `+${text}`
        : !Number.isNaN(x) && spec.flags.includes(' ')
          ? ` ${text}`
          : text;
    return justify(upper ? signed.toUpperCase() : signed, spec.flags, spec.width);
  }
  const negative = x < 0 || Object.is(x, -0);
  const d = javaDecimalOfDouble(Math.abs(x));
  let body: string;
  if (conv === 'f') {
    body = fixed(d, spec.precision < 0 ? 6 : spec.precision);
    if (spec.precision === 0 && spec.flags.includes('#')) body += '.';
  } else if (conv === 'e' || conv === 'E') {
    body = scientific(d, spec.precision < 0 ? 6 : spec.precision, upper);
  } else if (conv === 'g' || conv === 'G') {
    const prec = spec.precision < 0 ? 6 : spec.precision === 0 ? 1 : spec.precision;
    if (d.unscaled === 0n) body = fixed(d, prec - 1);
    else {
      const sci = scientific(d, prec - 1, false);
      const exp = Number(sci.slice(sci.indexOf('e') + 1));
      body = exp >= -4 && exp < prec ? fixed(d, prec - 1 - exp) : upper ? sci.toUpperCase() : sci;
    }
  } else {
    throw formatError(`Conversion = '${conv}' is not supported by format_string`);
  }
  return decorateNumber(body, negative, spec, conv !== 'e' && conv !== 'E');
}

function formatOne(spec: Spec, v: unknown, t: DataType): string {
  const c = spec.conversion;
  if (v === null && c !== 'b' && c !== 'B') {
    // Java prints "null" for any conversion, still applying precision, width and upper case.
    const s = spec.precision >= 0 ? 'null'.slice(0, spec.precision) : 'null';
    return justify(c === c.toUpperCase() ? s.toUpperCase() : s, spec.flags, spec.width);
  }
  switch (c) {
    case 'b':
    case 'B': {
      let s = v === null ? 'false' : t.kind === 'boolean' ? String(v) : 'true';
      if (spec.precision >= 0) s = s.slice(0, spec.precision);
      return justify(c === 'B' ? s.toUpperCase() : s, spec.flags, spec.width);
    }
    case 'h':
    case 'H': {
      let s = (javaHashCode(v, t) >>> 0).toString(16);
      if (spec.precision >= 0) s = s.slice(0, spec.precision);
      return justify(c === 'H' ? s.toUpperCase() : s, spec.flags, spec.width);
    }
    case 's':
    case 'S': {
      if (spec.flags.includes('#')) throw formatError(`Conversion = s, Flags = #`);
      let s = javaToString(v, t);
      if (spec.precision >= 0) s = [...s].slice(0, spec.precision).join('');
      return justify(c === 'S' ? s.toUpperCase() : s, spec.flags, spec.width);
    }
    case 'c':
    case 'C': {
      if (t.kind !== 'byte' && t.kind !== 'short' && t.kind !== 'integer')
        throw formatError(`c != ${javaClass(t)}`);
      const s = String.fromCodePoint(
        (v as number) & (t.kind === 'byte' ? 0xff : t.kind === 'short' ? 0xffff : 0x1fffff),
      );
      return justify(c === 'C' ? s.toUpperCase() : s, spec.flags, spec.width);
    }
    case 'd':
    case 'o':
    case 'x':
    case 'X':
      return formatIntegral(v, t, spec);
    default:
      return formatFloating(v, t, spec);
  }
}

export type JavaFormat = (values: readonly unknown[], types: readonly DataType[]) => string;

/** Parses a Java format string once; the result formats argument lists. */
export function compileJavaFormat(fmt: string): JavaFormat {
  const segments = parse(fmt);
  return (values, types) => {
    let out = '';
    let ordinary = 0;
    let last = -1;
    for (const seg of segments) {
      if (typeof seg === 'string') {
        out += seg;
        continue;
      }
      const i = seg.index > 0 ? seg.index - 1 : seg.index < 0 ? last : ordinary++;
      if (i < 0 || i >= values.length) throw formatError(`Format specifier '${seg.source}'`);
      last = i;
      out += formatOne(seg, values[i], types[i]!);
    }
    return out;
  };
}
