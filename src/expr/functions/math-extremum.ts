/**
 * greatest/least (skip nulls, common type without string promotion, NaN largest) and nanvl.
 *
 * Invariant: comparisons use the engine's total order for the common type (ordering.ts).
 */

import { castIfNeeded, widerType } from '../../types/coercion.js';
import { type DataType, DoubleType, FloatType, sameType, sqlTypeName } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import { dataTypeOf, nullableOf } from '../expression-type.js';
import type { Evaluator, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { comparatorFor } from '../ordering.js';
import { coerceArg } from './input-coercion.js';
import { anyNullable } from './strict-function.js';

// ---------------------------------------------------------------------------------------------
// greatest / least

function extremum(name: 'greatest' | 'least'): ScalarFunctionDef {
  const sign = name === 'greatest' ? 1 : -1;
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: Number.POSITIVE_INFINITY,
    resolve: (args) => {
      const types = args.map(dataTypeOf);
      let t: DataType | undefined = types[0];
      for (let i = 1; i < types.length && t; i++) t = widerType(t, types[i]!, false);
      if (!t || t.kind === 'map') {
        const listed = [...new Set(types.map((x) => `"${sqlTypeName(x)}"`))].join(', ');
        throw new AnalysisException(
          'DATATYPE_MISMATCH.DATA_DIFF_TYPES',
          `Cannot resolve "x" due to data type mismatch: Input to \`${name}\` should all be the same type, but it's [${listed}].`,
        );
      }
      const target = t;
      return {
        args: args.map((a) => (sameType(dataTypeOf(a), target, true) ? a : castIfNeeded(a, target))),
        dataType: target,
        nullable: args.every(nullableOf),
      };
    },
    compile: (call, args) => {
      const cmp = comparatorFor(call.dataType);
      const n = args.length;
      return (row) => {
        let best: unknown = null;
        for (let i = 0; i < n; i++) {
          const v = args[i]!(row);
          if (v !== null && (best === null || sign * cmp(v, best) > 0)) best = v;
        }
        return best;
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// nanvl

const nanvl: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'nanvl',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const bothFloat = args.every((a) => dataTypeOf(a).kind === 'float');
    const target = bothFloat ? FloatType : DoubleType;
    const out = args.map((a, i) => coerceArg(a, target, i));
    return { args: out, dataType: target, nullable: anyNullable(out) };
  },
  compile: (_call, args) => {
    const [fa, fb] = args as [Evaluator, Evaluator];
    return (row) => {
      const a = fa(row) as number | null;
      if (a === null) return null;
      return Number.isNaN(a) ? fb(row) : a;
    };
  },
};

registerFunctions([extremum('greatest'), extremum('least'), nanvl]);
