/**
 * Byte/text conversions and text utilities: base64, encode/decode, hex/unhex, to_binary, soundex,
 * levenshtein, sentences, mask, quote, luhn_check, uuid. Expected values from pyspark 4.3.0
 * (non-ANSI), e.g. `spark.sql("SELECT encode('é😀', 'UTF-16')")` → b'\xfe\xff\x00\xe9\xd8=\xde\x00'.
 */
import { describe, expect, it } from 'vitest';
import { BinaryType, StringType } from '../../src/types/data-type.js';
import { bin, call, dbl, ev, int, long, nul, pretty, str, utf8 } from './string-harness.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('base64 / unbase64', () => {
  it('encodes binaries (and strings as UTF-8)', () => {
    expect(ev('base64', bin('ab'))).toBe('YWI=');
    expect(ev('base64', str('Hello World'))).toBe('SGVsbG8gV29ybGQ=');
    expect(ev('base64', str(''))).toBe('');
    expect(ev('base64', str('😀'))).toBe('8J+YgA==');
  });

  it('decodes leniently like Spark', () => {
    expect(ev('unbase64', str('YWJj'))).toEqual(utf8('abc'));
    expect(ev('unbase64', str('YW Jj'))).toEqual(utf8('abc'));
    expect(ev('unbase64', str('YWJ'))).toEqual(utf8('ab'));
    expect(ev('unbase64', str('@@@'))).toEqual(bytes());
    expect(ev('unbase64', str('YW\nJj'))).toEqual(utf8('abc'));
    expect(call('unbase64', [str('x')]).dataType).toBe(BinaryType);
  });
});

describe('encode / decode', () => {
  it('encodes with Spark’s charsets', () => {
    expect(ev('encode', str('é😀'), str('UTF-16'))).toEqual(
      bytes(0xfe, 0xff, 0x00, 0xe9, 0xd8, 0x3d, 0xde, 0x00),
    );
    expect(ev('encode', str('é😀'), str('UTF-16BE'))).toEqual(bytes(0x00, 0xe9, 0xd8, 0x3d, 0xde, 0x00));
    expect(ev('encode', str('é😀'), str('UTF-16LE'))).toEqual(bytes(0xe9, 0x00, 0x3d, 0xd8, 0x00, 0xde));
    expect(ev('encode', str('é'), str('UTF-32'))).toEqual(bytes(0, 0, 0, 0xe9));
    expect(ev('encode', str('Hello'), str('utf-8'))).toEqual(utf8('Hello'));
    expect(ev('encode', str('é'), str('iso-8859-1'))).toEqual(bytes(0xe9));
    expect(pretty('encode', [str('s'), str('UTF-8')])).toBe('encode(s, UTF-8)');
  });

  it('fails on unknown charsets and unmappable characters', () => {
    expect(() => ev('encode', str('é'), str('utf8'))).toThrow(
      /INVALID_PARAMETER_VALUE.CHARSET.*expects one of the iso-8859-1, us-ascii, utf-16, utf-16be, utf-16le, utf-32, utf-8, but got utf8/,
    );
    expect(() => ev('encode', str('é😀'), str('US-ASCII'))).toThrow(
      /MALFORMED_CHARACTER_CODING.*`encode` with US-ASCII/,
    );
    expect(() => ev('encode', str('é😀'), str('ISO-8859-1'))).toThrow(/MALFORMED_CHARACTER_CODING/);
  });

  it('decodes, rejecting malformed input', () => {
    expect(ev('decode', bin(bytes(0xc3, 0xa9)), str('utf-8'))).toBe('é');
    expect(ev('decode', bin(bytes(0xe9)), str('ISO-8859-1'))).toBe('é');
    expect(ev('decode', bin(bytes(0xfe, 0xff, 0x00, 0xe9)), str('UTF-16'))).toBe('é');
    expect(ev('decode', bin(bytes(0x00, 0xe9)), str('UTF-16'))).toBe('é');
    expect(ev('decode', bin(bytes(0xe9, 0x00)), str('UTF-16LE'))).toBe('é');
    expect(ev('decode', str('abc'), str('utf-8'))).toBe('abc');
    expect(() => ev('decode', bin(bytes(0xff)), str('utf-8'))).toThrow(
      /MALFORMED_CHARACTER_CODING.*`decode` with utf-8/,
    );
    expect(() => ev('decode', bin(bytes(0xc3)), str('utf-8'))).toThrow(/MALFORMED_CHARACTER_CODING/);
    expect(() => ev('decode', bin(bytes(0xe9)), str('US-ASCII'))).toThrow(/MALFORMED_CHARACTER_CODING/);
    expect(call('decode', [bin('a'), str('utf-8')]).nullable).toBe(true);
  });
});

describe('hex / unhex / to_binary', () => {
  it('hex of numbers (two’s complement), strings and binaries', () => {
    expect(ev('hex', int(255))).toBe('FF');
    expect(ev('hex', int(-1))).toBe('FFFFFFFFFFFFFFFF');
    expect(ev('hex', long(12345678901))).toBe('2DFDC1C35');
    expect(ev('hex', str('ab'))).toBe('6162');
    expect(ev('hex', str('Hello World'))).toBe('48656C6C6F20576F726C64');
    expect(ev('hex', bin('ab'))).toBe('6162');
    expect(ev('hex', dbl(1.5))).toBe('1');
  });

  it('unhex pads odd lengths and gives null for non-hex input', () => {
    expect(ev('unhex', str('4142'))).toEqual(utf8('AB'));
    expect(ev('unhex', str('F'))).toEqual(bytes(0x0f));
    expect(ev('unhex', str('GG'))).toBeNull();
    expect(ev('unhex', str('0A1'))).toEqual(bytes(0x00, 0xa1));
    expect(ev('unhex', str(''))).toEqual(bytes());
    expect(ev('unhex', str('abc'))).toEqual(bytes(0x0a, 0xbc));
  });

  it('to_binary parses hex (default), utf-8 and base64; try_to_binary returns null instead of failing', () => {
    expect(ev('to_binary', str('abc'), str('base64'))).toEqual(bytes(0x69, 0xb7));
    expect(ev('to_binary', str('Hello World'), str('utf-8'))).toEqual(utf8('Hello World'));
    expect(ev('to_binary', str('4142'))).toEqual(utf8('AB'));
    expect(() => ev('to_binary', str('Hello World'))).toThrow(
      /CONVERSION_INVALID_INPUT.*The value 'Hello World' \('HEX'\) cannot be converted to "BINARY"/,
    );
    expect(ev('try_to_binary', str('Hello World'), str('hex'))).toBeNull();
    expect(() => call('to_binary', [str('x'), str('foo')])).toThrow(/INVALID_PARAMETER_VALUE.BINARY_FORMAT/);
  });
});

describe('soundex / levenshtein', () => {
  it.each([
    ['Robert', 'R163'],
    ['Rupert', 'R163'],
    ['Tymczak', 'T522'],
    ['Pfister', 'P236'],
    ['Ashcraft', 'A261'],
    ['', ''],
    ['123', '123'],
    ['a1b', 'A100'],
    ['Honeyman', 'H555'],
    ['éclair', 'éclair'],
    ['lee', 'L000'],
    ['Lloyd', 'L300'],
    ['Gutierrez', 'G362'],
    ['Jackson', 'J250'],
    ['x', 'X000'],
    ['Hello World', 'H464'],
  ])('soundex(%s) = %s', (s, want) => {
    expect(ev('soundex', str(s))).toBe(want);
  });

  it('levenshtein, with an optional threshold (-1 beyond it)', () => {
    expect(ev('levenshtein', str('kitten'), str('sitting'))).toBe(3);
    expect(ev('levenshtein', str('kitten'), str('sitting'), int(2))).toBe(-1);
    expect(ev('levenshtein', str('kitten'), str('sitting'), int(3))).toBe(3);
    expect(ev('levenshtein', str(''), str('abc'))).toBe(3);
    expect(ev('levenshtein', str('😀'), str('a'))).toBe(1);
    expect(ev('levenshtein', str('abc'), str('abc'), int(0))).toBe(0);
    expect(ev('levenshtein', str('abc'), str('abd'), int(0))).toBe(-1);
    expect(ev('levenshtein', str('a'), str('b'), int(-1))).toBe(-1);
    expect(ev('levenshtein', nul(StringType), str('a'))).toBeNull();
    expect(pretty('levenshtein', [str('s'), str('x'), int(3)])).toBe('levenshtein(s, x, 3)');
  });
});

describe('sentences / mask / quote / luhn_check / uuid', () => {
  it('sentences splits sentences and words', () => {
    expect(ev('sentences', str("Hi there! Good morning. This is Mr. Smith, isn't it? 3 apples."))).toEqual([
      ['Hi', 'there'],
      ['Good', 'morning'],
      ['This', 'is', 'Mr'],
      ['Smith', "isn't", 'it'],
      ['3', 'apples'],
    ]);
    expect(ev('sentences', str(''))).toEqual([]);
    expect(ev('sentences', str('  '))).toEqual([[]]);
    expect(ev('sentences', str('a-b c_d e.f'))).toEqual([['a-b', 'c_d', 'e.f']]);
    expect(pretty('sentences', [str('s')])).toBe('sentences(s, , )');
  });

  it('mask replaces letters and digits', () => {
    expect(ev('mask', str('AbCd-123_é'))).toBe('XxXx-nnn_x');
    expect(ev('mask', str('AbCd-123'), str('U'), str('l'), str('D'), str('O'))).toBe('UlUlODDD');
    expect(ev('mask', str('AbCd'), nul(StringType), str('l'))).toBe('AlCl');
    expect(ev('mask', nul(StringType))).toBeNull();
    expect(pretty('mask', [str('s')])).toBe('mask(s, X, x, n, NULL)');
    expect(() => call('mask', [str('Ab'), str('XY')])).toThrow(
      /INPUT_SIZE_NOT_ONE.*Length of upperChar should be 1/,
    );
  });

  it('quote, luhn_check', () => {
    expect(ev('quote', str("Don't"))).toBe("'Don\\'t'");
    expect(ev('quote', nul(StringType))).toBeNull();
    expect(ev('luhn_check', str('79927398713'))).toBe(true);
    expect(ev('luhn_check', str('1234'))).toBe(false);
    expect(ev('luhn_check', str('12a4'))).toBe(false);
  });

  it('uuid is a random version-4 UUID, reproducible with a seed', () => {
    const a = ev('uuid') as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ev('uuid')).not.toBe(a);
    const seeded = ev('uuid', long(1)) as string;
    expect(seeded).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ev('uuid', long(1))).toBe(seeded);
    expect(pretty('uuid', [long(7)])).toBe('uuid()');
    expect(call('uuid', []).nullable).toBe(false);
    expect(call('uuid', []).dataType).toBe(StringType);
  });
});
