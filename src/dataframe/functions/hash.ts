/**
 * PySpark's hash functions as Column builders: `F.hash`, `F.xxhash64`, `F.md5`, `F.sha1`,
 * `F.sha2`, `F.crc32`. String arguments are column names.
 */
import { type Column, type ColumnOrName, call, lit } from '../column.js';

export function hash(...cols: ColumnOrName[]): Column {
  return call('hash', cols);
}
export function xxhash64(...cols: ColumnOrName[]): Column {
  return call('xxhash64', cols);
}
export function md5(c: ColumnOrName): Column {
  return call('md5', [c]);
}
export function sha1(c: ColumnOrName): Column {
  return call('sha1', [c]);
}
/** `numBits` is 224, 256, 384, 512 or 0 (= 256); other values give null. */
export function sha2(c: ColumnOrName, numBits: number): Column {
  return call('sha2', [c, lit(numBits)]);
}
export function crc32(c: ColumnOrName): Column {
  return call('crc32', [c]);
}
