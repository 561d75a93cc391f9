/**
 * The hash scalar functions through the registry (resolve → compile → evaluate), against
 * pyspark 4.3.0: `hash(a, s)`, `xxhash64(a)`, `md5`, `sha1`, `sha2`, `crc32` of 'x'.
 */
import { describe, expect, it } from 'vitest';
import '../../src/expr/functions/hash.js';
import { attributeReference, type Expr, type FunctionCall } from '../../src/expr/expression.js';
import type { ScalarFunctionDef } from '../../src/expr/function-registry.js';
import { lookupFunction } from '../../src/expr/function-registry.js';
import { crc32Of, partitionIdFor } from '../../src/expr/functions/hash.js';
import { prettyName } from '../../src/expr/pretty-name.js';
import { BinaryType, IntegerType, LongType, mapType, StringType } from '../../src/types/data-type.js';
import { fnContext } from './aggregate-harness.js';

const a = attributeReference('a', IntegerType, true);
const s = attributeReference('s', StringType, true);
const bin = attributeReference('bin', BinaryType, true);
const input = [a, s, bin];
const X = new TextEncoder().encode('x');

function evaluate(name: string, args: Expr[], row: unknown[]): { value: unknown; call: FunctionCall } {
  const def = lookupFunction(name) as ScalarFunctionDef;
  const ctx = fnContext();
  const r = def.resolve(args, ctx);
  const call: FunctionCall = {
    kind: 'fn',
    name: def.name,
    args: r.args,
    dataType: r.dataType,
    nullable: r.nullable,
  };
  // Arguments are attributes (or implicit casts of them, checked separately): read them by position.
  const evals = r.args.map((e) => {
    if (e.kind === 'literal') return () => e.value;
    const target = e.kind === 'cast' ? e.child : e;
    const i = input.findIndex((x) => target.kind === 'attributeReference' && x.exprId === target.exprId);
    return (row: unknown[]) => row[i] ?? null;
  });
  return { value: def.compile(call, evals, ctx)(row), call };
}

describe('hash / xxhash64', () => {
  it('chain values with seed 42 and are never null', () => {
    const h = evaluate('hash', [a, s], [1, 'x', null]);
    expect(h.value).toBe(-1305545736);
    expect(h.call.dataType).toBe(IntegerType);
    expect(h.call.nullable).toBe(false);
    expect(prettyName(h.call)).toBe('hash(a, s)');
    expect(evaluate('hash', [a], [null, null, null]).value).toBe(42);
    const x = evaluate('xxhash64', [a], [1, null, null]);
    expect(x.value).toBe(-6698625589789238999n);
    expect(x.call.dataType).toBe(LongType);
    expect(evaluate('xxhash64', [a, s], [null, null, null]).value).toBe(42);
  });

  it('refuses maps like Spark', () => {
    const m = attributeReference('m', mapType(StringType, IntegerType), true);
    expect(() => evaluate('hash', [m], [])).toThrow('[DATATYPE_MISMATCH.HASH_MAP_TYPE]');
  });
});

describe('digests', () => {
  it('hash binary into lower-case hex; strings are cast to binary', () => {
    expect(evaluate('md5', [bin], [null, null, X]).value).toBe('9dd4e461268c8034f5c8564e155c67a6');
    expect(evaluate('sha1', [bin], [null, null, X]).value).toBe('11f6ad8ec52a2984abaafd7c3b516503785c2072');
    expect(evaluate('sha', [bin], [null, null, X]).value).toBe('11f6ad8ec52a2984abaafd7c3b516503785c2072');
    const sha256 = '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881';
    const bits = (n: number): Expr => ({ kind: 'literal', value: n, dataType: IntegerType });
    expect(evaluate('sha2', [bin, bits(256)], [null, null, X]).value).toBe(sha256);
    expect(evaluate('sha2', [bin, bits(0)], [null, null, X]).value).toBe(sha256);
    expect(evaluate('sha2', [bin, bits(512)], [null, null, X]).value).toHaveLength(128);
    expect(evaluate('sha2', [bin, bits(123)], [null, null, X]).value).toBeNull();
    expect(evaluate('crc32', [bin], [null, null, X]).value).toBe(2363233923);
    expect(evaluate('md5', [bin], [null, null, null]).value).toBeNull();
    const cast = evaluate('md5', [s], [null, null, X]).call.args[0]!;
    expect(cast.kind === 'cast' && cast.implicit && cast.dataType.kind === 'binary').toBe(true);
    expect(() => evaluate('md5', [a], [])).toThrow(
      'requires the "BINARY" type, however "a" has the type "INT"',
    );
  });

  it('computes java.util.zip.CRC32', () => {
    expect(crc32Of(new TextEncoder().encode('Spark'))).toBe(1557323817);
    expect(crc32Of(new Uint8Array())).toBe(0);
  });
});

describe('partitionIdFor', () => {
  it('agrees with hash() for multi-column keys', () => {
    const types = [IntegerType, StringType];
    const h = -1305545736;
    expect(partitionIdFor([1, 'x'], types, 200)).toBe(((h % 200) + 200) % 200);
  });
});
