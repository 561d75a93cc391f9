/**
 * Regular-expression and pattern functions: rlike/regexp/regexp_like, regexp_extract,
 * regexp_extract_all, regexp_replace, regexp_count, regexp_substr, regexp_instr, split,
 * str_to_map (whose delimiters are regexes too), and SQL LIKE / ILIKE.
 *
 * Invariants: patterns are Java regexes (translated by java-regex.ts); a constant pattern is
 * compiled once per plan, a varying one through a small per-plan cache; group indices are Java's
 * and are checked against the pattern only when a match needs them (as Spark does).
 */
import {
  arrayType,
  BooleanType,
  type DataType,
  IntegerType,
  mapType,
  StringType,
} from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import { type Expr, type FunctionCall, literal } from '../expression.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { compileMapPut } from './collection-common.js';
import { coerceArg } from './input-coercion.js';
import { JavaPattern, JavaReplacement, patternCache } from './java-pattern.js';
import { constantArg } from './null-safe.js';
import { anyNullable, strictEvaluator } from './strict-function.js';
import { codePoints, cpIndex } from './string-code-points.js';
import './regex-like.js';

/** The pattern for argument 1 of `call`: compiled once when constant, else looked up per row. */
function patternOf(call: FunctionCall, f: Evaluator, fn: string): (p: string) => JavaPattern {
  return patternOfArg(call, 1, f, fn);
}

function patternOfArg(
  call: FunctionCall,
  index: number,
  f: Evaluator,
  fn: string,
): (p: string) => JavaPattern {
  const c = constantArg(call.args[index], f);
  if (c && typeof c.value === 'string') {
    const compiled = new JavaPattern(c.value, fn);
    return () => compiled;
  }
  return patternCache(fn);
}

function groupIndexError(fn: string, groupCount: number, idx: number): SparkRuntimeError {
  return new SparkRuntimeError(
    'INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX',
    `The value of parameter(s) \`idx\` in \`${fn}\` is invalid: Expects group index between 0 and ${groupCount}, but got ${idx}.`,
  );
}

function checkGroup(fn: string, p: JavaPattern, idx: number): void {
  if (idx < 0 || idx > p.groupCount) throw groupIndexError(fn, p.groupCount, idx);
}

interface RegexFnSpec {
  readonly name: string;
  /** Types of the arguments after (str, regexp). */
  readonly extra?: readonly { type: DataType; default?: Expr }[];
  readonly result: DataType;
  readonly nullable?: (args: readonly Expr[]) => boolean;
  readonly displayName?: string;
  readonly body: (pattern: (p: string) => JavaPattern, call: FunctionCall) => (...vals: any[]) => unknown;
}

function regexFunction(spec: RegexFnSpec): ScalarFunctionDef {
  const extra = spec.extra ?? [];
  const required = 2 + extra.filter((e) => e.default === undefined).length;
  return {
    kind: 'scalar',
    name: spec.name,
    minArgs: required,
    maxArgs: 2 + extra.length,
    ...(spec.displayName ? { displayName: spec.displayName } : {}),
    resolve: (args) => {
      const full = [...args];
      for (let i = args.length - 2; i < extra.length; i++) full.push(extra[i]!.default!);
      const out = full.map((a, i) => coerceArg(a, i < 2 ? StringType : extra[i - 2]!.type, i));
      return { args: out, dataType: spec.result, nullable: (spec.nullable ?? anyNullable)(out) };
    },
    compile: (call, args) => strictEvaluator(args, spec.body(patternOf(call, args[1]!, spec.name), call)),
  };
}

// ---------------------------------------------------------------------------------------------

function rlikeFunction(name: string, display: string): ScalarFunctionDef {
  return regexFunction({
    name,
    displayName: display,
    result: BooleanType,
    body: (pattern) => (s: string, p: string) => pattern(p).test(s),
  });
}

const regexpExtract = regexFunction({
  name: 'regexp_extract',
  extra: [{ type: IntegerType, default: literal(1, IntegerType) }],
  result: StringType,
  body: (pattern) => (s: string, p: string, idx: number) => {
    const re = pattern(p);
    const m = re.exec(s);
    if (m === null) return '';
    checkGroup('regexp_extract', re, idx);
    return re.group(m, idx) ?? '';
  },
});

const regexpExtractAll = regexFunction({
  name: 'regexp_extract_all',
  extra: [{ type: IntegerType, default: literal(1, IntegerType) }],
  result: arrayType(StringType, true),
  body: (pattern) => (s: string, p: string, idx: number) => {
    const re = pattern(p);
    const out: string[] = [];
    for (const m of re.matches(s)) {
      checkGroup('regexp_extract_all', re, idx);
      out.push(re.group(m, idx) ?? '');
    }
    return out;
  },
});

const regexpCount = regexFunction({
  name: 'regexp_count',
  result: IntegerType,
  body: (pattern) => (s: string, p: string) => {
    let n = 0;
    for (const _ of pattern(p).matches(s)) n++;
    return n;
  },
});

/** regexp_substr ≡ nullif(regexp_extract(str, regexp, 0), ''). */
const regexpSubstr = regexFunction({
  name: 'regexp_substr',
  result: StringType,
  nullable: () => true,
  body: (pattern) => (s: string, p: string) => {
    const m = pattern(p).exec(s);
    return m === null || m[0] === '' ? null : m[0];
  },
});

const regexpInstr = regexFunction({
  name: 'regexp_instr',
  extra: [{ type: IntegerType, default: literal(0, IntegerType) }],
  result: IntegerType,
  // Spark validates the group index but returns the start of the whole match.
  body: (pattern) => (s: string, p: string, idx: number) => {
    const re = pattern(p);
    const m = re.exec(s);
    if (m === null) return 0;
    checkGroup('regexp_instr', re, idx);
    return cpIndex(s, m.index) + 1;
  },
});

// ---------------------------------------------------------------------------------------------
// regexp_replace

const regexpReplace: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'regexp_replace',
  minArgs: 3,
  maxArgs: 4,
  resolve: (args) => {
    const full = args.length === 3 ? [...args, literal(1, IntegerType)] : args;
    const out = full.map((a, i) => coerceArg(a, i < 3 ? StringType : IntegerType, i));
    const pos = out[3]!;
    if (pos.kind === 'literal' && pos.value !== null && (pos.value as number) <= 0) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE',
        `Cannot resolve "x" due to data type mismatch: The position must be between (0, 2147483647] (current value = ${pos.value}).`,
      );
    }
    return { args: out, dataType: StringType, nullable: anyNullable(out) };
  },
  compile: (call, args) => {
    const pattern = patternOf(call, args[1]!, 'regexp_replace');
    let lastRep: JavaReplacement | undefined;
    return strictEvaluator(args, (s: string, p: string, rep: string, pos: number) => {
      const re = pattern(p);
      if (lastRep === undefined || lastRep.replacement !== rep) lastRep = new JavaReplacement(rep, re);
      const replacement = lastRep;
      const start = pos - 1;
      if (!(start === 0 || start < s.length)) return s;
      // Java matches within the region [start, length) with anchoring bounds: a slice behaves the same.
      const region = start === 0 ? s : s.slice(start);
      let out = start === 0 ? '' : s.slice(0, start);
      let last = 0;
      for (const m of re.matches(region)) {
        out += region.slice(last, m.index);
        out += replacement.expand(
          m,
          re,
          () =>
            new SparkRuntimeError(
              'INVALID_REGEXP_REPLACE',
              `Could not perform regexp_replace for source = "${s}", pattern = "${p}", replacement = "${rep}" and position = ${pos}.`,
            ),
        );
        last = m.index + m[0].length;
      }
      return out + region.slice(last);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// split

const split = regexFunction({
  name: 'split',
  extra: [{ type: IntegerType, default: literal(-1, IntegerType) }],
  result: arrayType(StringType, false),
  body: (pattern) => (s: string, p: string, limit: number) => {
    if (p.length === 0) {
      if (s.length === 0) return [''];
      const cps = codePoints(s);
      const n = limit > cps.length || limit <= 0 ? cps.length : limit;
      return [...cps.slice(0, n - 1), cps.slice(n - 1).join('')];
    }
    return pattern(p).split(s, limit);
  },
});

/** str_to_map(text, pairDelim = ',', keyValueDelim = ':'): a missing value is NULL; duplicate keys follow mapKeyDedupPolicy. */
const strToMap: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'str_to_map',
  minArgs: 1,
  maxArgs: 3,
  resolve: (args) => {
    const full = [args[0]!, args[1] ?? literal(',', StringType), args[2] ?? literal(':', StringType)];
    const out = full.map((a, i) => coerceArg(a, StringType, i));
    return { args: out, dataType: mapType(StringType, StringType, true), nullable: anyNullable(out) };
  },
  compile: (call, args, ctx) => {
    const put = compileMapPut(StringType, ctx);
    const pairs = patternOf(call, args[1]!, 'str_to_map');
    const kv = patternOfArg(call, 2, args[2]!, 'str_to_map');
    return strictEvaluator(args, (s: string, pairDelim: string, kvDelim: string) => {
      const m = new Map<unknown, unknown>();
      for (const pair of pairs(pairDelim).split(s, -1)) {
        const parts = kv(kvDelim).split(pair, 2);
        put(m, parts[0]!, parts.length === 2 ? parts[1]! : null);
      }
      return m;
    });
  },
};

registerFunctions([
  strToMap,
  rlikeFunction('rlike', 'RLIKE'),
  rlikeFunction('regexp', 'REGEXP'),
  rlikeFunction('regexp_like', 'REGEXP_LIKE'),
  regexpExtract,
  regexpExtractAll,
  regexpCount,
  regexpSubstr,
  regexpInstr,
  regexpReplace,
  split,
]);
