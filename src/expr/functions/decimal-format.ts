/**
 * The subset of `java.text.DecimalFormat` (Locale.US, HALF_EVEN) that format_number uses: patterns
 * like `#,##0.00`, `0000.0`, `#.##`, `0.0E0`, literal prefixes/suffixes ('quoted' text), `%`, `‰`
 * and an explicit negative subpattern (`0.0;(0.0)`).
 * Spark's numeric argument `d` maps to the pattern `#,###,###,###,###,###,##0.` + d zeros.
 *
 * Doubles are rounded from their exact binary value (as the JDK does since 8), so
 * `format_number(1.005, 2)` is `1.00` and `format_number(0.125, 2)` is `0.12`.
 *
 * Invariant: patterns are parsed once; malformed patterns raise an error naming the pattern.
 */
import { SparkRuntimeError } from '../../util/errors.js';
import { type Dec, setScale } from './decimal-rounding.js';

export interface DecimalPattern {
  readonly prefix: string;
  readonly suffix: string;
  readonly minInt: number;
  readonly minFrac: number;
  readonly maxFrac: number;
  /** 0 when grouping is off. */
  readonly grouping: number;
  readonly multiplier: number;
  /** A decimal point shown even with no fraction digits (`0.`). */
  readonly alwaysPoint: boolean;
  /** Minimum exponent digits for scientific patterns (`0.0E00`), 0 when not scientific. */
  readonly expDigits: number;
  /** Affixes of an explicit negative subpattern (`0.0;(0.0)`); default: '-' before the prefix. */
  readonly negPrefix: string;
  readonly negSuffix: string;
}

function invalidPattern(pattern: string, why: string): SparkRuntimeError {
  return new SparkRuntimeError('INVALID_FORMAT_PATTERN', `Malformed pattern "${pattern}": ${why}.`);
}

export function parseDecimalPattern(pattern: string): DecimalPattern {
  const [positive, negative] = splitSubpatterns(pattern);
  const pos = parseSubpattern(pattern, positive);
  if (negative === undefined) return pos;
  const neg = parseSubpattern(pattern, negative);
  return { ...pos, negPrefix: neg.prefix, negSuffix: neg.suffix };
}

function parseSubpattern(pattern: string, positive: string): DecimalPattern {
  let i = 0;
  let prefix = '';
  let suffix = '';
  let multiplier = 1;
  let expDigits = 0;
  const readAffix = (): string => {
    let s = '';
    while (i < positive.length) {
      const c = positive[i]!;
      if (c === '#' || c === '0' || c === ',' || c === '.' || c === 'E') break;
      if (c === "'") {
        const end = positive.indexOf("'", i + 1);
        if (end < 0) throw invalidPattern(pattern, 'unterminated quote');
        s += end === i + 1 ? "'" : positive.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (c === '%') multiplier = 100;
      else if (c === '\u2030') multiplier = 1000;
      s += c;
      i++;
    }
    return s;
  };
  prefix = readAffix();
  let minInt = 0;
  let intDigits = 0;
  let lastComma = -1;
  let minFrac = 0;
  let maxFrac = 0;
  let sawPoint = false;
  let sawIntZero = false;
  while (i < positive.length) {
    const c = positive[i]!;
    if (c === '#' || c === '0') {
      if (sawPoint) {
        if (c === '0') {
          if (maxFrac !== minFrac) throw invalidPattern(pattern, "'0' after '#' in the fraction");
          minFrac++;
        }
        maxFrac++;
      } else {
        if (c === '0') {
          minInt++;
          sawIntZero = true;
        } else if (sawIntZero) throw invalidPattern(pattern, "'#' after '0' in the integer part");
        intDigits++;
      }
    } else if (c === ',') {
      if (sawPoint) throw invalidPattern(pattern, 'grouping separator in the fraction');
      lastComma = intDigits;
    } else if (c === '.') {
      if (sawPoint) throw invalidPattern(pattern, 'multiple decimal separators');
      sawPoint = true;
    } else if (c === 'E') {
      while (positive[i + 1] === '0') {
        expDigits++;
        i++;
      }
      if (expDigits === 0) throw invalidPattern(pattern, 'missing exponent digits');
    } else break;
    i++;
  }
  suffix = readAffix();
  if (i < positive.length) throw invalidPattern(pattern, `unexpected '${positive[i]}'`);
  const grouping = lastComma >= 0 ? intDigits - lastComma : 0;
  return {
    prefix,
    suffix,
    minInt,
    minFrac,
    maxFrac,
    grouping,
    multiplier,
    alwaysPoint: sawPoint && maxFrac === 0,
    expDigits,
    negPrefix: `-${prefix}`,
    negSuffix: suffix,
  };
}

function splitSubpatterns(pattern: string): [string, string | undefined] {
  let inQuote = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") inQuote = !inQuote;
    else if (c === ';' && !inQuote) return [pattern.slice(0, i), pattern.slice(i + 1)];
  }
  return [pattern, undefined];
}

/** Formats an exact decimal with the pattern (HALF_EVEN, Locale.US symbols). */
export function formatWithPattern(p: DecimalPattern, value: Dec, negativeZero = false): string {
  let d = value;
  if (p.multiplier !== 1) d = { unscaled: d.unscaled * BigInt(p.multiplier), scale: d.scale };
  const negative = d.unscaled < 0n || negativeZero;
  let abs: Dec = { unscaled: d.unscaled < 0n ? -d.unscaled : d.unscaled, scale: d.scale };
  let exponent = '';
  if (p.expDigits > 0) {
    const intDigits = Math.max(p.minInt, 1);
    let exp = abs.unscaled === 0n ? 0 : abs.unscaled.toString().length - abs.scale - intDigits;
    let m = setScale({ unscaled: abs.unscaled, scale: abs.scale + exp }, p.maxFrac, 'HALF_EVEN');
    if (m.toString().length > intDigits + p.maxFrac) {
      exp++;
      m = setScale({ unscaled: abs.unscaled, scale: abs.scale + exp }, p.maxFrac, 'HALF_EVEN');
    }
    abs = { unscaled: m, scale: p.maxFrac };
    exponent = `E${exp < 0 ? '-' : ''}${String(Math.abs(exp)).padStart(p.expDigits, '0')}`;
  }
  const rounded = setScale(abs, p.maxFrac, 'HALF_EVEN');
  let digits = rounded.toString();
  if (digits.length <= p.maxFrac) digits = '0'.repeat(p.maxFrac - digits.length + 1) + digits;
  let intPart = digits.slice(0, digits.length - p.maxFrac);
  let frac = digits.slice(digits.length - p.maxFrac);
  // drop optional trailing fraction zeros
  let keep = frac.length;
  while (keep > p.minFrac && frac[keep - 1] === '0') keep--;
  frac = frac.slice(0, keep);
  intPart = intPart.replace(/^0+/, '');
  if (intPart.length < p.minInt) intPart = '0'.repeat(p.minInt - intPart.length) + intPart;
  if (intPart === '') intPart = '0';
  if (p.grouping > 0 && intPart.length > p.grouping) {
    let g = '';
    for (let k = 0; k < intPart.length; k++) {
      if (k > 0 && (intPart.length - k) % p.grouping === 0) g += ',';
      g += intPart[k];
    }
    intPart = g;
  }
  const body = (frac.length > 0 || p.alwaysPoint ? `${intPart}.${frac}` : intPart) + exponent;
  return negative ? `${p.negPrefix}${body}${p.negSuffix}` : `${p.prefix}${body}${p.suffix}`;
}

/** Spark's pattern for `format_number(x, d)`. */
export function patternForDecimals(d: number): DecimalPattern {
  return {
    prefix: '',
    suffix: '',
    minInt: 1,
    minFrac: d,
    maxFrac: d,
    grouping: 3,
    multiplier: 1,
    alwaysPoint: false,
    expDigits: 0,
    negPrefix: '-',
    negSuffix: '',
  };
}
