import { describe, expect, it } from 'vitest';
import { tokenize, unescapeSqlString } from '../../src/sql/lexer.js';

const kinds = (s: string) =>
  tokenize(s).map((t) => `${t.kind}:${t.kind === 'number' ? `${t.numberKind}:` : ''}${t.text}`);

describe('lexer', () => {
  it('splits words, operators and punctuation, with a final eof at the text length', () => {
    const toks = tokenize('SELECT a<=>b, c::int FROM t');
    expect(toks.map((t) => t.text)).toEqual([
      'SELECT',
      'a',
      '<=>',
      'b',
      ',',
      'c',
      '::',
      'int',
      'FROM',
      't',
      '',
    ]);
    expect(toks.at(-1)).toMatchObject({ kind: 'eof', start: 27 });
    expect(toks[0]).toMatchObject({ kind: 'word', value: 'SELECT', start: 0, end: 6 });
  });

  it('prefers the longest operator', () => {
    expect(
      tokenize('a >>> b >> c << d <> e != f == g || h -> i => j')
        .filter((t) => t.kind === 'op')
        .map((t) => t.text),
    ).toEqual(['>>>', '>>', '<<', '<>', '!=', '==', '||', '->', '=>']);
  });

  it('classifies numeric literals like Spark (longest match, suffixes, decimal validity)', () => {
    expect(kinds('1 1L 1S 1Y 1D 1F 1BD 1.5 .5 5. 1E3 1.5e-3 1e2BD 2.5F')).toEqual([
      'number:integer:1',
      'number:bigint:1L',
      'number:smallint:1S',
      'number:tinyint:1Y',
      'number:double:1D',
      'number:float:1F',
      'number:bigdecimal:1BD',
      'number:decimal:1.5',
      'number:decimal:.5',
      'number:decimal:5.',
      'number:exponent:1E3',
      'number:exponent:1.5e-3',
      'number:bigdecimal:1e2BD',
      'number:float:2.5F',
      'eof:',
    ]);
  });

  it('reads digit-led words as identifiers and rejects `1.5L` as a number', () => {
    expect(kinds('123abc 1l')).toEqual(['word:123abc', 'number:bigint:1l', 'eof:']);
    expect(kinds('1.5L')).toEqual(['number:integer:1', 'op:.', 'number:bigint:5L', 'eof:']);
  });

  it('skips comments, including nested bracketed ones and hints', () => {
    expect(kinds('a -- x\n/* b /* c */ d */ /*+ BROADCAST(t) */ e')).toEqual(['word:a', 'word:e', 'eof:']);
  });

  it('fails on an unclosed bracketed comment', () => {
    expect(() => tokenize('select /* unclosed')).toThrow(
      '[UNCLOSED_BRACKETED_COMMENT] Found an unclosed bracketed comment. Please, append */ at the end of the comment.',
    );
  });

  it('turns unclosed quotes and unknown characters into error tokens', () => {
    expect(kinds("SELECT 'abc")).toEqual(['word:SELECT', "error:'", 'word:abc', 'eof:']);
    expect(kinds('a # $b')).toEqual(['word:a', 'error:#', 'error:$', 'word:b', 'eof:']);
  });

  it('unquotes backquoted identifiers (doubled backquote escapes one)', () => {
    expect(
      tokenize('`a``b` `x.y`')
        .slice(0, 2)
        .map((t) => [t.kind, t.value]),
    ).toEqual([
      ['quoted', 'a`b'],
      ['quoted', 'x.y'],
    ]);
  });

  it('unescapes strings as Spark does (\\t, octal, unicode, doubled quotes; \\% and \\_ kept)', () => {
    const values = tokenize(
      `'a\\tb' 'it''s' "x""y" 'a\\'b' 'a\\u0041' 'a\\101' 'a\\%b' 'a\\_b' 'a\\qb' 'a\\\\b'`,
    )
      .filter((t) => t.kind === 'string')
      .map((t) => t.value);
    expect(values).toEqual(['a\tb', "it's", 'x"y', "a'b", 'aA', 'aA', 'a\\%b', 'a\\_b', 'aqb', 'a\\b']);
    expect(unescapeSqlString('\\0\\Z\\n\\r\\b', "'")).toBe('\u0000\u001A\n\r\b');
  });
});
