/**
 * Spark's JSON options (`from_json(..., map('mode', 'FAILFAST'))`, `spark.read.option(...)`),
 * parsed once per plan into a typed object.
 *
 * Invariants: option keys are case-insensitive as in Spark; every option has Spark's default;
 * an absent `timestampFormat`/`dateFormat` means "Spark's default format with the lenient
 * fallback" (what Spark does when the user gave no format), not the default pattern string.
 */
import type { Conf } from '../../util/conf.js';
import { DEFAULT_SYNTAX, type JsonSyntaxOptions } from './json-parser.js';

export type ParseMode = 'PERMISSIVE' | 'FAILFAST' | 'DROPMALFORMED';

export interface JsonOptions extends JsonSyntaxOptions {
  readonly mode: ParseMode;
  readonly columnNameOfCorruptRecord: string;
  /** IANA zone (the `timeZone` option, else the session zone). */
  readonly timeZone: string;
  readonly timestampFormat?: string;
  readonly timestampNTZFormat?: string;
  readonly dateFormat?: string;
  /** Writing: omit struct fields that are null (`ignoreNullFields`, default true). */
  readonly ignoreNullFields: boolean;
  /** Inference: every primitive as a string. */
  readonly primitivesAsString: boolean;
  /** Inference: fractional numbers as decimals when they fit. */
  readonly prefersDecimal: boolean;
  /** Inference: drop fields whose values are all null or empty arrays/structs. */
  readonly dropFieldIfAllNull: boolean;
}

function bool(v: string | undefined, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  return v.trim().toLowerCase() === 'true';
}

/** Spark's `ParseMode.fromString`: unknown modes fall back to PERMISSIVE. */
export function parseMode(v: string | undefined): ParseMode {
  switch (v?.toUpperCase()) {
    case 'FAILFAST':
      return 'FAILFAST';
    case 'DROPMALFORMED':
      return 'DROPMALFORMED';
    default:
      return 'PERMISSIVE';
  }
}

export function jsonOptions(
  raw: Readonly<Record<string, string>>,
  session: { readonly timeZone: string; readonly conf?: Conf },
): JsonOptions {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(raw)) m.set(k.toLowerCase(), v);
  const get = (k: string) => m.get(k.toLowerCase());
  const conf = session.conf;
  const ts = get('timestampFormat');
  const ntz = get('timestampNTZFormat');
  const date = get('dateFormat');
  return {
    allowComments: bool(get('allowComments'), DEFAULT_SYNTAX.allowComments),
    allowUnquotedFieldNames: bool(get('allowUnquotedFieldNames'), DEFAULT_SYNTAX.allowUnquotedFieldNames),
    allowSingleQuotes: bool(get('allowSingleQuotes'), DEFAULT_SYNTAX.allowSingleQuotes),
    allowNumericLeadingZeros: bool(get('allowNumericLeadingZeros'), DEFAULT_SYNTAX.allowNumericLeadingZeros),
    allowNonNumericNumbers: bool(get('allowNonNumericNumbers'), DEFAULT_SYNTAX.allowNonNumericNumbers),
    allowBackslashEscapingAnyCharacter: bool(
      get('allowBackslashEscapingAnyCharacter'),
      DEFAULT_SYNTAX.allowBackslashEscapingAnyCharacter,
    ),
    allowUnquotedControlChars: bool(
      get('allowUnquotedControlChars'),
      DEFAULT_SYNTAX.allowUnquotedControlChars,
    ),
    mode: parseMode(get('mode')),
    columnNameOfCorruptRecord:
      get('columnNameOfCorruptRecord') ??
      conf?.get('spark.sql.columnNameOfCorruptRecord') ??
      '_corrupt_record',
    timeZone: get('timeZone') ?? session.timeZone,
    ...(ts !== undefined ? { timestampFormat: ts } : {}),
    ...(ntz !== undefined ? { timestampNTZFormat: ntz } : {}),
    ...(date !== undefined ? { dateFormat: date } : {}),
    ignoreNullFields: bool(
      get('ignoreNullFields'),
      conf ? conf.getBoolean('spark.sql.jsonGenerator.ignoreNullFields', true) : true,
    ),
    primitivesAsString: bool(get('primitivesAsString'), false),
    prefersDecimal: bool(get('prefersDecimal'), false),
    dropFieldIfAllNull: bool(get('dropFieldIfAllNull'), false),
  };
}

/** Reads a `map(...)` literal / JS record of options into a plain record of strings. */
export function optionsRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v instanceof Map) {
    for (const [k, x] of v) if (k !== null && x !== null) out[String(k)] = String(x);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = String(x);
  }
  return out;
}
