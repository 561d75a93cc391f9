/**
 * Generators (table-valued in the SELECT list): explode, explode_outer, posexplode,
 * posexplode_outer, inline, inline_outer, stack, json_tuple.
 *
 * Invariants: output columns are named as Spark names them (`col`; `key`, `value`; `pos`;
 * struct field names for inline; `col0…` for stack; `c0…` for json_tuple); the `_outer`
 * variants (call.outer) emit one all-null row when the input is null or empty — the generate
 * operator must not pad again; json_tuple always emits exactly one row.
 */

import { castIfNeeded } from '../../types/coercion.js';
import { type DataType, IntegerType, StringType, sameType, sqlTypeName } from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr, GeneratorCall, Row } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { Evaluator, FunctionContext, GeneratorFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { isJsonObject, JsonSyntaxError, parseJson } from '../json/json-parser.js';
import { writeJsonValue } from '../json/json-writer.js';
import { evaluateConstant, requiresType } from './collection-common.js';
import { isFoldable } from './null-safe.js';

type ElementFields = GeneratorCall['elementFields'];

function withOuter(fields: ElementFields, outer: boolean): ElementFields {
  return outer ? fields.map((f) => ({ ...f, nullable: true })) : fields;
}

function explodeFields(arg: Expr, withPos: boolean, outer: boolean): ElementFields {
  const t = dataTypeOf(arg);
  const pos = withPos ? [{ name: 'pos', dataType: IntegerType as DataType, nullable: false }] : [];
  if (t.kind === 'array') {
    return withOuter([...pos, { name: 'col', dataType: t.elementType, nullable: t.containsNull }], outer);
  }
  if (t.kind === 'map') {
    return withOuter(
      [
        ...pos,
        { name: 'key', dataType: t.keyType, nullable: false },
        { name: 'value', dataType: t.valueType, nullable: t.valueContainsNull },
      ],
      outer,
    );
  }
  throw requiresType(0, '("ARRAY" or "MAP")', arg);
}

/** Wraps a row producer with the `_outer` rule: nothing produced → one all-null row. */
function padOuter(width: number, outer: boolean, gen: (row: Row) => Row[]): (row: Row) => Row[] {
  if (!outer) return gen;
  return (row) => {
    const out = gen(row);
    return out.length > 0 ? out : [new Array<unknown>(width).fill(null)];
  };
}

function explodeDef(name: string, withPos: boolean, outer: boolean): GeneratorFunctionDef {
  return {
    kind: 'generator',
    name,
    minArgs: 1,
    maxArgs: 1,
    resolve: (args) => ({ args, elementFields: explodeFields(args[0]!, withPos, outer) }),
    compile: (call, [f]) => {
      const t = dataTypeOf(call.args[0]!);
      const width = call.elementFields.length;
      if (t.kind === 'map') {
        return padOuter(width, call.outer, (row) => {
          const m = f!(row) as Map<unknown, unknown> | null;
          if (m === null) return [];
          const out: Row[] = [];
          let i = 0;
          for (const [k, v] of m) out.push(withPos ? [i++, k, v] : [k, v]);
          return out;
        });
      }
      return padOuter(width, call.outer, (row) => {
        const a = f!(row) as unknown[] | null;
        if (a === null) return [];
        const n = a.length;
        const out = new Array<Row>(n);
        for (let i = 0; i < n; i++) out[i] = withPos ? [i, a[i] ?? null] : [a[i] ?? null];
        return out;
      });
    },
  };
}

function inlineDef(name: string, outer: boolean): GeneratorFunctionDef {
  return {
    kind: 'generator',
    name,
    minArgs: 1,
    maxArgs: 1,
    displayName: 'inline',
    resolve: (args) => {
      const a = args[0]!;
      const t = dataTypeOf(a);
      if (t.kind !== 'array' || t.elementType.kind !== 'struct') throw requiresType(0, '"ARRAY<STRUCT>"', a);
      const containsNull = t.containsNull;
      const fields = t.elementType.fields.map((f) => ({
        name: f.name,
        dataType: f.dataType,
        nullable: f.nullable || containsNull,
      }));
      return { args, elementFields: withOuter(fields, outer) };
    },
    compile: (call, [f]) => {
      const width = call.elementFields.length;
      return padOuter(width, call.outer, (row) => {
        const a = f!(row) as (Row | null)[] | null;
        if (a === null) return [];
        return a.map((s) => (s === null ? new Array<unknown>(width).fill(null) : [...s]));
      });
    },
  };
}

function stackError(message: string): AnalysisException {
  return new AnalysisException(
    'DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES',
    `Cannot resolve "x" due to data type mismatch: ${message}`,
  );
}

const stack: GeneratorFunctionDef = {
  kind: 'generator',
  name: 'stack',
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args, ctx) => {
    const nArg = args[0]!;
    const nType = dataTypeOf(nArg);
    const n =
      isFoldable(nArg) && nType.kind === 'integer' ? (evaluateConstant(nArg, ctx) as number | null) : null;
    if (n === null || n <= 0) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
        `Cannot resolve "x" due to data type mismatch: The first parameter requires the "INT" type, however "${sqlTypeName(nType)}" is not a positive constant integer.`,
      );
    }
    const values = args.slice(1);
    const cols = Math.ceil(values.length / n);
    const types: DataType[] = [];
    for (let j = 0; j < cols; j++) {
      let first: { t: DataType; at: number } | undefined;
      for (let i = j; i < values.length; i += cols) {
        const t = dataTypeOf(values[i]!);
        if (t.kind === 'null') continue;
        if (!first) first = { t, at: i + 1 };
        else if (!sameType(first.t, t, true)) {
          throw stackError(
            `The data type of the column (${j}) do not have the same type: "${sqlTypeName(first.t)}" (${first.at}) <> "${sqlTypeName(t)}" (${i + 1}).`,
          );
        }
      }
      types.push(first?.t ?? { kind: 'null' });
    }
    const cast = values.map((v, i) => castIfNeeded(v, types[i % cols]!));
    return {
      args: [nArg, ...cast],
      elementFields: types.map((t, j) => ({ name: `col${j}`, dataType: t, nullable: true })),
    };
  },
  compile: (call, args, ctx) => {
    const n = evaluateConstant(call.args[0]!, ctx) as number;
    const values = args.slice(1);
    const cols = call.elementFields.length;
    return (row) => {
      const out = new Array<Row>(n);
      for (let r = 0; r < n; r++) {
        const line = new Array<unknown>(cols);
        for (let j = 0; j < cols; j++) {
          const f = values[r * cols + j];
          line[j] = f ? f(row) : null;
        }
        out[r] = line;
      }
      return out;
    };
  },
};

function fieldExtractor(
  call: GeneratorCall,
  args: readonly Evaluator[],
  ctx: FunctionContext,
): (row: Row) => (string | null)[] {
  const names = call.args.slice(1);
  const fs = args.slice(1);
  if (names.every(isFoldable)) {
    const constant = names.map((e) => evaluateConstant(e, ctx) as string | null);
    return () => constant;
  }
  return (row) => fs.map((f) => f(row) as string | null);
}

const jsonTuple: GeneratorFunctionDef = {
  kind: 'generator',
  name: 'json_tuple',
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    if (!args.every((a) => dataTypeOf(a).kind === 'string')) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.NON_STRING_TYPE',
        'Cannot resolve "x" due to data type mismatch: all arguments of the function `json_tuple` must be strings.',
      );
    }
    return {
      args,
      elementFields: args
        .slice(1)
        .map((_, i) => ({ name: `c${i}`, dataType: StringType as DataType, nullable: true })),
    };
  },
  compile: (call, args, ctx) => {
    const json = args[0]!;
    const names = fieldExtractor(call, args, ctx);
    const width = call.elementFields.length;
    return (row) => {
      const text = json(row) as string | null;
      const nullRow = () => [new Array<unknown>(width).fill(null)];
      if (text === null) return nullRow();
      let doc: ReturnType<typeof parseJson>;
      try {
        doc = parseJson(text);
      } catch (e) {
        if (e instanceof JsonSyntaxError) return nullRow();
        throw e;
      }
      if (doc === undefined || doc === null || !isJsonObject(doc)) return nullRow();
      const ks = names(row);
      const out = new Array<unknown>(width);
      for (let i = 0; i < width; i++) {
        const k = ks[i];
        const v = k === null || k === undefined || !Object.hasOwn(doc, k) ? null : doc[k]!;
        out[i] = v === null ? null : typeof v === 'string' ? v : writeJsonValue(v);
      }
      return [out];
    };
  },
};

registerFunctions([
  explodeDef('explode', false, false),
  explodeDef('explode_outer', false, true),
  explodeDef('posexplode', true, false),
  explodeDef('posexplode_outer', true, true),
  inlineDef('inline', false),
  inlineDef('inline_outer', true),
  stack,
  jsonTuple,
]);
