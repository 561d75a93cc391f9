/**
 * The Nexmark correctness fixtures (test/nexmark/fixtures/<q>.json, made by generate.py with
 * pyspark) and the check both Nexmark tests apply: a Sluice result, in canonical form, has the
 * fixture's first rows, row count and SHA-256.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { canonicalLines, sha256Lines } from '../../bench/nexmark/canonical-rows.js';
import type { DataFrame } from '../../src/index.js';

export interface Fixture {
  readonly query: string;
  readonly events: number;
  readonly seed: number;
  readonly rowCount: number;
  readonly sha256: string;
  readonly head: unknown[][];
}

export function loadFixture(query: string): Fixture {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', `${query}.json`), 'utf8')) as Fixture;
}

export async function expectMatchesFixture(result: DataFrame, fx: Fixture): Promise<void> {
  const rows = (await result.collect()).map((r) => r.toArray());
  const lines = canonicalLines(rows, result.schema);
  expect(lines.slice(0, fx.head.length).map((l) => JSON.parse(l))).toEqual(fx.head);
  expect(lines.length).toBe(fx.rowCount);
  expect(sha256Lines(lines)).toBe(fx.sha256);
}
