/**
 * Regex functions with Java regex semantics, and SQL LIKE/ILIKE. Expected values from pyspark
 * 4.3.0, e.g. `spark.sql("SELECT 'aaa' rlike 'a++a'")` → false (possessive), `'É' rlike '(?i)é'` →
 * false (Java's case folding is ASCII-only without the u flag).
 */
import { describe, expect, it } from 'vitest';
import { translateJavaRegex } from '../../src/expr/functions/java-regex.js';
import { arrayType, IntegerType, StringType } from '../../src/types/data-type.js';
import { call, columns, ev, int, nul, pretty, str } from './string-harness.js';

const rlike = (s: string, p: string) => ev('rlike', str(s), str(p));

describe('rlike with Java regex semantics', () => {
  it.each([
    ['abc', 'b', true],
    ['abc', '^b', false],
    ['abc', '', true],
    ['a\nb', 'a.b', false],
    ['a\nb', '(?s)a.b', true],
    ['ABC', '(?i)abc', true],
    ['abc', 'a++bc', true],
    ['a+b', '\\Qa+b\\E', true],
    ['abc', '\\p{Lower}+', true],
    ['abc', '[a-z&&[^b]]', true],
    ['abc', '\\Aabc\\z', true],
    ['abc', '\\Aab\\Z', false],
    ['ab', 'a(?=b)', true],
    ['ab', '(?<=a)b', true],
    ['abc', '\\p{Alpha}{3}', true],
    ['a b', '\\h', true],
    ['ab', '(?x) a b ', true],
    ['é', '\\w', false],
    ['é', '(?U)\\w', true],
    ['ab', 'a(?i:B)', true],
    [']', '[]a]', true],
    ['-', '[a-]', true],
    ['b', '[^]a]', true],
    ['-', '\\-', true],
    ['xxx', '^x{2}+x$', true],
    ['aa', '(a)\\1', true],
    ['abc\n', 'abc$', true],
    ['abc\n', 'abc\\z', false],
    ['a\nb', '^b', false],
    ['a\nb', '(?m)^b', true],
    ['A', '(?i)a', true],
    ['É', '(?i)é', false],
    ['É', '(?iu)é', true],
    ['aB', 'a(?i)b', true],
    ['AB', 'a(?i)b', false],
    ['a b', '(?x)a\\ b', true],
    ['a', '\\p{IsLatin}', true],
    ['a', '\\p{InBasicLatin}', true],
    ['a', '\\p{L}', true],
    ['a', '\\pL', true],
    ['a', '\\p{javaLowerCase}', true],
    ['\u00a0', '\\s', false],
    ['\u00a0', '\\h', true],
    ['a', '[\\w&&[^b]]', true],
    ['ab', '(?<n1>a)\\k<n1>', false],
    ['aa', '(?<n1>a)\\k<n1>', true],
    ['aaa', '(?>a+)a', false],
    ['aaa', 'a++a', false],
    ['ab', '[a&&b]', false],
    ['a', '[a-c&&b-d]', false],
    ['b', '[a-c&&b-d]', true],
    ['&', '[&]', true],
    ['a', '[[a]]', true],
    ['{', '\\{', true],
    ['a}', 'a}', true],
    ['a]', 'a]', true],
    ['e', '[\\Qa-e\\E]', true],
    ['-', '[\\Qa-e\\E]', true],
    ['x', '\\x{78}', true],
    ['x', '\\u0078', true],
    ['x', '\\0170', true],
    ['\t', '\\cI', true],
    ['1', '\\p{Digit}', true],
    ['é', '\\p{Alpha}', false],
    ['é', '(?U)\\p{Alpha}', true],
    ['ab', 'a#c\nb', false],
    ['ab', '(?x)a#c\nb', true],
    ['a', '(?<=^)a', true],
    ['ab', '(?-i)a', true],
    ['Ab', '(?i:a)b', true],
    ['A', '[a-z]', false],
    ['A', '(?i)[a-z]', true],
    ['a', '(?i)[^A]', false],
    ['K', '(?i)\\u212a', false],
    ['\r\n', '^\\R$', true],
    ['abc', 'a.c', true],
    ['a\rc', 'a.c', false],
    ['a\u0085c', 'a.c', false],
    ['ab', 'a\\b', false],
    ['a', '\\b', true],
    ['é', '\\b', true],
    ['ab', '\\Bb', true],
    ['aaa', 'a{2,}+', true],
    ['😀', '^.$', true],
  ])('%j rlike %j = %s', (s, p, want) => {
    expect(rlike(s, p)).toBe(want);
  });

  it('rejects invalid patterns with Spark’s error, and names untranslatable constructs', () => {
    expect(() => rlike('x', '[')).toThrow(
      "[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s) `regexp` in `rlike` is invalid: '['.",
    );
    expect(() => rlike('x', '{')).toThrow(/INVALID_PARAMETER_VALUE.PATTERN/);
    expect(() => rlike('x', 'a{,2}')).toThrow(/INVALID_PARAMETER_VALUE.PATTERN/);
    expect(() => rlike('a', '\\y')).toThrow(/is invalid: '\\\\y'/);
    expect(() => rlike('x', '\\Gx')).toThrow(/UNSUPPORTED_FEATURE.JAVA_REGEX.*\\G/);
    expect(() => ev('regexp_extract', str('x'), str('(x'), int(0))).toThrow(
      /`regexp_extract` is invalid: '\(x'/,
    );
  });

  it('has Spark’s names for its aliases', () => {
    expect(pretty('rlike', [str('s'), str('o')])).toBe('RLIKE(s, o)');
    expect(pretty('regexp', [str('s'), str('o')])).toBe('REGEXP(s, o)');
    expect(pretty('regexp_like', [str('s'), str('o')])).toBe('REGEXP_LIKE(s, o)');
    expect(ev('regexp_like', str('abc'), str('b'))).toBe(true);
    expect(ev('rlike', nul(StringType), str('b'))).toBeNull();
  });

  it('maps Java group numbers past emulation groups', () => {
    const r = translateJavaRegex('(a)(?>b(c))d++(e)');
    expect(r.groupCount).toBe(3);
    const m = new RegExp(r.source, r.flags).exec('abcdde')!;
    expect(r.groupMap.map((j) => m[j])).toEqual(['abcdde', 'a', 'c', 'e']);
  });
});

describe('regexp_extract / regexp_extract_all', () => {
  it('extracts a group; "" when there is no match or the group did not take part', () => {
    expect(ev('regexp_extract', str('abc123'), str('([a-z]+)([0-9]+)'), int(2))).toBe('123');
    expect(ev('regexp_extract', str('abc123'), str('([a-z]+)([0-9]+)'), int(0))).toBe('abc123');
    expect(ev('regexp_extract', str('abc'), str('([0-9]+)'), int(1))).toBe('');
    expect(ev('regexp_extract', str('abc'), str('(x)?abc'), int(1))).toBe('');
    expect(ev('regexp_extract', str('abc'), nul(StringType), int(1))).toBeNull();
    expect(ev('regexp_extract', str('aXbX'), str('(?i)x'), int(0))).toBe('X');
    expect(ev('regexp_extract', str('a.b'), str('a\\.b'), int(0))).toBe('a.b');
    expect(ev('regexp_extract', str('foo123'), str('\\d+'), int(0))).toBe('123');
    expect(ev('regexp_extract', str('a😀b'), str('(.)b'), int(1))).toBe('😀');
    expect(pretty('regexp_extract', [str('s'), str('(o)')])).toBe('regexp_extract(s, (o), 1)');
  });

  it('checks the group index against the pattern', () => {
    expect(() => ev('regexp_extract', str('abc'), str('(a)'), int(2))).toThrow(
      '[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX] The value of parameter(s) `idx` in `regexp_extract` is invalid: Expects group index between 0 and 1, but got 2.',
    );
    expect(() => ev('regexp_extract', str('abc'), str('(a)'), int(-1))).toThrow(/but got -1/);
    expect(() => ev('regexp_extract', str('Hello'), str('o'))).toThrow(/between 0 and 0, but got 1/);
    // no match: no check, as in Spark
    expect(ev('regexp_extract', str('abc'), str('(x)'), int(5))).toBe('');
  });

  it('regexp_extract_all collects every match', () => {
    expect(ev('regexp_extract_all', str('a1b22c333'), str('[0-9]+'), int(0))).toEqual(['1', '22', '333']);
    expect(ev('regexp_extract_all', str('a1b22c333'), str('([a-z])([0-9]+)'), int(2))).toEqual([
      '1',
      '22',
      '333',
    ]);
    expect(ev('regexp_extract_all', str('abc'), str('x'), int(0))).toEqual([]);
    expect(ev('regexp_extract_all', str('abc'), str(''), int(0))).toEqual(['', '', '', '']);
    expect(ev('regexp_extract_all', str('a1b'), str('(x)?([0-9])'), int(1))).toEqual(['']);
    expect(ev('regexp_extract_all', str('Hello World'), str('(o)'))).toEqual(['o', 'o']);
    expect(call('regexp_extract_all', [str('s'), str('x')]).dataType).toEqual(arrayType(StringType, true));
  });
});

describe('regexp_replace', () => {
  it('uses Java’s replacement syntax', () => {
    expect(ev('regexp_replace', str('a1b22'), str('[0-9]+'), str('X'))).toBe('aXbX');
    expect(ev('regexp_replace', str('abc'), str('(b)'), str('[$1]'))).toBe('a[b]c');
    expect(ev('regexp_replace', str('abc'), str('(b)'), str('\\$1'))).toBe('a$1c');
    expect(ev('regexp_replace', str('abc'), str('b'), str('\\\\'))).toBe('a\\c');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Java's named-group reference syntax
    expect(ev('regexp_replace', str('abc'), str('(?<x>b)'), str('${x}${x}'))).toBe('abbc');
    expect(ev('regexp_replace', str('aaa'), str('a'), str('$0$0'))).toBe('aaaaaa');
    expect(ev('regexp_replace', str('abc'), str(''), str('-'))).toBe('-a-b-c-');
    expect(ev('regexp_replace', str('abc'), str('x*'), str('-'))).toBe('-a-b-c-');
    expect(ev('regexp_replace', str('a😀b'), str('.'), str('x'))).toBe('xxx');
    expect(ev('regexp_replace', str('abc'), str('x'), str('$9'))).toBe('abc');
    expect(ev('regexp_replace', str('abc'), str('(b)'), str('$11'))).toBe('ab1c');
    expect(pretty('regexp_replace', [str('s'), str('o'), str('x')])).toBe('regexp_replace(s, o, x, 1)');
  });

  it('starts at a position (anchors see the region start, lookbehind does not see before it)', () => {
    expect(ev('regexp_replace', str('abcabc'), str('b'), str('X'), int(3))).toBe('abcaXc');
    expect(ev('regexp_replace', str('abcabc'), str('^a'), str('X'), int(2))).toBe('abcabc');
    expect(ev('regexp_replace', str('abcabc'), str('^b'), str('X'), int(2))).toBe('aXcabc');
    expect(ev('regexp_replace', str('abcabc'), str('(?<=a)b'), str('X'), int(2))).toBe('abcaXc');
    expect(ev('regexp_replace', str('abc'), str('b'), str('X'), int(10))).toBe('abc');
  });

  it('fails on invalid replacements and positions like Spark', () => {
    expect(() => ev('regexp_replace', str('abc'), str('b'), str('$2'))).toThrow(
      '[INVALID_REGEXP_REPLACE] Could not perform regexp_replace for source = "abc", pattern = "b", replacement = "$2" and position = 1.',
    );
    expect(() => ev('regexp_replace', str('abc'), str('b'), str('$'))).toThrow(/INVALID_REGEXP_REPLACE/);
    expect(() => call('regexp_replace', [str('abcabc'), str('b'), str('X'), int(0)])).toThrow(
      /VALUE_OUT_OF_RANGE.*The position must be between \(0, 2147483647\] \(current value = 0\)/,
    );
  });

  it('compiles per row for column patterns', () => {
    const t = columns([
      ['s', StringType],
      ['p', StringType],
    ]);
    expect(
      t.run(
        'regexp_replace',
        [t.col('s'), t.col('p'), str('_')],
        [
          ['a1b2', '[0-9]'],
          ['a1b2', '[a-z]'],
          ['a1b2', null],
          ['a1b2', '[0-9]'],
        ],
      ),
    ).toEqual(['a_b_', '_1_2', null, 'a_b_']);
  });
});

describe('regexp_count / regexp_substr / regexp_instr', () => {
  it('counts, extracts and locates matches', () => {
    expect(ev('regexp_count', str('aaa'), str('a'))).toBe(3);
    expect(ev('regexp_count', str('abc'), str(''))).toBe(4);
    expect(ev('regexp_count', str('aaaa'), str('aa'))).toBe(2);
    expect(ev('regexp_count', str('😀'), str('.'))).toBe(1);
    expect(ev('regexp_count', nul(StringType), str('a'))).toBeNull();
    expect(ev('regexp_substr', str('abc123'), str('[0-9]+'))).toBe('123');
    expect(ev('regexp_substr', str('abc'), str('[0-9]+'))).toBeNull();
    expect(ev('regexp_substr', str('abc'), str(''))).toBeNull();
    expect(ev('regexp_instr', str('abc123'), str('[0-9]+'))).toBe(4);
    expect(ev('regexp_instr', str('abc123'), str('([a-z]+)([0-9]+)'), int(2))).toBe(1);
    expect(ev('regexp_instr', str('abc'), str('x'))).toBe(0);
    expect(ev('regexp_instr', str('abc'), str(''))).toBe(1);
    expect(ev('regexp_instr', str('a😀b'), str('b'))).toBe(3);
    expect(pretty('regexp_instr', [str('s'), str('o')])).toBe('regexp_instr(s, o, 0)');
    expect(call('regexp_substr', [str('s'), str('o')]).nullable).toBe(true);
    expect(call('regexp_count', [str('s'), str('o')]).dataType).toBe(IntegerType);
  });
});

describe('split', () => {
  it.each([
    ['a,b,,c,,', ',', -1, ['a', 'b', '', 'c', '', '']],
    ['a,b,,c,,', ',', 2, ['a', 'b,,c,,']],
    ['a,b,,c,,', ',', 0, ['a', 'b', '', 'c', '', '']],
    ['a,b,,c,,', ',', -2, ['a', 'b', '', 'c', '', '']],
    ['abc', '', -1, ['a', 'b', 'c']],
    ['abc', '', 2, ['a', 'bc']],
    ['', ',', -1, ['']],
    [',a', ',', -1, ['', 'a']],
    ['a1b2c3', '[0-9]', -1, ['a', 'b', 'c', '']],
    ['a1b2c3', '[0-9]', 10, ['a', 'b', 'c', '']],
    [',,,', ',', -1, ['', '', '', '']],
    ['aXbxc', '(?i)x', -1, ['a', 'b', 'c']],
    ['abc', 'b', 1, ['abc']],
    ['😀a😀', '', -1, ['😀', 'a', '😀']],
    ['a.b', '.', -1, ['', '', '', '']],
    ['a😀b', '.', -1, ['', '', '', '']],
    ['Hello World', ' ', 2, ['Hello', 'World']],
  ])('split(%j, %j, %i)', (s, p, limit, want) => {
    expect(ev('split', str(s), str(p), int(limit))).toEqual(want);
  });

  it('defaults the limit to -1 and propagates nulls', () => {
    expect(pretty('split', [str('s'), str(' ')])).toBe('split(s,  , -1)');
    expect(ev('split', nul(StringType), str(','))).toBeNull();
    expect(ev('split', str('a'), nul(StringType))).toBeNull();
    expect(ev('split', str('a,b'), str(','), nul(IntegerType))).toBeNull();
  });
});

describe('LIKE / ILIKE', () => {
  const like = (s: string, p: string, esc?: string) =>
    ev('like', str(s), str(p), ...(esc === undefined ? [] : [str(esc)]));
  it.each([
    ['abc', 'a%', true],
    ['abc', 'a_c', true],
    ['abc', '%b%', true],
    ['abc', 'abc', true],
    ['a%c', 'a\\%c', true],
    ['abc', 'a\\%c', false],
    ['a_c', 'a\\_c', true],
    ['abc', '%', true],
    ['', '%', true],
    ['', '_', false],
    ['a\nb', 'a_b', true],
    ['a\nb', 'a%', true],
    ['A', 'a', false],
    ['a.c', 'a.c', true],
    ['abc', 'a.c', false],
    ['a*c', 'a*c', true],
    ['a(c', 'a(c', true],
    ['abc', 'ab', false],
    ['😀', '_', true],
    ['ab', '%b', true],
    ['ba', '%b', false],
    ['abc', 'abc%', true],
    ['ab', 'a%%', true],
    ['abc', 'a_%', true],
    ['abcbc', 'a%bc%bc', true],
    ['abc', 'a%bc%bc', false],
    ['aXbYc', '%X%Y%', true],
    ['a', 'a%a', false],
  ])('%j LIKE %j = %s', (s, p, want) => {
    expect(like(s, p)).toBe(want);
  });

  it('supports another escape character and rejects malformed escapes', () => {
    expect(like('a/c', 'a//c', '/')).toBe(true);
    expect(like('a%', 'a/%', '/')).toBe(true);
    expect(like('Hello', 'H%%', '%')).toBe(false);
    expect(like('%', '%%', '%')).toBe(true);
    expect(() => like('abc', 'a/', '/')).toThrow(
      "[INVALID_FORMAT.ESC_AT_THE_END] The format is invalid: 'a/'. The escape character is not allowed to end with.",
    );
    expect(() => like('abc', 'a\\bc')).toThrow(
      "[INVALID_FORMAT.ESC_IN_THE_MIDDLE] The format is invalid: 'a\\\\bc'. The escape character is not allowed to precede 'b'.",
    );
    expect(() => like('Hello', 'H%', '%')).toThrow(/ESC_AT_THE_END/);
  });

  it('has Spark’s names and null semantics', () => {
    expect(pretty('like', [str('s'), str('H%')])).toBe('s LIKE H%');
    expect(pretty('like', [str('s'), str('H!%'), str('!')])).toBe("s LIKE H!% ESCAPE '!'");
    expect(pretty('ilike', [str('s'), str('h%')])).toBe('ilike(s, h%)');
    expect(pretty('ilike', [str('s'), str('h%'), str('!')])).toBe('ilike(s, h%)');
    expect(ev('like', nul(StringType), str('a'))).toBeNull();
    expect(ev('like', str('a'), nul(StringType))).toBeNull();
  });

  it('ILIKE lower-cases both sides', () => {
    expect(ev('ilike', str('A'), str('a'))).toBe(true);
    expect(ev('ilike', str('aBc'), str('%B%'))).toBe(true);
    expect(ev('ilike', str('ABC'), str('abc'))).toBe(true);
    expect(ev('ilike', str('Straße'), str('STRASSE'))).toBe(false);
    expect(ev('ilike', str('ǅ'), str('ǆ'))).toBe(true);
    expect(ev('ilike', str('Hello World'), str('h!%'), str('!'))).toBe(false);
  });

  it('matches column patterns row by row', () => {
    const t = columns([
      ['s', StringType],
      ['p', StringType],
    ]);
    expect(
      t.run(
        'like',
        [t.col('s'), t.col('p')],
        [
          ['Hello', 'H%'],
          ['Hello', '%x'],
          ['Hello', null],
          [null, 'H%'],
          ['Hello', '_ello'],
        ],
      ),
    ).toEqual([true, false, null, null, true]);
  });
});

describe('LIKE ANY / ALL', () => {
  // pyspark 4.3.0: "'apple' LIKE ANY ('a%', '%rry')" → [likeany(apple)] true, …
  it('matches any / all of the patterns, negated forms included', () => {
    expect(ev('likeany', str('apple'), str('a%'), str('%rry'))).toBe(true);
    expect(ev('likeall', str('apple'), str('%r%'), str('%y'))).toBe(false);
    expect(ev('likeall', str('berry'), str('%r%'), str('%y'))).toBe(true);
    expect(ev('notlikeany', str('apple'), str('a%'), str('b%'))).toBe(true);
    expect(ev('notlikeall', str('apple'), str('a%'), str('b%'))).toBe(false);
    expect(ev('notlikeall', str('cherry'), str('a%'), str('b%'))).toBe(true);
    expect(ev('likeany', nul(StringType), str('a%'))).toBeNull();
    expect(pretty('likeany', [str('apple'), str('a%')])).toBe('likeany(apple)');
    expect(pretty('notlikeall', [str('s'), str('a%')])).toBe('notlikeall(s)');
  });

  it('gives null when a null pattern decides the outcome', () => {
    const t = columns([
      ['s', StringType],
      ['p', StringType],
    ]);
    expect(
      t.run(
        'likeany',
        [t.col('s'), str('x%'), t.col('p')],
        [
          ['apple', null],
          ['apple', 'a%'],
          ['xylo', null],
        ],
      ),
    ).toEqual([null, true, true]);
    expect(t.run('likeall', [t.col('s'), str('x%'), t.col('p')], [['apple', null]])).toEqual([false]);
  });
});
