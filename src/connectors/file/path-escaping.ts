/**
 * Partition folder names: Spark's escaping of partition values in paths (`a/b` → `a%2Fb`) and
 * its inverse, and the `__HIVE_DEFAULT_PARTITION__` name for null and empty values.
 *
 * Invariant: `unescapePathName(escapePathName(s)) === s` for every string.
 */
export const DEFAULT_PARTITION_NAME = '__HIVE_DEFAULT_PARTITION__';

const ESCAPED = new Set<number>([
  0x22, 0x23, 0x25, 0x27, 0x2a, 0x2f, 0x3a, 0x3d, 0x3f, 0x5c, 0x7f, 0x7b, 0x5b, 0x5d, 0x5e,
]);

function needsEscape(code: number): boolean {
  return (code >= 0x01 && code <= 0x1f) || ESCAPED.has(code);
}

export function escapePathName(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += needsEscape(c) ? `%${c.toString(16).toUpperCase().padStart(2, '0')}` : s[i];
  }
  return out;
}

export function unescapePathName(s: string): string {
  if (!s.includes('%')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%' && i + 2 < s.length + 0 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out += String.fromCharCode(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += c;
  }
  return out;
}

/** `col=value` for one partition folder. */
export function partitionPathSegment(column: string, value: string | null): string {
  return `${escapePathName(column)}=${value === null || value === '' ? DEFAULT_PARTITION_NAME : escapePathName(value)}`;
}
