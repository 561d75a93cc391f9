/**
 * Exact timestamp arithmetic (types/datetime/micros.ts): number while a safe integer, bigint beyond,
 * always normalised, with the same answers on both sides of ±2^53.
 */
import { describe, expect, it } from 'vitest';
import {
  addMicros,
  floorDivMicros,
  floorModMicros,
  microsFromDays,
  microsToMillis,
  normMicros,
  splitMicrosToDays,
  subtractMicros,
  truncDivMicros,
} from '../../src/types/datetime/micros.js';

const SAFE = Number.MAX_SAFE_INTEGER;
const DAY = 86_400_000_000;

describe('timestamp µs arithmetic', () => {
  it('normalises: a safe value is a number, anything beyond is a bigint', () => {
    expect(normMicros(5n)).toBe(5);
    expect(normMicros(BigInt(SAFE))).toBe(SAFE);
    expect(normMicros(BigInt(SAFE) + 1n)).toBe(2n ** 53n);
    expect(addMicros(SAFE, 1)).toBe(2n ** 53n);
    expect(subtractMicros(2n ** 53n, 1)).toBe(SAFE);
    expect(addMicros(-SAFE, -2)).toBe(-(2n ** 53n) - 1n);
  });

  it('splits into days and time of day exactly at the edges of Spark range', () => {
    // 9999-12-31 23:59:59.999999 UTC and 0001-01-01 00:00:00 UTC
    expect(splitMicrosToDays(253402300799999999n)).toEqual({ days: 2932896, timeOfDay: DAY - 1 });
    expect(splitMicrosToDays(-62135596800000000n)).toEqual({ days: -719162, timeOfDay: 0 });
    expect(microsFromDays(2932896, DAY - 1)).toBe(253402300799999999n);
    expect(microsFromDays(-719162, 0)).toBe(-62135596800000000n);
    expect(microsFromDays(19723, 1)).toBe(19723 * DAY + 1);
  });

  it('floors right below a multiple, where a float quotient would round up', () => {
    for (const k of [1, 12345, 104000, -3, -104000]) {
      const t = k * DAY - 1;
      expect(floorDivMicros(t, DAY)).toBe(k - 1);
      expect(floorModMicros(t, DAY)).toBe(DAY - 1);
      expect(splitMicrosToDays(t)).toEqual({ days: k - 1, timeOfDay: DAY - 1 });
    }
    expect(floorDivMicros(-1n - 2n ** 60n, 1000)).toBe(Number((-1n - 2n ** 60n) / 1000n) - 1);
    expect(microsToMillis(-1)).toBe(-1);
    expect(truncDivMicros(-1_500_000, 1_000_000)).toBe(-1);
    expect(truncDivMicros(-(2n ** 60n) - 1n, 1_000_000)).toBe(Number(-(2n ** 60n) / 1_000_000n));
  });
});
