/**
 * Which casts Spark allows, per evaluation mode (`Cast.canCast` / `Cast.canAnsiCast`), and how
 * its analyzer words a rejected cast (the DATATYPE_MISMATCH sub-class and detail text).
 *
 * Invariant: pure type logic; the conversions themselves live in cast.ts.
 */
import { type DataType, isIntegral, isNumeric, sqlTypeName } from './data-type.js';

export type CastMode = 'legacy' | 'ansi' | 'try';

const isStringLike = (t: DataType) => t.kind === 'string';

function castableComplex(from: DataType, to: DataType, rec: (a: DataType, b: DataType) => boolean): boolean {
  if (from.kind === 'array' && to.kind === 'array') return rec(from.elementType, to.elementType);
  if (from.kind === 'map' && to.kind === 'map')
    return rec(from.keyType, to.keyType) && rec(from.valueType, to.valueType);
  if (from.kind === 'struct' && to.kind === 'struct') {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((f, i) => rec(f.dataType, to.fields[i]!.dataType))
    );
  }
  return false;
}

/** Spark's `Cast.canCast` (non-ANSI). */
export function canCast(from: DataType, to: DataType): boolean {
  if (from.kind === to.kind && from.kind !== 'array' && from.kind !== 'map' && from.kind !== 'struct')
    return true;
  if (from.kind === 'null') return true;
  switch (to.kind) {
    case 'string':
      return true;
    case 'binary':
      return isStringLike(from) || isIntegral(from);
    case 'boolean':
      return isStringLike(from) || isNumeric(from) || from.kind === 'date' || from.kind === 'timestamp';
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
    case 'decimal':
      return (
        isStringLike(from) ||
        from.kind === 'boolean' ||
        isNumeric(from) ||
        from.kind === 'date' ||
        from.kind === 'timestamp'
      );
    case 'date':
      return isStringLike(from) || from.kind === 'timestamp' || from.kind === 'timestamp_ntz';
    case 'timestamp':
      return (
        isStringLike(from) ||
        from.kind === 'boolean' ||
        isNumeric(from) ||
        from.kind === 'date' ||
        from.kind === 'timestamp_ntz'
      );
    case 'timestamp_ntz':
      return isStringLike(from) || from.kind === 'date' || from.kind === 'timestamp';
    default:
      return castableComplex(from, to, canCast);
  }
}

/** Spark's `Cast.canAnsiCast` (also used for TRY_CAST). */
export function canAnsiCast(from: DataType, to: DataType): boolean {
  if (from.kind === to.kind && from.kind !== 'array' && from.kind !== 'map' && from.kind !== 'struct')
    return true;
  if (from.kind === 'null') return true;
  switch (to.kind) {
    case 'string':
      return true;
    case 'binary':
      return isStringLike(from);
    case 'boolean':
      return isStringLike(from) || isNumeric(from);
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
    case 'decimal':
      return isStringLike(from) || from.kind === 'boolean' || isNumeric(from) || from.kind === 'timestamp';
    case 'date':
      return isStringLike(from) || from.kind === 'timestamp' || from.kind === 'timestamp_ntz';
    case 'timestamp':
      return isStringLike(from) || isNumeric(from) || from.kind === 'date' || from.kind === 'timestamp_ntz';
    case 'timestamp_ntz':
      return isStringLike(from) || from.kind === 'date' || from.kind === 'timestamp';
    default:
      return castableComplex(from, to, canAnsiCast);
  }
}

export function canCastInMode(from: DataType, to: DataType, mode: CastMode): boolean {
  return mode === 'legacy' ? canCast(from, to) : canAnsiCast(from, to);
}

/**
 * Why a cast is not allowed, as Spark words it after `Cannot resolve "CAST(…)" due to data type
 * mismatch: ` (sub-class of DATATYPE_MISMATCH and detail text); null when the cast is allowed.
 */
export function castMismatch(
  from: DataType,
  to: DataType,
  mode: CastMode,
): { subClass: string; detail: string } | null {
  if (canCastInMode(from, to, mode)) return null;
  const f = sqlTypeName(from);
  const t = sqlTypeName(to);
  const base = `cannot cast "${f}" to "${t}"`;
  if (mode !== 'legacy') {
    let fns: string | undefined;
    if (isNumeric(from) && to.kind === 'date') fns = '`DATE_FROM_UNIX_DATE`';
    else if (from.kind === 'date' && isNumeric(to)) fns = '`UNIX_DATE`';
    else if (from.kind === 'timestamp' && isNumeric(to)) fns = '`UNIX_SECONDS`, `UNIX_MILLIS`, `UNIX_MICROS`';
    else if (isNumeric(from) && to.kind === 'timestamp')
      fns = '`TIMESTAMP_SECONDS`, `TIMESTAMP_MILLIS`, `TIMESTAMP_MICROS`';
    if (fns) {
      return {
        subClass: 'CAST_WITH_FUNC_SUGGESTION',
        detail: `${base}.\nTo convert values from "${f}" to "${t}", you can use the functions ${fns} instead.`,
      };
    }
    if (canCast(from, to)) {
      return {
        subClass: 'CAST_WITH_CONF_SUGGESTION',
        detail: `${base} with ANSI mode on.\nIf you have to cast "${f}" to "${t}", you can set "spark.sql.ansi.enabled" as 'false'.`,
      };
    }
  }
  return { subClass: 'CAST_WITHOUT_SUGGESTION', detail: `${base}.` };
}
