/**
 * `df.show()` text, exactly as Spark's Dataset.showString renders it: borders, right-aligned
 * cells when truncating (left-aligned with truncate = false), `...` truncation, full-width
 * characters counted twice, vertical mode, and the "only showing top N rows" footer.
 *
 * Invariant: lengths are Java's — UTF-16 code units (an emoji counts 2), plus one more for each
 * East Asian full-width character — because that is how Spark measures and pads cells. The text
 * ends with a newline only after a table border; the footer and `(0 rows)` have none (show()
 * prints it with println).
 */
import type { Row } from '../expr/expression.js';
import type { StructType } from '../types/data-type.js';
import { escapeMetaCharacters, showCell } from '../types/value-format.js';

const FULL_WIDTH =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6]/g;

/** The narrowest a column (or vertical-mode name/value column) is drawn. */
const MIN_COL_WIDTH = 3;

/** Spark's Utils.stringHalfWidth: UTF-16 length, with East Asian full-width characters counted twice. */
export function stringHalfWidth(s: string): number {
  const wide = s.match(FULL_WIDTH);
  return s.length + (wide ? wide.length : 0);
}

function padLeft(s: string, width: number): string {
  const w = stringHalfWidth(s);
  return w >= width ? s : ' '.repeat(width - w) + s;
}
function padRight(s: string, width: number, fill = ' '): string {
  const w = stringHalfWidth(s);
  return w >= width ? s : s + fill.repeat(width - w);
}

function truncateCell(s: string, truncate: number): string {
  if (truncate <= 0 || s.length <= truncate) return s;
  return truncate < 4 ? s.substring(0, truncate) : `${s.substring(0, truncate - 3)}...`;
}

export function showString(
  schema: StructType,
  rowsPlusOne: readonly Row[],
  numRows: number,
  truncate: number,
  vertical: boolean,
  timeZone: string,
): string {
  const hasMore = rowsPlusOne.length > numRows;
  const rows = rowsPlusOne.slice(0, numRows);
  const names = schema.fields.map((f) => f.name);
  const escapedNames = names.map(escapeMetaCharacters);
  const cells = rows.map((r) =>
    schema.fields.map((f, i) => truncateCell(showCell(r[i] ?? null, f.dataType, timeZone), truncate)),
  );
  const footer = hasMore ? `only showing top ${numRows} ${numRows === 1 ? 'row' : 'rows'}` : '';
  if (vertical) {
    if (rows.length === 0) return '(0 rows)';
    const nameWidth = Math.max(MIN_COL_WIDTH, ...escapedNames.map(stringHalfWidth));
    const dataWidth = Math.max(MIN_COL_WIDTH, ...cells.flat().map(stringHalfWidth));
    let out = '';
    cells.forEach((row, i) => {
      out += `${padRight(`-RECORD ${i}`, nameWidth + dataWidth + 5, '-')}\n`;
      row.forEach((cell, j) => {
        out += ` ${padRight(escapedNames[j]!, nameWidth)} | ${padRight(cell, dataWidth)} \n`;
      });
    });
    return out + footer;
  }
  // Spark escapes control characters in headers but never truncates them
  const header = names.map(escapeMetaCharacters);
  const widths = header.map((h, i) =>
    Math.max(MIN_COL_WIDTH, stringHalfWidth(h), ...cells.map((r) => stringHalfWidth(r[i]!))),
  );
  const sep = `+${widths.map((w) => '-'.repeat(w)).join('+')}+\n`;
  const line = (vals: readonly string[]) =>
    `|${vals.map((v, i) => (truncate > 0 ? padLeft(v, widths[i]!) : padRight(v, widths[i]!))).join('|')}|\n`;
  let out = sep + line(header) + sep;
  for (const r of cells) out += line(r);
  out += sep;
  return out + footer;
}
