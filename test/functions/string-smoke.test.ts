import { describe, expect, it } from 'vitest';
import { ev, int, pretty, str } from './string-harness.js';
describe('smoke', () => {
  it('works', () => {
    expect(ev('upper', str('ab'))).toBe('AB');
    expect(ev('upper', int(5))).toBe('5');
    expect(pretty('substring', [str('Spark'), int(3)])).toBe('substring(Spark, 3, 2147483647)');
    expect(ev('regexp_replace', str('abc'), str('(b)'), str('[$1]'))).toBe('a[b]c');
    expect(ev('format_string', str('%5.2f|%-4s|%d'), { kind: 'literal', value: 3.14159, dataType: { kind: 'double' } } as never, str('ab'), int(7))).toBe(' 3.14|ab  |7');
  });
});
