/**
 * Hadoop-style path globs (what Spark accepts in `load('raw/2024-??/x-{a,b}.json')`): `*` and `?` within
 * one path component, `[abc]`, `[a-z]`, `[^a]`, `{a,b}` alternatives and `\` escapes. A glob is
 * expanded one component at a time against the file system, so `*` never crosses a `/`.
 *
 * Invariant: results are sorted and hidden names (`_x`, `.x`) matched by a wildcard are dropped,
 * as Spark drops them from glob results.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, parse as parsePath, sep } from 'node:path';
import { isHiddenName } from './hidden-files.js';

const GLOB_CHARS = /[*?[{\\]/;

export function hasGlob(path: string): boolean {
  return GLOB_CHARS.test(path);
}

/** Compiles one glob component (no `/`) into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    switch (c) {
      case '\\': {
        const n = glob[i + 1];
        if (n !== undefined) {
          re += escapeRe(n);
          i++;
        } else re += '\\\\';
        break;
      }
      case '*':
        re += '.*';
        break;
      case '?':
        re += '.';
        break;
      case '[': {
        const close = glob.indexOf(']', i + 2);
        if (close < 0) {
          re += '\\[';
          break;
        }
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
        break;
      }
      case '{':
        re += '(?:';
        inGroup++;
        break;
      case '}':
        if (inGroup > 0) {
          re += ')';
          inGroup--;
        } else re += '\\}';
        break;
      case ',':
        re += inGroup > 0 ? '|' : ',';
        break;
      default:
        re += escapeRe(c);
    }
  }
  return new RegExp(`^${re}${')'.repeat(inGroup)}$`, 's');
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Splits on `/` outside `{…}` (so `{a/b,c}` stays one component). */
function components(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const c of path) {
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    if ((c === '/' || c === sep) && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Expands a glob into the existing paths it matches (files and folders), sorted. */
export function expandGlob(pattern: string): string[] {
  const root = parsePath(pattern).root;
  const parts = components(pattern.slice(root.length)).filter((p) => p !== '' && p !== '.');
  let current = [root === '' ? '.' : root];
  for (const part of parts) {
    const next: string[] = [];
    if (!hasGlob(part)) {
      for (const dir of current) next.push(dir === '.' && root === '' ? part : join(dir, part));
    } else {
      const re = globToRegExp(part);
      for (const dir of current) {
        let names: string[];
        try {
          names = readdirSync(dir);
        } catch {
          continue;
        }
        for (const n of names.sort()) {
          if (re.test(n) && !isHiddenName(n)) next.push(dir === '.' && root === '' ? n : join(dir, n));
        }
      }
    }
    current = next;
    if (!current.length) break;
  }
  return current.filter((p) => exists(p)).sort();
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
