/**
 * Code-point arithmetic on JS strings. Spark counts characters as Unicode code points (its strings
 * are UTF-8), while JS strings index UTF-16 units; these helpers translate between the two and keep
 * a fast path for the common case of strings without surrogate pairs.
 *
 * Invariant: every index taken or returned here is a code-point index unless named `unit`.
 */

const SURROGATE = /[\uD800-\uDFFF]/;

export function hasSurrogates(s: string): boolean {
  return SURROGATE.test(s);
}

/** Number of code points (Spark's `numChars`). */
export function cpLength(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The UTF-16 offset of code point `cp` (clamped to the string's end). */
export function unitOffset(s: string, cp: number): number {
  let i = 0;
  let n = 0;
  while (n < cp && i < s.length) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
    n++;
  }
  return i;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The code-point index of UTF-16 offset `unit`. */
export function cpIndex(s: string, unit: number): number {
  if (!SURROGATE.test(s)) return unit;
  return cpLength(s.slice(0, unit));
}

/** Code points `[start, end)` of `s` (indices clamped like String.prototype.slice with non-negative args). */
export function cpSlice(s: string, start: number, end: number): string {
  if (!SURROGATE.test(s)) return s.slice(start, end);
  const a = unitOffset(s, start);
  const b = end >= s.length * 2 ? s.length : unitOffset(s, end);
  return s.slice(a, b);
}

/** The code points of `s` as one-character strings. */
export function codePoints(s: string): string[] {
  return SURROGATE.test(s) ? Array.from(s) : s.split('');
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

const lenientDecoder = new TextDecoder('utf-8');

/** UTF-8 decoding, malformed sequences replaced with U+FFFD (Spark's cast of binary to string). */
export function utf8Decode(b: Uint8Array): string {
  return lenientDecoder.decode(b);
}

/** Number of UTF-8 bytes of `s` (Spark's `octet_length`). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Java's `Character.toTitleCase` for one code point: like upper case except for the Latin digraphs
 * (ǆ → ǅ), and never expanding to several characters (ß stays ß).
 */
export function titleCaseChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const digraph = TITLE_DIGRAPHS.get(cp);
  if (digraph !== undefined) return String.fromCodePoint(digraph);
  const up = ch.toUpperCase();
  return up.length === ch.length || cpLength(up) === 1 ? up : ch;
}

const TITLE_DIGRAPHS = new Map<number, number>([
  [0x01c4, 0x01c5],
  [0x01c5, 0x01c5],
  [0x01c6, 0x01c5],
  [0x01c7, 0x01c8],
  [0x01c8, 0x01c8],
  [0x01c9, 0x01c8],
  [0x01ca, 0x01cb],
  [0x01cb, 0x01cb],
  [0x01cc, 0x01cb],
  [0x01f1, 0x01f2],
  [0x01f2, 0x01f2],
  [0x01f3, 0x01f2],
]);

/** Byte-wise equality of two binaries. */
export function bytesEqual(a: Uint8Array, b: Uint8Array, offset = 0): boolean {
  if (offset + b.length > a.length) return false;
  for (let i = 0; i < b.length; i++) if (a[offset + i] !== b[i]) return false;
  return true;
}

/** Index of `needle` in `hay` at or after `from` (bytes), or -1. */
export function bytesIndexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return from <= hay.length ? from : -1;
  for (let i = from; i + needle.length <= hay.length; i++) if (bytesEqual(hay, needle, i)) return i;
  return -1;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
