/**
 * Text utilities: soundex, levenshtein, sentences, mask, quote, luhn_check, uuid.
 *
 * Invariants: soundex and levenshtein follow Spark's exact algorithms (soundex only codes ASCII
 * letters and returns its input unchanged when it does not start with one); sentences approximates
 * Java's BreakIterator (sentence ends at . ! ? followed by space; words keep inner ' - . _).
 */
import { arrayType, BooleanType, IntegerType, LongType, StringType } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { type Expr, literal } from '../expression.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg } from './input-coercion.js';
import { MersenneTwister } from './mersenne-twister.js';
import { anyNullable, strictEvaluator, strictFunction } from './strict-function.js';
import { codePoints } from './string-code-points.js';

// ---------------------------------------------------------------------------------------------
// soundex

// Codes for A..Z; '7' marks H and W, which are skipped without resetting the previous code.
const SOUNDEX_CODES = '01230127022455012623017202';

export function soundex(s: string): string {
  if (s.length === 0) return '';
  let first = s.charCodeAt(0);
  if (first >= 97 && first <= 122) first -= 32;
  else if (first < 65 || first > 90) return s;
  const out = [String.fromCharCode(first), '0', '0', '0'];
  let n = 1;
  let last = SOUNDEX_CODES[first - 65]!;
  for (let i = 1; i < s.length && n < 4; i++) {
    let c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    else if (c < 65 || c > 90) {
      last = '0';
      continue;
    }
    const code = SOUNDEX_CODES[c - 65]!;
    if (code === '7') continue;
    if (code !== '0' && code !== last) out[n++] = code;
    last = code;
  }
  return out.join('');
}

const soundexFn = strictFunction({
  name: 'soundex',
  inputs: [StringType],
  result: StringType,
  body: () => soundex,
});

// ---------------------------------------------------------------------------------------------
// levenshtein

/** Edit distance over code points; with a threshold, -1 when the distance exceeds it. */
export function levenshtein(a: string, b: string, threshold?: number): number {
  const x = codePoints(a);
  const y = codePoints(b);
  if (threshold !== undefined && (threshold < 0 || Math.abs(x.length - y.length) > threshold)) return -1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  let cur = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  const d = prev[y.length]!;
  return threshold !== undefined && d > threshold ? -1 : d;
}

const levenshteinFn: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'levenshtein',
  minArgs: 2,
  maxArgs: 3,
  resolve: (args) => {
    const out = args.map((a, i) => coerceArg(a, i < 2 ? StringType : IntegerType, i));
    return { args: out, dataType: IntegerType, nullable: anyNullable(out) };
  },
  compile: (_call, args) =>
    args.length === 2
      ? strictEvaluator(args, (a: string, b: string) => levenshtein(a, b))
      : strictEvaluator(args, (a: string, b: string, t: number) => levenshtein(a, b, t)),
};

// ---------------------------------------------------------------------------------------------
// sentences

const SENTENCE_END = /[.!?]+(?:\s+|$)/gu;
const WORD = /[\p{L}\p{N}_]+(?:['\u2019.-][\p{L}\p{N}_]+)*/gu;

export function sentences(text: string): string[][] {
  const out: string[][] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index + m[0].length;
    out.push(words(text.slice(start, end)));
    start = end;
  }
  if (start < text.length) out.push(words(text.slice(start)));
  return out;
}

function words(sentence: string): string[] {
  return Array.from(sentence.matchAll(WORD), (m) => m[0]);
}

const sentencesFn = strictFunction({
  name: 'sentences',
  inputs: [StringType, StringType, StringType],
  defaults: [literal('', StringType), literal('', StringType)],
  minArgs: 1,
  result: arrayType(arrayType(StringType, false), false),
  nullable: () => true,
  body: () => (s: string) => sentences(s),
});

// ---------------------------------------------------------------------------------------------
// mask

const UPPER = /^\p{Uppercase}$/u;
const LOWER = /^\p{Lowercase}$/u;
const DIGIT = /^\p{Nd}$/u;
const MASK_PARAMS = ['upperChar', 'lowerChar', 'digitChar', 'otherChar'];

const mask: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'mask',
  minArgs: 1,
  maxArgs: 5,
  resolve: (args) => {
    const defaults: Expr[] = [
      literal('X', StringType),
      literal('x', StringType),
      literal('n', StringType),
      literal(null, StringType),
    ];
    const full = [...args, ...defaults.slice(args.length - 1)];
    const out = full.map((a, i) => coerceArg(a, StringType, i));
    out.slice(1).forEach((a, i) => {
      if (a.kind === 'literal' && a.value !== null && codePoints(a.value as string).length !== 1) {
        throw new AnalysisException(
          'DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE',
          `Cannot resolve "x" due to data type mismatch: Length of ${MASK_PARAMS[i]} should be 1.`,
        );
      }
    });
    return { args: out, dataType: StringType, nullable: true };
  },
  compile: (_call, args) => {
    const [fs, ...fchars] = args;
    return (row) => {
      const s = fs!(row) as string | null;
      if (s === null) return null;
      const [u, l, d, o] = fchars.map((f) => f(row) as string | null);
      let out = '';
      for (const c of codePoints(s)) {
        const r = UPPER.test(c) ? u : LOWER.test(c) ? l : DIGIT.test(c) ? d : o;
        out += r ?? c;
      }
      return out;
    };
  },
};

// ---------------------------------------------------------------------------------------------
// quote, luhn_check

const quote = strictFunction({
  name: 'quote',
  inputs: [StringType],
  result: StringType,
  nullable: () => true,
  body: () => (s: string) => `'${s.replace(/'/g, "\\'")}'`,
});

export function luhnCheck(s: string): boolean {
  if (s.length === 0 || !/^\d+$/.test(s)) return false;
  let sum = 0;
  for (let i = s.length - 1, alt = false; i >= 0; i--, alt = !alt) {
    let d = s.charCodeAt(i) - 48;
    if (alt) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const luhn = strictFunction({
  name: 'luhn_check',
  inputs: [StringType],
  result: BooleanType,
  nullable: () => true,
  body: () => luhnCheck,
});

// ---------------------------------------------------------------------------------------------
// uuid

function randomUuid(next64: () => bigint): string {
  const hi = (next64() & 0xffffffffffff0fffn) | 0x4000n;
  const lo = (next64() | 0x8000000000000000n) & 0xbfffffffffffffffn;
  const h = hi.toString(16).padStart(16, '0');
  const l = lo.toString(16).padStart(16, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12)}-${l.slice(0, 4)}-${l.slice(4)}`;
}

/** uuid([seed]): a random version-4 UUID per row; reproducible for a given seed and partition. */
const uuid: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'uuid',
  minArgs: 0,
  maxArgs: 1,
  deterministic: false,
  prettyName: () => 'uuid()',
  resolve: (args) => {
    const seed = args[0];
    // an integer literal seed stays a literal (the compiled closure reads it as the seed)
    const folded =
      seed?.kind === 'literal' && (seed.dataType.kind === 'integer' || seed.dataType.kind === 'long')
        ? { ...seed, dataType: LongType }
        : seed && coerceArg(seed, LongType, 0);
    return { args: folded ? [folded] : [], dataType: StringType, nullable: false };
  },
  compile: (call, _args, ctx) => {
    const seedArg = call.args[0];
    if (seedArg?.kind === 'literal' && seedArg.value !== null) {
      const partition = (ctx as { partitionIndex?: number }).partitionIndex ?? 0;
      // Spark's RandomUUIDGenerator: a Mersenne Twister seeded with seed + partition index
      const rng = new MersenneTwister(BigInt(seedArg.value as number | bigint) + BigInt(partition));
      return () => randomUuid(() => BigInt.asUintN(64, rng.nextLong()));
    }
    return () => crypto.randomUUID();
  },
};

registerFunctions([soundexFn, levenshteinFn, sentencesFn, mask, quote, luhn, uuid]);
