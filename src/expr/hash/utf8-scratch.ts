/**
 * UTF-8 encoding of JS strings into one reusable scratch buffer, for hashing without a per-value
 * allocation.
 *
 * Invariant: the bytes returned by `encodeUtf8Scratch` live in `utf8Scratch()` only until the next
 * call; callers hash them immediately. Unpaired surrogates encode as `?` (0x3F), as the JVM's
 * `String.getBytes(UTF_8)` does, so hashes match Spark's for such strings too.
 */

let scratch = new Uint8Array(256);

/** The current scratch buffer (re-read after every `encodeUtf8Scratch`: it may have grown). */
export function utf8Scratch(): Uint8Array {
  return scratch;
}

/** Encodes `s` into the scratch buffer and returns its length in bytes. */
export function encodeUtf8Scratch(s: string): number {
  const n = s.length;
  // Worst case is 3 bytes per UTF-16 code unit.
  if (n * 3 > scratch.length) scratch = new Uint8Array(Math.max(n * 3, scratch.length * 2));
  const buf = scratch;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      buf[pos++] = c;
    } else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        buf[pos++] = 0xf0 | (c >> 18);
        buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        buf[pos++] = 0x3f;
      }
    } else {
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos;
}

/** A fresh copy of the UTF-8 bytes of `s` (for callers that keep them). */
export function utf8Bytes(s: string): Uint8Array {
  const len = encodeUtf8Scratch(s);
  return scratch.slice(0, len);
}
