/**
 * The hash function family: `hash` (Murmur3, seed 42), `xxhash64` (seed 42), `md5`, `sha1`/`sha`,
 * `sha2(x, bits)`, `crc32`. Also re-exports the shuffle partitioning helpers, which must agree
 * with `hash()` so Sluice partitions rows exactly as Spark does (`pmod(hash(keys), n)`).
 *
 * Invariants: `hash`/`xxhash64` are never null (null inputs leave the seed unchanged); the
 * digests take binary (strings are implicitly cast to binary, as Spark does) and return lower-case
 * hex strings.
 */
import { createHash } from 'node:crypto';
import { castIfNeeded } from '../../types/coercion.js';
import {
  BinaryType,
  type DataType,
  IntegerType,
  isIntegral,
  LongType,
  StringType,
} from '../../types/data-type.js';
import { AnalysisException } from '../../util/errors.js';
import type { Expr } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { compileRowMurmur3, compileRowXxHash64 } from '../hash/spark-hash.js';
import { xxStateAsLong } from '../hash/xxhash64.js';
import { callSql, unexpectedInputType } from './aggregate/agg-utils.js';

export {
  compilePartitioner,
  hashPartitionKey,
  partitionIdFor,
} from '../hash/spark-hash.js';

function containsMap(t: DataType): boolean {
  switch (t.kind) {
    case 'map':
      return true;
    case 'array':
      return containsMap(t.elementType);
    case 'struct':
      return t.fields.some((f) => containsMap(f.dataType));
    default:
      return false;
  }
}

function checkHashable(name: string, args: readonly Expr[]): void {
  if (args.some((a) => containsMap(dataTypeOf(a)))) {
    throw new AnalysisException(
      'DATATYPE_MISMATCH.HASH_MAP_TYPE',
      `Cannot resolve "${callSql(name, args)}" due to data type mismatch: Input to the function \`${name}\` cannot contain elements of the "MAP" type. In Spark, same maps may have different hashcode, thus hash expressions are prohibited on "MAP" elements. To restore previous behavior set "spark.sql.legacy.allowHashOnMapType" to "true".`,
    );
  }
}

export const hash: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'hash',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    checkHashable('hash', args);
    return { args, dataType: IntegerType, nullable: false };
  },
  compile: (call, args) => {
    const h = compileRowMurmur3(call.args.map(dataTypeOf));
    const values = new Array<unknown>(args.length);
    return (row) => {
      for (let i = 0; i < args.length; i++) values[i] = args[i]!(row);
      return h(values);
    };
  },
};

export const xxhash64: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'xxhash64',
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  resolve: (args) => {
    checkHashable('xxhash64', args);
    return { args, dataType: LongType, nullable: false };
  },
  compile: (call, args) => {
    const h = compileRowXxHash64(call.args.map(dataTypeOf));
    const values = new Array<unknown>(args.length);
    return (row) => {
      for (let i = 0; i < args.length; i++) values[i] = args[i]!(row);
      h(values);
      return xxStateAsLong();
    };
  },
};

/** Strings (and NULL) are implicitly cast to binary, like Spark's ImplicitCastInputTypes. */
function binaryArg(name: string, args: readonly Expr[], index: number): Expr {
  const t = dataTypeOf(args[index]!);
  if (t.kind === 'binary') return args[index]!;
  if (t.kind === 'string' || t.kind === 'null') return castIfNeeded(args[index]!, BinaryType);
  throw unexpectedInputType(name, args, index, '"BINARY"');
}

function digest(name: string, algorithm: string): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 1,
    maxArgs: 1,
    resolve: (args) => ({ args: [binaryArg(name, args, 0)], dataType: StringType, nullable: true }),
    compile:
      (_call, [arg]) =>
      (row) => {
        const v = arg!(row);
        return v === null
          ? null
          : createHash(algorithm)
              .update(v as Uint8Array)
              .digest('hex');
      },
  };
}

export const md5 = digest('md5', 'md5');
export const sha1 = digest('sha1', 'sha1');
export const sha = digest('sha', 'sha1');

const SHA2_ALGORITHMS: Readonly<Record<number, string>> = {
  0: 'sha256',
  224: 'sha224',
  256: 'sha256',
  384: 'sha384',
  512: 'sha512',
};

export const sha2: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'sha2',
  minArgs: 2,
  maxArgs: 2,
  resolve: (args) => {
    const bits = args[1]!;
    const bt = dataTypeOf(bits);
    if (!(isIntegral(bt) || bt.kind === 'null')) throw unexpectedInputType('sha2', args, 1, '"INT"');
    return {
      args: [binaryArg('sha2', args, 0), castIfNeeded(bits, IntegerType)],
      dataType: StringType,
      nullable: true,
    };
  },
  compile:
    (_call, [arg, bitsArg]) =>
    (row) => {
      const v = arg!(row);
      if (v === null) return null;
      const bits = bitsArg!(row);
      if (bits === null) return null;
      const algorithm = SHA2_ALGORITHMS[bits as number];
      return algorithm
        ? createHash(algorithm)
            .update(v as Uint8Array)
            .digest('hex')
        : null;
    },
};

// CRC-32 (IEEE 802.3, java.util.zip.CRC32); node's zlib.crc32 only exists from Node 20.15.
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32Of(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export const crc32: ScalarFunctionDef = {
  kind: 'scalar',
  name: 'crc32',
  minArgs: 1,
  maxArgs: 1,
  resolve: (args) => ({ args: [binaryArg('crc32', args, 0)], dataType: LongType, nullable: true }),
  compile:
    (_call, [arg]) =>
    (row) => {
      const v = arg!(row);
      return v === null ? null : crc32Of(v as Uint8Array);
    },
};

export const HASH_FUNCTIONS: readonly ScalarFunctionDef[] = [hash, xxhash64, md5, sha1, sha, sha2, crc32];

registerFunctions(HASH_FUNCTIONS);
