/**
 * Pieces shared by the command parsers: raw statement text (SET is matched on it, as in Spark),
 * property lists, partition specs and constant values written as text.
 */
import type { LogicalPlan } from '../plan/logical-plan.js';
import type { TokenStream } from './token-stream.js';

/** The raw text from the cursor to the end of the statement, without trailing semicolons. */
export function restOfStatement(p: TokenStream): string {
  const rest = p.text
    .slice(p.peek().start)
    .replace(/[\s;]+$/, '')
    .trim();
  p.index = p.tokens.length - 1;
  return rest;
}

/** `PARTITION (a = 1, b = 'x', c)`: values as text, null for dynamic partitions. */
export function parsePartitionSpec(p: TokenStream): { name: string; value: string | null }[] {
  p.expectWord('PARTITION');
  p.expectOp('(');
  const spec: { name: string; value: string | null }[] = [];
  do {
    const name = p.identifier();
    spec.push({ name, value: p.acceptOp('=') ? constantText(p) : null });
  } while (p.acceptOp(','));
  p.expectOp(')');
  return spec;
}

/** `(key [=] value, …)` with dotted or quoted keys and string / number / boolean values. */
export function parsePropertyList(p: TokenStream): Record<string, string> {
  p.expectOp('(');
  const out: Record<string, string> = {};
  if (p.acceptOp(')')) return out;
  do {
    const key = p.peek().kind === 'string' ? p.next().value : p.multipartIdentifier().join('.');
    p.acceptOp('=');
    out[key] = constantText(p);
  } while (p.acceptOp(','));
  p.expectOp(')');
  return out;
}

function constantText(p: TokenStream): string {
  const negative = p.acceptOp('-') ? '-' : '';
  const t = p.next();
  if (t.kind === 'string') {
    let s = t.value;
    while (p.peek().kind === 'string') s += p.next().value;
    return s;
  }
  if (t.kind === 'number') return `${negative}${t.text}`;
  if (t.kind === 'word' && (t.value === 'TRUE' || t.value === 'FALSE')) return t.value.toLowerCase();
  if (t.kind === 'word' || t.kind === 'quoted') return t.kind === 'word' ? t.text : t.value;
  return p.fail(t);
}

export function stringValue(p: TokenStream): string {
  const t = p.next();
  if (t.kind !== 'string') p.fail(t);
  return t.value;
}

const INVALID_SET =
  "Expected format is 'SET', 'SET key', or 'SET key=value'. If you want to include special characters in key, or include semicolon in value, please use backquotes, e.g., SET `key`=`value`.";

/** SET is matched on its raw text, as Spark does, so values may contain any character. */
export function parseSet(p: TokenStream): LogicalPlan {
  const setTok = p.expectWord('SET');
  if (p.isWord('TIME') && p.isWord('ZONE', 1)) {
    p.next();
    p.next();
    const key = 'spark.sql.session.timeZone';
    if (p.acceptWord('LOCAL'))
      return setCommand({ key, value: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' });
    return setCommand({ key, value: stringValue(p) });
  }
  const rest = p.atEnd() ? '' : restOfStatement(p);
  if (rest === '') return setCommand({});
  if (rest === '-v') return setCommand({ verbose: true });
  const unquote = (s: string) => (/^`.*`$/s.test(s) ? s.slice(1, -1).replace(/``/g, '`') : s);
  const kv =
    /^(`(?:[^`]|``)+`|[a-zA-Z_\d\\.:-]+)\s*=([^;]*)$/s.exec(rest) ?? /^(`(?:[^`]|``)+`)\s*=(.*)$/s.exec(rest);
  if (kv) return setCommand({ key: unquote(kv[1]!), value: unquote(kv[2]!.trim()) });
  const k = /^(`(?:[^`]|``)+`|[a-zA-Z_\d\\.:-]+)$/s.exec(rest);
  if (k) return setCommand({ key: unquote(k[1]!) });
  throw p.errorAt('INVALID_SET_SYNTAX', INVALID_SET, setTok, p.tokens[p.tokens.length - 2] ?? setTok);
}

function setCommand(args: Record<string, unknown>): LogicalPlan {
  return { kind: 'command', name: 'set', args };
}
