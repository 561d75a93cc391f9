/**
 * `get_json_object` paths: the JSONPath subset Spark (and Hive before it) supports — `$`, `.name`,
 * `['name']`, `[n]`, `[*]` — and Spark's rules for what a match prints: a string matched alone is
 * printed raw (no quotes), anything else as compact JSON; the matches of a `[*]` are wrapped in
 * an array unless there is exactly one; `[*][*]` flattens one level (Hive's behaviour).
 *
 * Invariant: a path that does not parse matches nothing (null for every row), as in Spark.
 */
import { JsonFloat, type JsonObject, type JsonValue, jsonObjectKeys } from './json-parser.js';
import { writeJsonValue } from './json-writer.js';

export type PathInstruction =
  | { readonly kind: 'key' }
  | { readonly kind: 'subscript' }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number };

const KEY: PathInstruction = { kind: 'key' };
const SUBSCRIPT: PathInstruction = { kind: 'subscript' };
const WILDCARD: PathInstruction = { kind: 'wildcard' };

/** Parses a path; undefined when it is not a path Spark accepts. */
export function parseJsonPath(path: string): PathInstruction[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const out: PathInstruction[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      if (j === i + 1) return undefined;
      out.push(KEY, { kind: 'named', name: path.slice(i + 1, j) });
      i = j;
    } else if (c === '[') {
      if (path.startsWith("['", i)) {
        const end = path.indexOf("']", i + 2);
        if (end < 0) return undefined;
        out.push(KEY, { kind: 'named', name: path.slice(i + 2, end) });
        i = end + 2;
      } else if (path.startsWith('[*]', i)) {
        out.push(SUBSCRIPT, WILDCARD);
        i += 3;
      } else {
        const m = /^\[(\d+)\]/.exec(path.slice(i));
        if (!m) return undefined;
        out.push(SUBSCRIPT, { kind: 'index', index: Number(m[1]) });
        i += m[0].length;
      }
    } else return undefined;
  }
  return out;
}

type Style = 'raw' | 'quoted' | 'flatten';

/** A minimal JSON generator: inserts commas between array elements like Jackson's. */
class Gen {
  out = '';
  private readonly open: boolean[] = [];
  private sep(): void {
    const n = this.open.length;
    if (n === 0) return;
    if (this.open[n - 1]) this.out += ',';
    else this.open[n - 1] = true;
  }
  value(text: string): void {
    this.sep();
    this.out += text;
  }
  raw(text: string): void {
    this.out += text;
  }
  startArray(): void {
    this.sep();
    this.out += '[';
    this.open.push(false);
  }
  endArray(): void {
    this.open.pop();
    this.out += ']';
  }
}

function isObject(v: JsonValue): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonFloat);
}

function evaluate(
  node: JsonValue,
  g: Gen,
  style: Style,
  path: readonly PathInstruction[],
  at: number,
): boolean {
  const head = path[at];
  if (head === undefined) {
    if (typeof node === 'string' && style === 'raw') {
      g.raw(node);
      return true;
    }
    if (Array.isArray(node) && style === 'flatten') {
      let dirty = false;
      for (const el of node) dirty = evaluate(el, g, style, path, at) || dirty;
      return dirty;
    }
    g.value(writeJsonValue(node));
    return true;
  }
  if (head.kind === 'key' && isObject(node)) {
    const next = path[at + 1];
    for (const k of jsonObjectKeys(node)) {
      // the first matching field wins; the others are skipped
      if (next?.kind === 'named' && k === next.name) {
        const v = node[k]!;
        if (v === null) return false;
        if (evaluate(v, g, style, path, at + 2)) return true;
      } else if (next?.kind === 'wildcard') {
        if (evaluate(node[k]!, g, style, path, at + 2)) return true;
      }
    }
    return false;
  }
  if (head.kind === 'subscript' && Array.isArray(node)) {
    const sel = path[at + 1];
    if (sel?.kind === 'wildcard') {
      if (path[at + 2]?.kind === 'subscript' && path[at + 3]?.kind === 'wildcard') {
        // Hive's non-structure-preserving double wildcard
        let dirty = false;
        g.startArray();
        for (const el of node) dirty = evaluate(el, g, 'flatten', path, at + 4) || dirty;
        g.endArray();
        return dirty;
      }
      if (style !== 'quoted') {
        const nextStyle: Style = style === 'raw' ? 'quoted' : 'flatten';
        const buf = new Gen();
        buf.startArray();
        let dirty = 0;
        for (const el of node) if (evaluate(el, buf, nextStyle, path, at + 2)) dirty++;
        buf.endArray();
        if (dirty > 1) g.value(buf.out);
        else if (dirty === 1) g.value(buf.out.slice(1, -1));
        return dirty > 0;
      }
      let dirty = false;
      g.startArray();
      for (const el of node) dirty = evaluate(el, g, 'quoted', path, at + 2) || dirty;
      g.endArray();
      return dirty;
    }
    if (sel?.kind === 'index') {
      if (sel.index >= node.length) return false;
      const el = node[sel.index]!;
      const quoted = path[at + 2]?.kind === 'subscript' && path[at + 3]?.kind === 'wildcard';
      return evaluate(el, g, quoted ? 'quoted' : style, path, at + 2);
    }
  }
  return false;
}

/** The text `get_json_object` returns for a parsed document, or null when nothing matches. */
export function evaluateJsonPath(root: JsonValue, path: readonly PathInstruction[]): string | null {
  const g = new Gen();
  return evaluate(root, g, 'raw', path, 0) ? g.out : null;
}
