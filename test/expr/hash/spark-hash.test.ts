/**
 * Murmur3 (`hash`) and xxHash64 (`xxhash64`) of values of every type, against numbers produced by
 * pyspark 4.3.0 (`SELECT hash(...)`, `SELECT xxhash64(...)`).
 */
import { describe, expect, it } from 'vitest';
import { compileRowMurmur3, compileRowXxHash64, partitionIdFor } from '../../../src/expr/hash/spark-hash.js';
import { xxStateAsLong } from '../../../src/expr/hash/xxhash64.js';
import {
  arrayType,
  BinaryType,
  BooleanType,
  ByteType,
  type DataType,
  DateType,
  DoubleType,
  decimalType,
  FloatType,
  IntegerType,
  LongType,
  ShortType,
  StringType,
  structField,
  structType,
  TimestampNTZType,
  TimestampType,
} from '../../../src/types/data-type.js';

type Case = [label: string, values: unknown[], types: DataType[], murmur: number, xx: bigint];

const f = Math.fround;
const bytes = (...b: number[]) => new Uint8Array(b);

const CASES: Case[] = [
  ['int 0', [0], [IntegerType], 933211791, 3614696996920510707n],
  ['int 1', [1], [IntegerType], -559580957, -6698625589789238999n],
  ['int -1', [-1], [IntegerType], -1604776387, 2017008487422258757n],
  ['int max', [2147483647], [IntegerType], 133916647, 1508894993788531228n],
  ['int min', [-2147483648], [IntegerType], 723455942, 2073849959933241805n],
  ['long 0', [0], [LongType], -1670924195, -5252525462095825812n],
  ['long 1', [1], [LongType], -1712319331, -7001672635703045582n],
  ['long -1', [-1], [LongType], -939490007, 3858142552250413010n],
  ['long max', [9223372036854775807n], [LongType], -1604625029, -3246596055638297850n],
  ['long min', [-9223372036854775808n], [LongType], -853646085, -8619748838626508300n],
  ['long 1234567890123', [1234567890123], [LongType], 1304145252, 1687537368341330389n],
  ['long 2^53+1', [9007199254740993n], [LongType], 1386081767, 2178404700979030276n],
  ["string ''", [''], [StringType], 142593372, -7444071767201028348n],
  ['string a', ['a'], [StringType], 1485273170, -8582455328737087284n],
  ['string ab', ['ab'], [StringType], -97053317, 2710560539726725091n],
  ['string abc', ['abc'], [StringType], 1322437556, 1423657621850124518n],
  ['string abcd', ['abcd'], [StringType], -396302900, -6810745876291105281n],
  ['string abcde', ['abcde'], [StringType], 814637928, -990457398947679591n],
  ['string latin-1', ['héllo wörld'], [StringType], -281075962, 7620070002295215535n],
  ['string CJK', ['日本語テキスト'], [StringType], -675756566, 7772424398469540022n],
  ['string astral', ['😀x'], [StringType], -1814635023, 1219072378590617505n],
  ['double 0', [0], [DoubleType], -1670924195, -5252525462095825812n],
  ['double -0', [-0], [DoubleType], -1670924195, -5252525462095825812n],
  ['double 1.5', [1.5], [DoubleType], 1290763749, 7738255526519901366n],
  ['double -2.25', [-2.25], [DoubleType], 170083257, -8344676507314498009n],
  ['double NaN', [Number.NaN], [DoubleType], -1281358385, -3127944061524951246n],
  ['double Infinity', [Number.POSITIVE_INFINITY], [DoubleType], 833680482, 5810986238603807492n],
  ['double 1e300', [1e300], [DoubleType], -359479591, -6660537626403695510n],
  ['float 0', [0], [FloatType], 933211791, 3614696996920510707n],
  ['float -0', [-0], [FloatType], 933211791, 3614696996920510707n],
  ['float 1.5', [1.5], [FloatType], -221251528, 6163473420726370430n],
  ['float NaN', [Number.NaN], [FloatType], -349261430, 2692338816207849720n],
  ['float 3.14', [f(3.14)], [FloatType], 808195277, -7283597122065597797n],
  ['boolean true', [true], [BooleanType], -559580957, -6698625589789238999n],
  ['boolean false', [false], [BooleanType], 933211791, 3614696996920510707n],
  ['null', [null], [IntegerType], 42, 42n],
  ['date 2024-03-15', [19797], [DateType], -1154644216, 8866289812765391689n],
  ['date 1960-01-01', [-3653], [DateType], 1238262706, 5231712984053086986n],
  ['timestamp', [1710498030123456], [TimestampType], 1903798716, 5988372918410719940n],
  ['decimal(10,2) 12.34', [1234n], [decimalType(10, 2)], -1028144669, -3802813071951760351n],
  ['decimal(10,2) -12.34', [-1234n], [decimalType(10, 2)], 180183791, -1614697014534150208n],
  [
    'decimal(30,4) big',
    [1234567890123456789012345678n],
    [decimalType(30, 4)],
    792689822,
    1791155698896681362n,
  ],
  [
    'decimal(30,4) -big',
    [-1234567890123456789012345678n],
    [decimalType(30, 4)],
    -1484751187,
    1556167156262993494n,
  ],
  ['decimal(20,0) 0', [0n], [decimalType(20, 0)], -783713497, -8959994473701255385n],
  ['decimal(20,0) -1', [-1n], [decimalType(20, 0)], 1398487324, -4006032525457443936n],
  ['decimal(20,0) 128', [128n], [decimalType(20, 0)], -544401882, 6715097930120473301n],
  ['binary 0102030405', [bytes(1, 2, 3, 4, 5)], [BinaryType], -2064006189, 8668608334415110682n],
  ['binary empty', [bytes()], [BinaryType], 142593372, -7444071767201028348n],
  ['binary FF', [bytes(0xff)], [BinaryType], 1398487324, -4006032525457443936n],
  ['array<int>', [[1, 2, 3]], [arrayType(IntegerType)], -912918097, 8592097078962733837n],
  ['array<string> with null', [['a', null, 'b']], [arrayType(StringType)], 190734147, -7357372313250070212n],
  [
    'struct<x:int,y:string>',
    [[1, 'z']],
    [structType([structField('x', IntegerType), structField('y', StringType)])],
    1768728021,
    -6830958162285171219n,
  ],
  [
    'array<array<int>>',
    [[[1], [2, 3]]],
    [arrayType(arrayType(IntegerType))],
    -912918097,
    8592097078962733837n,
  ],
  [
    'int, string, double',
    [1, 'a', 2],
    [IntegerType, StringType, DoubleType],
    -2137044765,
    -4513369747723970408n,
  ],
  ['tinyint 1', [1], [ByteType], -559580957, -6698625589789238999n],
  ['smallint -5', [-5], [ShortType], 1369497261, 9201179564109417620n],
  ['timestamp_ntz', [1710498030000000], [TimestampNTZType], 1562485156, -8865177371711639112n],
  ['string 60 chars', ['xyz'.repeat(20)], [StringType], -2128807829, 8654605178780636826n],
  ['null string, int 1', [null, 1], [StringType, IntegerType], -559580957, -6698625589789238999n],
];

describe('Spark hash() / xxhash64() by type', () => {
  for (const [label, values, types, murmur, xx] of CASES) {
    it(label, () => {
      expect(compileRowMurmur3(types)(values)).toBe(murmur);
      compileRowXxHash64(types)(values);
      expect(BigInt(xxStateAsLong())).toBe(xx);
    });
  }

  it('returns longs in the engine representation (number when safe, bigint otherwise)', () => {
    compileRowXxHash64([IntegerType])([null]);
    expect(xxStateAsLong()).toBe(42);
    compileRowXxHash64([IntegerType])([1]);
    expect(xxStateAsLong()).toBe(-6698625589789238999n);
  });
});

describe('partitionIdFor', () => {
  it('is pmod(hash(keys), n)', () => {
    const types = [IntegerType];
    // hash(1) = -559580957; pmod(-559580957, 200) = 43
    expect(partitionIdFor([1], types, 200)).toBe(43);
    // hash(0) = 933211791; 933211791 % 7 = 4
    expect(partitionIdFor([0], types, 7)).toBe(933211791 % 7);
    for (let i = 0; i < 1000; i++) {
      const p = partitionIdFor([i], types, 13);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(13);
    }
  });
});
