/**
 * Whether the word at the cursor is an alias written without AS (`SELECT a b`, `FROM t x`).
 *
 * Spark's keywords are non-reserved by default, so `SELECT a where FROM t` aliases `a` as `where`
 * and `SELECT a FROM t GROUP a` aliases `t` as `GROUP` (then fails on `a`). Spark's generated parser
 * decides with unbounded look-ahead; this module decides the same way for the common cases: a
 * clause keyword is an alias unless the tokens after it can start that clause.
 * Invariant: the JOIN-family words (Spark's strict non-reserved keywords) never alias a relation.
 */
import type { TokenStream } from './token-stream.js';

const STRICT_NON_RESERVED = new Set([
  'ANTI',
  'CROSS',
  'EXCEPT',
  'FULL',
  'INNER',
  'INTERSECT',
  'JOIN',
  'LATERAL',
  'LEFT',
  'MINUS',
  'NATURAL',
  'ON',
  'RIGHT',
  'SEMI',
  'SETMINUS',
  'UNION',
  'USING',
]);

/** Whether the token `k` ahead can begin an expression / relation / query (roughly: is not a closer). */
function opensSomething(p: TokenStream, k: number): boolean {
  const t = p.peek(k);
  if (t.kind === 'eof' || t.kind === 'error') return false;
  return !(t.kind === 'op' && (t.value === ',' || t.value === ')' || t.value === ';' || t.value === ']'));
}

const CLAUSE_STARTS: Record<string, (p: TokenStream) => boolean> = {
  FROM: (p) => opensSomething(p, 1),
  WHERE: (p) => opensSomething(p, 1) && !p.isWord('FROM', 1),
  HAVING: (p) => opensSomething(p, 1) && !p.isWord('FROM', 1),
  GROUP: (p) => p.isWord('BY', 1),
  ORDER: (p) => p.isWord('BY', 1),
  SORT: (p) => p.isWord('BY', 1),
  CLUSTER: (p) => p.isWord('BY', 1),
  DISTRIBUTE: (p) => p.isWord('BY', 1),
  LIMIT: (p) => opensSomething(p, 1),
  OFFSET: (p) => opensSomething(p, 1),
  WINDOW: (p) => p.isIdentifier(1) && p.isWord('AS', 2),
  QUALIFY: (p) => opensSomething(p, 1) && !p.isWord('FROM', 1),
  UNION: (p) => opensSomething(p, 1),
  EXCEPT: (p) => opensSomething(p, 1),
  MINUS: (p) => opensSomething(p, 1),
  INTERSECT: (p) => opensSomething(p, 1),
  LATERAL: (p) => p.isWord('VIEW', 1) || p.isOp('(', 1),
  SELECT: (p) => opensSomething(p, 1),
  TABLESAMPLE: (p) => p.isOp('(', 1),
  PIVOT: (p) => p.isOp('(', 1),
  UNPIVOT: (p) => p.isOp('(', 1),
};

export function isImplicitAlias(p: TokenStream, context: 'select' | 'table'): boolean {
  const t = p.peek();
  if (t.kind === 'quoted') return true;
  if (t.kind !== 'word') return false;
  if (context === 'table' && STRICT_NON_RESERVED.has(t.value)) return false;
  const clause = CLAUSE_STARTS[t.value];
  return !clause?.(p);
}
