/**
 * Value extraction behind `a[i]`, `m['k']` and `arr_of_structs.field`: Spark's GetArrayItem (0-based,
 * null when out of range unless ANSI), GetMapValue, and GetArrayStructFields.
 */

import { castIfNeeded } from '../../types/coercion.js';
import { arrayType, IntegerType } from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import { dataTypeOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { equalityFor, groupKeyOf } from '../ordering.js';

const getItem: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__get_item',
  minArgs: 2,
  maxArgs: 2,
  prettyName: ([a, k]) => `${a}[${k}]`,
  resolve: (args, ctx) => {
    const [c, k] = args as [(typeof args)[number], (typeof args)[number]];
    const t = dataTypeOf(c);
    if (t.kind === 'array') {
      return {
        args: [c, castIfNeeded(k, IntegerType)],
        dataType: t.elementType,
        nullable: true,
        params: { ansi: ctx.ansi },
      };
    }
    if (t.kind === 'map')
      return { args: [c, castIfNeeded(k, t.keyType)], dataType: t.valueType, nullable: true };
    throw new AnalysisException('INVALID_EXTRACT_BASE_FIELD_TYPE', `Can't extract a value from a ${t.kind}.`);
  },
  compile: (call, [fc, fk], ctx) => {
    const c = fc!;
    const k = fk!;
    const t = dataTypeOf(call.args[0]!);
    if (t.kind === 'array') {
      return (row) => {
        const a = c(row) as unknown[] | null;
        if (a === null) return null;
        const i = k(row) as number | null;
        if (i === null) return null;
        if (i < 0 || i >= a.length) {
          if (ctx.ansi) {
            throw new SparkRuntimeError(
              'INVALID_ARRAY_INDEX',
              `The index ${i} is out of bounds. The array has ${a.length} elements. Use the SQL function \`get()\` to tolerate accessing element at invalid index and return NULL instead.`,
            );
          }
          return null;
        }
        return a[i] ?? null;
      };
    }
    const keyType = t.kind === 'map' ? t.keyType : IntegerType;
    const primitive = keyType.kind !== 'array' && keyType.kind !== 'struct' && keyType.kind !== 'binary';
    const eq = equalityFor(keyType);
    return (row) => {
      const m = c(row) as Map<unknown, unknown> | null;
      if (m === null) return null;
      const key = k(row);
      if (key === null) return null;
      if (primitive) {
        const v = m.get(groupKeyOf(key, keyType));
        if (v !== undefined) return v;
        if (typeof key === 'number' && Number.isNaN(key)) {
          for (const [kk, vv] of m) if (eq(kk, key)) return vv;
        }
        return null;
      }
      for (const [kk, vv] of m) if (eq(kk, key)) return vv;
      return null;
    };
  },
};

const arrayStructField: ScalarFunctionDef = {
  kind: 'scalar',
  name: '__array_struct_field',
  minArgs: 2,
  maxArgs: 2,
  prettyName: ([a, f]) => `${a}.${f}`,
  resolve: (args) => {
    const c = args[0]!;
    const t = dataTypeOf(c);
    const name = (args[1] as { value: string }).value;
    if (t.kind !== 'array' || t.elementType.kind !== 'struct')
      throw new Error('internal error: array of structs expected');
    const idx = t.elementType.fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase());
    if (idx < 0) {
      throw new AnalysisException(
        'FIELD_NOT_FOUND',
        `No such struct field \`${name}\` in ${t.elementType.fields.map((f) => `\`${f.name}\``).join(', ')}.`,
      );
    }
    const f = t.elementType.fields[idx]!;
    return {
      args: [c],
      dataType: arrayType(f.dataType, f.nullable || t.containsNull),
      nullable: true,
      params: { idx },
    };
  },
  compile: (call, [fc]) => {
    const c = fc!;
    const idx = call.params!.idx as number;
    return (row) => {
      const a = c(row) as (unknown[] | null)[] | null;
      return a === null ? null : a.map((s) => (s === null ? null : (s[idx] ?? null)));
    };
  },
};

registerFunctions([getItem, arrayStructField]);
