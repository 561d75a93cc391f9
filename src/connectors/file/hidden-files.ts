/**
 * Which file and folder names Spark skips when it lists input folders: names starting with `_`
 * (unless they hold a partition `k=v`, like `_k=1`) or `.`, and in-flight copies `*._COPYING_`.
 * Writers rely on this: `_temporary`, `_SUCCESS` and `.crc` files are never read as data.
 */
export function isHiddenName(name: string): boolean {
  return (name.startsWith('_') && !name.includes('=')) || name.startsWith('.') || name.endsWith('._COPYING_');
}
