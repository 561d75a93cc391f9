/**
 * Math functions, part one: the double-valued functions (sqrt, exp, log family, trigonometry,
 * degrees/radians, signum, rint), pow/atan2/hypot, log(base, x), pi() and e(). Importing this
 * module registers the whole math family (the other `math-*.ts` files are loaded from here).
 *
 * Invariants: arguments are implicitly cast to double (strings too, as Spark does); logarithms of
 * values at or below their asymptote give null (Spark), other domain errors give NaN
 * (`sqrt(-1)`). Results are java.lang.Math's bit for bit where Java uses fdlibm (exp, log, cbrt,
 * hypot, …); sin/cos/tan/pow use HotSpot intrinsics in Java and may differ from V8 in the last bit.
 */
import { DoubleType } from '../../types/data-type.js';
import type { Expr, FunctionCall } from '../expression.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { cbrt as fdlibmCbrt, cosh as fdlibmCosh, exp as fdlibmExp, hypot as fdlibmHypot } from './fdlibm.js';
import { coerceArg } from './input-coercion.js';
import { renamed, strictFunction } from './strict-function.js';
import './math-rounding.js';
import './math-integral.js';
import './math-modulo.js';
import './math-extremum.js';
import './math-random.js';
import './math-try.js';

/** A double → double function; Spark names most of them in upper case (`SQRT(x)`). */
function unary(
  name: string,
  f: (x: number) => number | null,
  display = name.toUpperCase(),
): ScalarFunctionDef {
  return strictFunction({
    name,
    displayName: display,
    inputs: [DoubleType],
    result: DoubleType,
    nullable: () => true,
    body: () => f,
  });
}

const RADIANS_TO_DEGREES = 57.29577951308232;
const DEGREES_TO_RADIANS = 0.017453292519943295;

/** java.lang.Math.rint: round half to even. */
export function rint(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const r = Math.round(x);
  const v = r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return v === 0 && (x < 0 || Object.is(x, -0)) ? -0 : v;
}

function signum(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x;
}

const ln = unary('ln', (x) => (x <= 0 ? null : Math.log(x)), 'ln');

const unaries: ScalarFunctionDef[] = [
  unary('sqrt', Math.sqrt),
  unary('cbrt', fdlibmCbrt),
  unary('exp', fdlibmExp),
  unary('expm1', Math.expm1),
  ln,
  unary('log10', (x) => (x <= 0 ? null : Math.log10(x))),
  unary('log2', (x) => (x <= 0 ? null : Math.log(x) / Math.LN2)),
  unary('log1p', (x) => (x <= -1 ? null : Math.log1p(x))),
  unary('sin', Math.sin),
  unary('cos', Math.cos),
  unary('tan', Math.tan),
  unary('cot', (x) => 1 / Math.tan(x)),
  unary('sec', (x) => 1 / Math.cos(x)),
  unary('csc', (x) => 1 / Math.sin(x)),
  unary('asin', Math.asin),
  unary('acos', Math.acos),
  unary('atan', Math.atan),
  unary('sinh', Math.sinh),
  unary('cosh', fdlibmCosh),
  unary('tanh', Math.tanh),
  unary('asinh', Math.asinh),
  unary('acosh', Math.acosh),
  // Spark's formula, which differs from Math.atanh in the last bit for some inputs
  unary('atanh', (x) => 0.5 * (Math.log1p(x) - Math.log1p(-x))),
  unary('degrees', (x) => x * RADIANS_TO_DEGREES),
  unary('radians', (x) => x * DEGREES_TO_RADIANS),
  unary('signum', signum),
  unary('sign', signum, 'sign'),
  unary('rint', rint, 'rint'),
];

function binary(name: string, display: string, f: (a: number, b: number) => number): ScalarFunctionDef {
  return strictFunction({
    name,
    displayName: display,
    inputs: [DoubleType, DoubleType],
    result: DoubleType,
    body: () => f,
  });
}

const pow = binary('pow', 'pow', Math.pow);
const atan2 = binary('atan2', 'ATAN2', (y, x) => Math.atan2(y + 0, x + 0));
// V8's Math.hypot is off by an ulp for many inputs; Java's (fdlibm's) is the reference.
const hypot = binary('hypot', 'HYPOT', fdlibmHypot);

function constant(name: string, value: number): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    displayName: name.toUpperCase(),
    minArgs: 0,
    maxArgs: 0,
    resolve: () => ({ args: [], dataType: DoubleType, nullable: false }),
    compile: () => () => value,
  };
}

const E_CALL: FunctionCall = { kind: 'fn', name: 'e', args: [], dataType: DoubleType, nullable: false };

/** log(x) is the natural logarithm (shown as `LOG(E(), x)`); log(base, x) = ln(x) / ln(base). */
const log: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'log',
  minArgs: 1,
  maxArgs: 2,
  prettyName: (args) => `LOG(${args.join(', ')})`,
  resolve: (args) => {
    const full: Expr[] = args.length === 1 ? [E_CALL, args[0]!] : [...args];
    const out = full.map((a, i) => coerceArg(a, DoubleType, i));
    return { args: out, dataType: DoubleType, nullable: true };
  },
  compile: (call, args) => {
    const natural = call.args[0]!.kind === 'fn' && (call.args[0] as FunctionCall).name === 'e';
    const [fb, fx] = args;
    if (natural) {
      return (row) => {
        const x = fx!(row) as number | null;
        return x === null || x <= 0 ? null : Math.log(x);
      };
    }
    return (row) => {
      const b = fb!(row) as number | null;
      if (b === null) return null;
      const x = fx!(row) as number | null;
      if (x === null) return null;
      return b <= 0 || x <= 0 ? null : Math.log(x) / Math.log(b);
    };
  },
};

registerFunctions([
  ...unaries,
  pow,
  renamed(pow, 'power', 'POWER'),
  atan2,
  hypot,
  log,
  constant('pi', Math.PI),
  constant('e', Math.E),
]);
