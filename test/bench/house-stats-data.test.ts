import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { houseStats, writeHouseEvents } from '../../bench/benchmarks/house-stats.js';
import { defaultNormalize } from '../../bench/harness/benchmark.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-house-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('house-stats data', () => {
  it('writes N lines whose statistics are the expected result', () => {
    const path = join(dir, 'events.jsonl');
    const meta = writeHouseEvents(path, 40_000);
    const text = readFileSync(path, 'utf8');
    expect(meta.bytes).toBe(Buffer.byteLength(text));
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(40_000);
    // Recompute from the file, as the jobs do, independently of the generator's objects.
    const stats = new Map<string, { n: number; sum: number; chars: Set<string> }>();
    for (const l of lines) {
      const e = JSON.parse(l) as { house: string; character: string; score: string };
      const s = stats.get(e.house) ?? { n: 0, sum: 0, chars: new Set<string>() };
      s.n++;
      s.sum += Number.parseInt(e.score, 10);
      s.chars.add(e.character);
      stats.set(e.house, s);
    }
    const fromFile = [...stats].map(([h, s]) => [h, s.n, s.sum, s.chars.size]);
    expect(defaultNormalize(meta.expected)).toEqual(defaultNormalize(fromFile));
    expect(meta.expected.length).toBe(8);
  });

  it('prepares once and reuses the file', async () => {
    const logs: string[] = [];
    const ctx = { rows: 3000, dataDir: dir, log: (l: string) => logs.push(l) };
    const a = await houseStats.prepare(ctx);
    const b = await houseStats.prepare(ctx);
    expect(logs[0]).toMatch(/^generated /);
    expect(logs[1]).toMatch(/^reusing /);
    expect(b.jobArgs).toEqual(a.jobArgs);
    expect(b.expected).toEqual(a.expected);
    expect(a.rows).toBe(3000);
    expect(a.description).toMatch(/^3,000 JSON lines, /);
  });
});
