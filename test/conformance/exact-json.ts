/**
 * JSON.parse, except that an integer literal outside ±(2^53-1) becomes a bigint: case inputs hold
 * longs such as 9223372036854775807, which a JS number would round before Sluice ever sees them
 * (pyspark reads them exactly). Everything else parses exactly as JSON.parse does.
 */
const UNSAFE_INTEGER = /^-?\d{16,}$/;

export function parseExactJson(text: string): unknown {
  // Unsafe integer tokens become strings starting with U+0000 (which no case text contains),
  // turned back into bigints by the reviver.
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9eE.+-]/.test(text[j]!)) j++;
      const token = text.slice(i, j);
      out += UNSAFE_INTEGER.test(token) && !Number.isSafeInteger(Number(token)) ? `"\\u0000${token}"` : token;
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith('\u0000') ? BigInt(value.slice(1)) : value,
  );
}

/** Index just past the closing quote of the JSON string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i++;
  }
  return i;
}
