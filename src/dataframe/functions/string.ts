/**
 * PySpark's string and regex functions as Column builders (`F.concatWs`, `F.regexpReplace`, …,
 * with snake_case aliases where PySpark's name has an underscore).
 *
 * Argument conventions follow PySpark exactly: a `ColumnOrName` string is a column name, while
 * parameters PySpark types as plain `str`/`int` (a separator, a regex in regexp_extract, a pad
 * string, a charset) are literals. Where PySpark accepts either (`Column | int`), a number is a
 * literal and a Column is used as is.
 */
import { Column, type ColumnOrName, call, lit } from '../column.js';

/** A number (or a Column) for parameters PySpark types as `Union[Column, int]`. */
function numOrCol(v: number | Column): Column {
  return v instanceof Column ? v : lit(v);
}
/** PySpark's `Union[ColumnOrName, int]`: strings are column names, numbers literals. */
function nameOrNum(v: ColumnOrName | number): ColumnOrName {
  return typeof v === 'number' ? lit(v) : v;
}
/** PySpark's `Union[Column, str]` for literal text: strings are literals. */
function textOrCol(v: string | Column): Column {
  return v instanceof Column ? v : lit(v);
}

// ---------------------------------------------------------------------------------------------
// concatenation and case

/** Concatenates strings, binaries or arrays; null if any input is null. */
export function concat(...cols: ColumnOrName[]): Column {
  return call('concat', cols);
}
/** Concatenates with a separator, skipping nulls: `F.concatWs('-', 'a', 'b')`. */
export function concatWs(sep: string, ...cols: ColumnOrName[]): Column {
  return call('concat_ws', [lit(sep), ...cols]);
}
export const concat_ws = concatWs;
export function lower(col: ColumnOrName): Column {
  return call('lower', [col]);
}
export function upper(col: ColumnOrName): Column {
  return call('upper', [col]);
}
export function lcase(str: ColumnOrName): Column {
  return call('lcase', [str]);
}
export function ucase(str: ColumnOrName): Column {
  return call('ucase', [str]);
}
/** Capitalises the first letter of each space-separated word, lower-casing the rest. */
export function initcap(col: ColumnOrName): Column {
  return call('initcap', [col]);
}

// ---------------------------------------------------------------------------------------------
// trimming

/** Trims spaces, or the characters of `trim` (a column), from both ends. */
export function trim(col: ColumnOrName, trim?: ColumnOrName): Column {
  return call('trim', trim === undefined ? [col] : [trim, col]);
}
export function ltrim(col: ColumnOrName, trim?: ColumnOrName): Column {
  return call('ltrim', trim === undefined ? [col] : [trim, col]);
}
export function rtrim(col: ColumnOrName, trim?: ColumnOrName): Column {
  return call('rtrim', trim === undefined ? [col] : [trim, col]);
}
export function btrim(str: ColumnOrName, trim?: ColumnOrName): Column {
  return call('btrim', trim === undefined ? [str] : [str, trim]);
}

// ---------------------------------------------------------------------------------------------
// positions and lengths

/** 1-based substring: `F.substring('s', 1, 3)`; positions may be numbers or columns. */
export function substring(str: ColumnOrName, pos: ColumnOrName | number, len: ColumnOrName | number): Column {
  return call('substring', [str, nameOrNum(pos), nameOrNum(len)]);
}
/** `F.substr('s', F.lit(1), F.lit(3))`: pos and len are columns (names or Columns). */
export function substr(str: ColumnOrName, pos: ColumnOrName, len?: ColumnOrName): Column {
  return call('substr', len === undefined ? [str, pos] : [str, pos, len]);
}
export function left(str: ColumnOrName, len: ColumnOrName): Column {
  return call('left', [str, len]);
}
export function right(str: ColumnOrName, len: ColumnOrName): Column {
  return call('right', [str, len]);
}
/** Characters (code points) of a string, bytes of a binary. */
export function length(col: ColumnOrName): Column {
  return call('length', [col]);
}
export function charLength(str: ColumnOrName): Column {
  return call('char_length', [str]);
}
export const char_length = charLength;
export function characterLength(str: ColumnOrName): Column {
  return call('character_length', [str]);
}
export const character_length = characterLength;
export function octetLength(col: ColumnOrName): Column {
  return call('octet_length', [col]);
}
export const octet_length = octetLength;
export function bitLength(col: ColumnOrName): Column {
  return call('bit_length', [col]);
}
export const bit_length = bitLength;

/** 1-based position of `substr` (a literal string or a Column) in `str`, 0 if absent. */
export function instr(
  str: ColumnOrName,
  substr: string | Column,
  start?: number | Column,
  occurrence?: number | Column,
): Column {
  const s = textOrCol(substr);
  if (start === undefined && occurrence === undefined) return call('instr', [str, s]);
  if (occurrence === undefined) return call('instr', [str, s, numOrCol(start!)]);
  return call('instr', [str, s, start === undefined ? lit(1) : numOrCol(start), numOrCol(occurrence)]);
}
/** `F.locate('o', 's', 2)`: `substr` is a literal string, `pos` a number. */
export function locate(substr: string, str: ColumnOrName, pos = 1): Column {
  return call('locate', [lit(substr), str, lit(pos)]);
}
/** `F.position(F.lit('o'), 's')`: all arguments are columns. */
export function position(substr: ColumnOrName, str: ColumnOrName, start?: ColumnOrName): Column {
  return call('position', start === undefined ? [substr, str] : [substr, str, start]);
}
export function findInSet(str: ColumnOrName, strArray: ColumnOrName): Column {
  return call('find_in_set', [str, strArray]);
}
export const find_in_set = findInSet;
export function startswith(str: ColumnOrName, prefix: ColumnOrName): Column {
  return call('startswith', [str, prefix]);
}
export function endswith(str: ColumnOrName, suffix: ColumnOrName): Column {
  return call('endswith', [str, suffix]);
}
export function contains(left: ColumnOrName, right: ColumnOrName): Column {
  return call('contains', [left, right]);
}

// ---------------------------------------------------------------------------------------------
// padding, repetition, replacement

/** Left-pads to `len` characters with `pad` (a literal string or a Column), truncating longer values. */
export function lpad(col: ColumnOrName, len: number | Column, pad: string | Column): Column {
  return call('lpad', [col, numOrCol(len), textOrCol(pad)]);
}
export function rpad(col: ColumnOrName, len: number | Column, pad: string | Column): Column {
  return call('rpad', [col, numOrCol(len), textOrCol(pad)]);
}
export function repeat(col: ColumnOrName, n: ColumnOrName | number): Column {
  return call('repeat', [col, nameOrNum(n)]);
}
/** Reverses a string (by character), a binary or an array. */
export function reverse(col: ColumnOrName): Column {
  return call('reverse', [col]);
}
/** Replaces characters of `matching` by the character at the same index of `replace` (literals). */
export function translate(srcCol: ColumnOrName, matching: string, replace: string): Column {
  return call('translate', [srcCol, lit(matching), lit(replace)]);
}
/** Replaces every occurrence of `search` (a column) by `replace` (a column; default ''). */
export function replace(src: ColumnOrName, search: ColumnOrName, replace?: ColumnOrName): Column {
  return call('replace', replace === undefined ? [src, search] : [src, search, replace]);
}
export function overlay(
  src: ColumnOrName,
  replace: ColumnOrName,
  pos: ColumnOrName | number,
  len: ColumnOrName | number = -1,
): Column {
  return call('overlay', [src, replace, nameOrNum(pos), nameOrNum(len)]);
}

// ---------------------------------------------------------------------------------------------
// splitting

/** Splits around matches of a Java regex (`pattern` is a literal string or a Column). */
export function split(
  str: ColumnOrName,
  pattern: string | Column,
  limit: ColumnOrName | number = -1,
): Column {
  return call('split', [str, textOrCol(pattern), nameOrNum(limit)]);
}
/** Part `partNum` (1-based, negative from the end) of `src` split on a literal delimiter; all columns. */
export function splitPart(src: ColumnOrName, delimiter: ColumnOrName, partNum: ColumnOrName): Column {
  return call('split_part', [src, delimiter, partNum]);
}
export const split_part = splitPart;
/** The part before the `count`-th `delim` (after the last ones for negative counts); literals. */
export function substringIndex(str: ColumnOrName, delim: string, count: number): Column {
  return call('substring_index', [str, lit(delim), lit(count)]);
}
export const substring_index = substringIndex;
/** The n-th input (1-based); all inputs are columns, the first is the index. */
export function elt(...inputs: ColumnOrName[]): Column {
  return call('elt', inputs);
}

// ---------------------------------------------------------------------------------------------
// formatting

/** Java-style formatting: `F.formatString('%s: %.2f', 'name', 'score')`; `format` is a literal. */
export function formatString(format: string, ...cols: ColumnOrName[]): Column {
  return call('format_string', [lit(format), ...cols]);
}
export const format_string = formatString;
/** Like formatString, but the format is a column (`F.printf(F.lit('%s'), 'a')`). */
export function printf(format: ColumnOrName, ...cols: ColumnOrName[]): Column {
  return call('printf', [format, ...cols]);
}
/** Formats with grouping and `d` decimal places (HALF_EVEN): `1,234.57`. */
export function formatNumber(col: ColumnOrName, d: number | string): Column {
  return call('format_number', [col, lit(d)]);
}
export const format_number = formatNumber;

// ---------------------------------------------------------------------------------------------
// characters and encodings

export function ascii(col: ColumnOrName): Column {
  return call('ascii', [col]);
}
export function chr(n: ColumnOrName): Column {
  return call('chr', [n]);
}
export function char(col: ColumnOrName): Column {
  return call('char', [col]);
}
export function base64(col: ColumnOrName): Column {
  return call('base64', [col]);
}
export function unbase64(col: ColumnOrName): Column {
  return call('unbase64', [col]);
}
/** Encodes with a charset (literal): US-ASCII, ISO-8859-1, UTF-8, UTF-16BE, UTF-16LE, UTF-16, UTF-32. */
export function encode(col: ColumnOrName, charset: string): Column {
  return call('encode', [col, lit(charset)]);
}
export function decode(col: ColumnOrName, charset: string): Column {
  return call('decode', [col, lit(charset)]);
}
/** Parses a string to binary with `format` (a column: 'hex' by default, 'utf-8', 'base64'). */
export function toBinary(col: ColumnOrName, format?: ColumnOrName): Column {
  return call('to_binary', format === undefined ? [col] : [col, format]);
}
export const to_binary = toBinary;
export function tryToBinary(col: ColumnOrName, format?: ColumnOrName): Column {
  return call('try_to_binary', format === undefined ? [col] : [col, format]);
}
export const try_to_binary = tryToBinary;

// ---------------------------------------------------------------------------------------------
// text utilities

export function soundex(col: ColumnOrName): Column {
  return call('soundex', [col]);
}
/** Edit distance; with a threshold, -1 when the distance exceeds it. */
export function levenshtein(left: ColumnOrName, right: ColumnOrName, threshold?: number): Column {
  return call('levenshtein', threshold === undefined ? [left, right] : [left, right, lit(threshold)]);
}
export function sentences(string: ColumnOrName, language?: ColumnOrName, country?: ColumnOrName): Column {
  return call('sentences', [string, language ?? lit(''), country ?? lit('')]);
}
export function mask(
  col: ColumnOrName,
  upperChar?: ColumnOrName,
  lowerChar?: ColumnOrName,
  digitChar?: ColumnOrName,
  otherChar?: ColumnOrName,
): Column {
  return call('mask', [
    col,
    upperChar ?? lit('X'),
    lowerChar ?? lit('x'),
    digitChar ?? lit('n'),
    otherChar ?? lit(null),
  ]);
}
export function quote(col: ColumnOrName): Column {
  return call('quote', [col]);
}
/** A random version-4 UUID per row (reproducible with a seed). */
export function uuid(seed?: number | bigint | Column): Column {
  return call('uuid', seed === undefined ? [] : [seed instanceof Column ? seed : lit(seed)]);
}

// ---------------------------------------------------------------------------------------------
// regular expressions (Java syntax) and LIKE

/** Java-regex match anywhere in the string; `regexp` is a column (use F.lit for a pattern). */
export function rlike(str: ColumnOrName, regexp: ColumnOrName): Column {
  return call('rlike', [str, regexp]);
}
export function regexp(str: ColumnOrName, regexp: ColumnOrName): Column {
  return call('regexp', [str, regexp]);
}
export function regexpLike(str: ColumnOrName, regexp: ColumnOrName): Column {
  return call('regexp_like', [str, regexp]);
}
export const regexp_like = regexpLike;
/** Group `idx` of the first match of `pattern` (a literal), '' when there is none. */
export function regexpExtract(str: ColumnOrName, pattern: string, idx: number): Column {
  return call('regexp_extract', [str, lit(pattern), lit(idx)]);
}
export const regexp_extract = regexpExtract;
export function regexpExtractAll(str: ColumnOrName, regexp: ColumnOrName, idx?: number | Column): Column {
  return call('regexp_extract_all', idx === undefined ? [str, regexp] : [str, regexp, numOrCol(idx)]);
}
export const regexp_extract_all = regexpExtractAll;
/** Replaces matches (Java replacement syntax: `$1`, `${name}`, `\\$`); pattern and replacement are literals or Columns. */
export function regexpReplace(
  string: ColumnOrName,
  pattern: string | Column,
  replacement: string | Column,
  position?: number | Column,
): Column {
  const args: ColumnOrName[] = [string, textOrCol(pattern), textOrCol(replacement)];
  if (position !== undefined) args.push(numOrCol(position));
  return call('regexp_replace', args);
}
export const regexp_replace = regexpReplace;
export function regexpCount(str: ColumnOrName, regexp: ColumnOrName): Column {
  return call('regexp_count', [str, regexp]);
}
export const regexp_count = regexpCount;
export function regexpSubstr(str: ColumnOrName, regexp: ColumnOrName): Column {
  return call('regexp_substr', [str, regexp]);
}
export const regexp_substr = regexpSubstr;
export function regexpInstr(str: ColumnOrName, regexp: ColumnOrName, idx?: number | Column): Column {
  return call('regexp_instr', idx === undefined ? [str, regexp] : [str, regexp, numOrCol(idx)]);
}
export const regexp_instr = regexpInstr;
/** SQL LIKE (`_`, `%`, escape `\` or `escapeChar`); `pattern` is a column (use F.lit). */
export function like(str: ColumnOrName, pattern: ColumnOrName, escapeChar?: Column): Column {
  return call('like', escapeChar === undefined ? [str, pattern] : [str, pattern, escapeChar]);
}
export function ilike(str: ColumnOrName, pattern: ColumnOrName, escapeChar?: Column): Column {
  return call('ilike', escapeChar === undefined ? [str, pattern] : [str, pattern, escapeChar]);
}
