/**
 * split with a literal separator (no regex metacharacters) takes a fast path that searches for the
 * text instead of running the regex: it must give exactly what the regex path gives. Each literal
 * separator is compared with the same separator quoted (`\Q…\E`, which goes through the regex),
 * over empty strings, leading/trailing/adjacent separators, every limit and non-ASCII text.
 */
import { describe, expect, it } from 'vitest';
import { StringType } from '../../src/types/data-type.js';
import { ev, int, nul, str } from './string-harness.js';

const split = (s: string, p: string, limit: number) => ev('split', str(s), str(p), int(limit));

const INPUTS = [
  '',
  ' ',
  '  ',
  'a',
  'a b',
  ' a b ',
  'a  b',
  'ab ab',
  'abab',
  'aaa',
  'a,b,,c,,',
  ',,,',
  'é ü é',
  'x😀y😀',
  'aébéc',
  'line\nnext line',
];
const SEPARATORS = [' ', ',', 'a', 'ab', '  ', 'é', '-', '#', '&', ':', '\n', 'b😀'.slice(0, 1)];
const LIMITS = [-1, 0, 1, 2, 3, 10];

describe('split with a literal separator', () => {
  it('gives the same pieces as the regex path for every input, separator and limit', () => {
    for (const s of INPUTS) {
      for (const p of SEPARATORS) {
        for (const limit of LIMITS) {
          expect(split(s, p, limit), JSON.stringify([s, p, limit])).toEqual(split(s, `\\Q${p}\\E`, limit));
        }
      }
    }
  });

  it.each([
    ['a b  c ', ' ', -1, ['a', 'b', '', 'c', '']],
    [' a', ' ', -1, ['', 'a']],
    ['a b c', ' ', 2, ['a', 'b c']],
    ['a b c', ' ', 1, ['a b c']],
    ['abc', ' ', -1, ['abc']],
    ['', ' ', -1, ['']],
    ['xabyabz', 'ab', -1, ['x', 'y', 'z']],
    ['aaa', 'aa', -1, ['', 'a']],
    ['é😀é', 'é', -1, ['', '😀', '']],
  ])('split(%j, %j, %i) = %j', (s, p, limit, want) => {
    expect(split(s, p, limit)).toEqual(want);
  });

  it('leaves metacharacters to the regex', () => {
    expect(split('a.b', '.', -1)).toEqual(['', '', '', '']);
    expect(split('a+b', '\\+', -1)).toEqual(['a', 'b']);
    expect(split('a1b22c', '[0-9]+', -1)).toEqual(['a', 'b', 'c']);
    expect(split('x😀y', '\uD83D', -1)).toEqual(['x😀y']);
  });

  it('propagates nulls', () => {
    expect(ev('split', nul(StringType), str(' '))).toBeNull();
  });
});
