/**
 * Splits a column reference string into name parts the way Spark does: dots separate parts,
 * backticks quote a part (```a.`b.c` ``` → ['a', 'b.c']), doubled backticks escape one.
 */
import { AnalysisException } from '../util/errors.js';

export function parseColumnName(name: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let inQuote = false;
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (inQuote) {
      if (c === '`') {
        if (name[i + 1] === '`') {
          cur += '`';
          i++;
        } else inQuote = false;
      } else cur += c;
    } else if (c === '`') {
      inQuote = true;
      quoted = true;
    } else if (c === '.') {
      parts.push(cur);
      cur = '';
      quoted = false;
    } else cur += c;
  }
  if (inQuote) {
    throw new AnalysisException(
      'INVALID_ATTRIBUTE_NAME_SYNTAX',
      `Syntax error in the attribute name: \`${name}\`.`,
    );
  }
  if (cur !== '' || quoted || parts.length > 0) parts.push(cur);
  return parts;
}

/** Quotes a name part with backticks when it needs them (for pretty names and messages). */
export function quoteIdentifier(part: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? part : `\`${part.replace(/`/g, '``')}\``;
}
