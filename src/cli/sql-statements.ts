/**
 * Splits SQL text into statements at `;` — outside string literals, quoted identifiers and
 * comments — for the `sluice sql` prompt and scripts. Input may arrive line by line: `split`
 * returns the complete statements and the unfinished rest to prepend to the next input.
 */
export interface SplitResult {
  readonly statements: string[];
  /** Text after the last `;` (an unfinished statement, possibly only whitespace / comments). */
  readonly rest: string;
}

export function splitStatements(text: string): SplitResult {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' && c !== '`' ? 2 : 1;
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === ';') {
      const s = text.slice(start, i).trim();
      if (hasCode(s)) statements.push(s);
      start = ++i;
    } else i++;
  }
  return { statements, rest: text.slice(start) };
}

/** Whether a fragment holds anything but whitespace and comments. */
export function hasCode(s: string): boolean {
  return (
    s
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim().length > 0
  );
}
