/**
 * Spark's CSV options with their defaults (reading and writing differ for whitespace trimming
 * and the empty value), parsed once per scan or write.
 */
import { type ParseMode, parseMode } from '../../expr/json/json-options.js';
import type { Conf } from '../../util/conf.js';
import { AnalysisException } from '../../util/errors.js';
import type { FileOptions } from './file-options.js';

export interface CsvOptions {
  readonly sep: string;
  /** '\u0000' turns quoting off. */
  readonly quote: string;
  readonly escape: string;
  readonly comment: string | undefined;
  readonly header: boolean;
  readonly inferSchema: boolean;
  readonly enforceSchema: boolean;
  readonly ignoreLeadingWhiteSpace: boolean;
  readonly ignoreTrailingWhiteSpace: boolean;
  readonly nullValue: string;
  readonly emptyValue: string;
  readonly nanValue: string;
  readonly positiveInf: string;
  readonly negativeInf: string;
  readonly dateFormat: string | undefined;
  readonly timestampFormat: string | undefined;
  readonly timestampNTZFormat: string | undefined;
  readonly mode: ParseMode;
  readonly columnNameOfCorruptRecord: string;
  readonly multiLine: boolean;
  readonly encoding: string;
  readonly lineSep: string | undefined;
  readonly samplingRatio: number;
  readonly preferDate: boolean;
  readonly prefersDecimal: boolean;
  readonly quoteAll: boolean;
  readonly escapeQuotes: boolean;
  readonly timeZone: string;
}

export function csvOptions(
  o: FileOptions,
  ctx: { timeZone: string; conf: Conf },
  writing: boolean,
): CsvOptions {
  const sep = o.get('sep') ?? o.get('delimiter') ?? ',';
  if (sep === '') throw new AnalysisException('INVALID_OPTION_VALUE', 'Delimiter cannot be empty string.');
  const comment = o.get('comment');
  const lineSep = o.get('lineSep');
  if (lineSep !== undefined && (lineSep.length === 0 || lineSep.length > 2)) {
    throw new AnalysisException(
      'INVALID_OPTION_VALUE',
      "'lineSep' can contain only 1 character (or `\\r\\n`) for CSV.",
    );
  }
  return {
    sep: sep === '\\t' ? '\t' : sep,
    quote: o.char('quote', '"'),
    escape: o.char('escape', '\\'),
    comment: comment === undefined || comment === '' ? undefined : o.char('comment', '#'),
    header: o.bool('header', false),
    inferSchema: o.bool('inferSchema', false),
    enforceSchema: o.bool('enforceSchema', true),
    ignoreLeadingWhiteSpace: o.bool('ignoreLeadingWhiteSpace', writing),
    ignoreTrailingWhiteSpace: o.bool('ignoreTrailingWhiteSpace', writing),
    nullValue: o.string('nullValue', ''),
    emptyValue: o.string('emptyValue', writing ? '""' : ''),
    nanValue: o.string('nanValue', 'NaN'),
    positiveInf: o.string('positiveInf', 'Inf'),
    negativeInf: o.string('negativeInf', '-Inf'),
    dateFormat: o.get('dateFormat'),
    timestampFormat: o.get('timestampFormat'),
    timestampNTZFormat: o.get('timestampNTZFormat'),
    mode: parseMode(o.get('mode')),
    columnNameOfCorruptRecord:
      o.get('columnNameOfCorruptRecord') ??
      ctx.conf.get('spark.sql.columnNameOfCorruptRecord') ??
      '_corrupt_record',
    multiLine: o.bool('multiLine', false),
    encoding: o.get('encoding') ?? o.get('charset') ?? 'UTF-8',
    lineSep,
    samplingRatio: Number(o.get('samplingRatio') ?? '1'),
    preferDate: o.bool('preferDate', true),
    prefersDecimal: o.bool('prefersDecimal', false),
    quoteAll: o.bool('quoteAll', false),
    escapeQuotes: o.bool('escapeQuotes', true),
    timeZone: o.get('timeZone') ?? ctx.timeZone,
  };
}
