/**
 * Conversions between strings and bytes: base64/unbase64, encode/decode with a charset,
 * to_binary/try_to_binary, hex/unhex.
 *
 * Invariants: charsets are Spark 4's fixed list (us-ascii, iso-8859-1, utf-8, utf-16be, utf-16le,
 * utf-16, utf-32) and unmappable input is an error (MALFORMED_CHARACTER_CODING), never a silent
 * replacement; base64 decoding is lenient like Spark's (skips characters outside the alphabet).
 */
import { BinaryType, LongType, StringType } from '../../types/data-type.js';
import { AnalysisException, SparkRuntimeError } from '../../util/errors.js';
import { type FunctionCall, literal } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { coerceArg, oneOf } from './input-coercion.js';
import { constantArg } from './null-safe.js';
import { strictEvaluator, strictFunction } from './strict-function.js';
import { utf8Encode } from './string-code-points.js';

// ---------------------------------------------------------------------------------------------
// base64

export function base64Encode(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64');
}

export function base64Decode(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'base64'));
}

const base64 = strictFunction({
  name: 'base64',
  inputs: [BinaryType],
  result: StringType,
  body: () => base64Encode,
});

const unbase64 = strictFunction({
  name: 'unbase64',
  inputs: [StringType],
  result: BinaryType,
  body: () => base64Decode,
});

// ---------------------------------------------------------------------------------------------
// encode / decode

const CHARSETS = ['iso-8859-1', 'us-ascii', 'utf-16', 'utf-16be', 'utf-16le', 'utf-32', 'utf-8'];

function invalidCharset(fn: string, charset: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'INVALID_PARAMETER_VALUE.CHARSET',
    `The value of parameter(s) \`charset\` in \`${fn}\` is invalid: expects one of the ${CHARSETS.join(', ')}, but got ${charset}.`,
  );
}

function malformed(fn: string, charset: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'MALFORMED_CHARACTER_CODING',
    `Invalid value found when performing \`${fn}\` with ${charset}`,
  );
}

type Encoder = (s: string) => Uint8Array;
type Decoder = (b: Uint8Array) => string;

function utf16Bytes(s: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array(s.length * 2 + (bom ? 2 : 0));
  let o = 0;
  if (bom) {
    out[0] = 0xfe;
    out[1] = 0xff;
    o = 2;
  }
  for (let i = 0; i < s.length; i++, o += 2) {
    const c = s.charCodeAt(i);
    out[bigEndian ? o : o + 1] = c >> 8;
    out[bigEndian ? o + 1 : o] = c & 0xff;
  }
  return out;
}

function encoderFor(charset: string): Encoder | undefined {
  switch (charset.toLowerCase()) {
    case 'utf-8':
      return utf8Encode;
    case 'us-ascii':
    case 'iso-8859-1': {
      const max = charset.toLowerCase() === 'us-ascii' ? 0x7f : 0xff;
      return (s) => {
        const out = new Uint8Array(s.length);
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c > max) throw malformed('encode', charset);
          out[i] = c;
        }
        return out;
      };
    }
    case 'utf-16':
      return (s) => utf16Bytes(s, true, true);
    case 'utf-16be':
      return (s) => utf16Bytes(s, true, false);
    case 'utf-16le':
      return (s) => utf16Bytes(s, false, false);
    case 'utf-32':
      return (s) => {
        const cps = Array.from(s, (c) => c.codePointAt(0)!);
        const out = new Uint8Array(cps.length * 4);
        const view = new DataView(out.buffer);
        for (let i = 0; i < cps.length; i++) view.setUint32(i * 4, cps[i]!);
        return out;
      };
    default:
      return undefined;
  }
}

function utf16Text(b: Uint8Array, bigEndian: boolean, charset: string): string {
  if (b.length % 2 !== 0) throw malformed('decode', charset);
  let s = '';
  for (let i = 0; i < b.length; i += 2) {
    s += String.fromCharCode(bigEndian ? (b[i]! << 8) | b[i + 1]! : (b[i + 1]! << 8) | b[i]!);
  }
  return s;
}

function decoderFor(charset: string): Decoder | undefined {
  switch (charset.toLowerCase()) {
    case 'utf-8': {
      const d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      return (b) => {
        try {
          return d.decode(b);
        } catch {
          throw malformed('decode', charset);
        }
      };
    }
    case 'us-ascii':
      return (b) => {
        let s = '';
        for (const c of b) {
          if (c > 0x7f) throw malformed('decode', charset);
          s += String.fromCharCode(c);
        }
        return s;
      };
    case 'iso-8859-1':
      return (b) => {
        let s = '';
        for (const c of b) s += String.fromCharCode(c);
        return s;
      };
    case 'utf-16':
      return (b) => {
        if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return utf16Text(b.subarray(2), true, charset);
        if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return utf16Text(b.subarray(2), false, charset);
        return utf16Text(b, true, charset);
      };
    case 'utf-16be':
      return (b) => utf16Text(b, true, charset);
    case 'utf-16le':
      return (b) => utf16Text(b, false, charset);
    case 'utf-32':
      return (b) => {
        if (b.length % 4 !== 0) throw malformed('decode', charset);
        const view = new DataView(b.buffer, b.byteOffset, b.length);
        let s = '';
        for (let i = 0; i < b.length; i += 4) {
          const cp = view.getUint32(i);
          if (cp > 0x10ffff) throw malformed('decode', charset);
          s += String.fromCodePoint(cp);
        }
        return s;
      };
    default:
      return undefined;
  }
}

/** Resolves the charset once when it is constant, else per distinct value. */
function charsetCodec<T>(
  call: FunctionCall,
  f: Parameters<typeof constantArg>[1],
  fn: string,
  lookup: (c: string) => T | undefined,
): (charset: string) => T {
  const get = (c: string): T => {
    const codec = lookup(c);
    if (codec === undefined) throw invalidCharset(fn, c);
    return codec;
  };
  const constant = constantArg(call.args[1], f);
  if (constant && typeof constant.value === 'string') {
    const codec = get(constant.value);
    return () => codec;
  }
  const cache = new Map<string, T>();
  return (c) => {
    let codec = cache.get(c);
    if (codec === undefined) {
      codec = get(c);
      cache.set(c, codec);
    }
    return codec;
  };
}

const encode: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'encode',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => ({
    args: args.map((a, i) => coerceArg(a, StringType, i)),
    dataType: BinaryType,
    nullable: true,
  }),
  compile: (call, args) => {
    const codec = charsetCodec(call, args[1], 'encode', encoderFor);
    return strictEvaluator(args, (s: string, c: string) => codec(c)(s));
  },
};

const decode: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'decode',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => ({
    args: [coerceArg(args[0]!, BinaryType, 0), coerceArg(args[1]!, StringType, 1)],
    dataType: StringType,
    nullable: true,
  }),
  compile: (call, args) => {
    const codec = charsetCodec(call, args[1], 'decode', decoderFor);
    return strictEvaluator(args, (b: Uint8Array, c: string) => codec(c)(b));
  },
};

// ---------------------------------------------------------------------------------------------
// hex / unhex

const HEX = '0123456789ABCDEF';

export function hexOfBytes(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += HEX[x >> 4]! + HEX[x & 15]!;
  return s;
}

/** Spark's unhex: an odd-length input gets a leading 0; any non-hex digit gives null. */
export function unhexString(s: string): Uint8Array | null {
  const odd = s.length % 2;
  const out = new Uint8Array((s.length + odd) >> 1);
  for (let i = 0, j = -odd; j < s.length; i++, j += 2) {
    const hi = j < 0 ? 0 : hexDigit(s.charCodeAt(j));
    const lo = hexDigit(s.charCodeAt(j + 1));
    if (hi < 0 || lo < 0) return null;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

const hex = strictFunction({
  name: 'hex',
  inputs: [oneOf(LongType, BinaryType, StringType)],
  result: StringType,
  body: (call) => {
    switch (dataTypeOf(call.args[0]!).kind) {
      case 'binary':
        return hexOfBytes;
      case 'string':
        return (s: string) => hexOfBytes(utf8Encode(s));
      default:
        return (v: number | bigint) => BigInt.asUintN(64, BigInt(v)).toString(16).toUpperCase();
    }
  },
});

const unhex = strictFunction({
  name: 'unhex',
  inputs: [StringType],
  result: BinaryType,
  nullable: () => true,
  body: () => unhexString,
});

// ---------------------------------------------------------------------------------------------
// to_binary / try_to_binary

function conversionError(s: string, fmt: string): SparkRuntimeError {
  return new SparkRuntimeError(
    'CONVERSION_INVALID_INPUT',
    `The value '${s}' ('${fmt.toUpperCase()}') cannot be converted to "BINARY" because it is malformed. Correct the value as per the syntax, or change its format. Use \`try_to_binary\` to tolerate malformed input and return NULL instead.`,
  );
}

const BASE64_CHARS = /^[A-Za-z0-9+/=\s]*$/;

function toBinaryFunction(name: 'to_binary' | 'try_to_binary'): ScalarFunctionDef {
  const lenient = name === 'try_to_binary';
  return {
    kind: 'scalar',
    name,
    minArgs: 1,
    maxArgs: 2,
    resolve: (args) => {
      const out = [
        coerceArg(args[0]!, StringType, 0),
        coerceArg(args[1] ?? literal('hex', StringType), StringType, 1),
      ];
      const fmt = out[1]!;
      if (fmt.kind === 'literal' && fmt.value !== null) {
        const f = String(fmt.value).toLowerCase();
        if (f !== 'hex' && f !== 'utf-8' && f !== 'utf8' && f !== 'base64') {
          throw new AnalysisException(
            'INVALID_PARAMETER_VALUE.BINARY_FORMAT',
            `The value of parameter(s) \`format\` in \`${name}\` is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but got '${fmt.value}'.`,
          );
        }
      }
      return { args: args.length === 1 ? [out[0]!] : out, dataType: BinaryType, nullable: true };
    },
    compile: (_call, args) => {
      const convert = (s: string, fmt: string): Uint8Array | null => {
        switch (fmt.toLowerCase()) {
          case 'hex': {
            const b = unhexString(s);
            if (b === null) {
              if (lenient) return null;
              throw conversionError(s, fmt);
            }
            return b;
          }
          case 'utf-8':
          case 'utf8':
            return utf8Encode(s);
          case 'base64':
            if (!BASE64_CHARS.test(s)) {
              if (lenient) return null;
              throw conversionError(s, fmt);
            }
            return base64Decode(s);
          default:
            return null;
        }
      };
      if (args.length === 1) return strictEvaluator(args, (s: string) => convert(s, 'hex'));
      return strictEvaluator(args, convert);
    },
  };
}

registerFunctions([
  base64,
  unbase64,
  encode,
  decode,
  hex,
  unhex,
  toBinaryFunction('to_binary'),
  toBinaryFunction('try_to_binary'),
]);
