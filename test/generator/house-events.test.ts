import { describe, expect, it } from 'vitest';
import {
  characterNames,
  HOUSES,
  HouseEventGenerator,
  houseEventLines,
} from '../../src/generator/house-events.js';

const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;

/** Reference formatting through Date, to check the generator's own calendar arithmetic. */
function viaDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

describe('HouseEventGenerator', () => {
  it('is deterministic for the same options and differs across seeds', () => {
    const a = [...houseEventLines(1000, { seed: 7 })];
    const b = [...houseEventLines(1000, { seed: 7 })];
    const c = [...houseEventLines(1000, { seed: 8 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    // random access agrees with iteration
    const g = new HouseEventGenerator({ seed: 7 });
    expect(g.jsonLine(500)).toBe(a[500]);
    expect([...g.lines(10, 20)]).toEqual(a.slice(10, 20));
  });

  it('produces events with the documented fields, order and formats', () => {
    const g = new HouseEventGenerator();
    const houseOf = new Map(g.characters.map((c) => [c.name, c.house]));
    for (let i = 0; i < 5000; i++) {
      const line = g.jsonLine(i);
      expect(Object.keys(JSON.parse(line))).toEqual(['house', 'character', 'score', 'ts']);
      const e = JSON.parse(line) as Record<string, unknown>;
      expect(e).toEqual(g.event(i));
      expect(HOUSES).toContain(e.house);
      expect(houseOf.get(e.character as string)).toBe(e.house);
      expect(typeof e.score).toBe('string');
      expect(Number(e.score)).toBeGreaterThanOrEqual(1);
      expect(Number(e.score)).toBeLessThanOrEqual(10);
      expect(e.ts).toMatch(TS);
    }
  });

  it('covers every house and every score', () => {
    const g = new HouseEventGenerator();
    const houses = new Set<string>();
    const scores = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const e = g.event(i);
      houses.add(e.house);
      scores.add(e.score);
    }
    expect([...houses].sort()).toEqual([...HOUSES].sort());
    expect([...scores].map(Number).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('advances ts with the index at the configured rate', () => {
    const g = new HouseEventGenerator({ start: '2024-11-21 10:00:00', eventsPerSecond: 4 });
    expect(g.event(0).ts).toBe('2024-11-21 10:00:00.000');
    expect(g.event(1).ts).toBe('2024-11-21 10:00:00.250');
    expect(g.event(4).ts).toBe('2024-11-21 10:00:01.000');
    expect(g.event(4 * 86_400).ts).toBe('2024-11-22 10:00:00.000');
    const fast = new HouseEventGenerator({ start: 0, eventsPerSecond: 1_000_000 });
    expect(fast.event(999).ts).toBe('1970-01-01 00:00:00.000');
    expect(fast.event(1000).ts).toBe('1970-01-01 00:00:00.001');
  });

  it('formats timestamps like the calendar across years, leap days and centuries', () => {
    const starts = [
      0,
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 28, 23),
      Date.UTC(2100, 1, 28, 12),
    ];
    for (const start of starts) {
      const g = new HouseEventGenerator({ start, eventsPerSecond: 1 / 3600 });
      for (let i = 0; i < 24 * 400; i += 7) expect(g.timestampText(i)).toBe(viaDate(g.timestampMs(i)));
    }
    const far = new HouseEventGenerator({ start: Date.UTC(1969, 0, 1), eventsPerSecond: 1 / 86_400 });
    for (let i = 0; i < 200_000; i += 997) expect(far.timestampText(i)).toBe(viaDate(far.timestampMs(i)));
  });

  it('moves events back by at most maxDelayMs', () => {
    const plain = new HouseEventGenerator({ eventsPerSecond: 10 });
    const late = new HouseEventGenerator({ eventsPerSecond: 10, maxDelayMs: 5000 });
    let moved = 0;
    for (let i = 0; i < 2000; i++) {
      const d = plain.timestampMs(i) - late.timestampMs(i);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(5000);
      if (d > 0) moved++;
    }
    expect(moved).toBeGreaterThan(1000);
  });

  it('handles indices beyond 2^32', () => {
    const g = new HouseEventGenerator({ eventsPerSecond: 1e9 });
    const i = 2 ** 40 + 12345;
    expect(g.jsonLine(i)).toBe(new HouseEventGenerator({ eventsPerSecond: 1e9 }).jsonLine(i));
    expect(g.event(i).ts).toMatch(TS);
    expect(g.jsonLine(i)).not.toBe(g.jsonLine(12345));
  });

  it('rejects bad options', () => {
    expect(() => new HouseEventGenerator({ eventsPerSecond: 0 })).toThrow(RangeError);
    expect(() => new HouseEventGenerator({ start: 'yesterday' })).toThrow(RangeError);
    expect(() => new HouseEventGenerator({ maxDelayMs: -1 })).toThrow(RangeError);
  });
});

describe('characterNames', () => {
  it('gives a stable list of distinct First Last names', () => {
    const names = characterNames(400);
    expect(new Set(names).size).toBe(400);
    for (const n of names) expect(n).toMatch(/^\S+ \S+$/);
    expect(characterNames(400)).toEqual(names);
    expect(characterNames(10)).toEqual(names.slice(0, 10));
  });

  it('refuses more names than the lists can make', () => {
    expect(() => characterNames(0)).toThrow(RangeError);
    expect(() => characterNames(1_000_000)).toThrow(RangeError);
  });
});
