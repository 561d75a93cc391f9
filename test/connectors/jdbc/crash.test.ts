/**
 * Exactly-once across process crashes: a child process running the query is SIGKILLed at a
 * chosen point of a batch (SLUICE_CRASH_PHASE, not timing) — inside the database transaction, or
 * between the database commit and the engine's commit log — and then restarted on the same
 * checkpoint. The table must hold exactly the rows of the committed batches, no duplicates.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, JDBC_URL, uniqueTable } from './jdbc-test-helpers.js';

let admin: pg.Client;
const tables: string[] = [];

beforeAll(async () => {
  admin = await adminClient();
});
afterAll(async () => {
  for (const t of tables) await admin.query(`DROP TABLE IF EXISTS ${t}`);
  await admin.end();
});

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runChild(checkpoint: string, table: string, mode: string, crash?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'crash-query.ts'), checkpoint, table, mode, JDBC_URL],
      { env: { ...process.env, SLUICE_CRASH_PHASE: crash ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('a query killed mid-batch and restarted', () => {
  it('append: the table holds every row exactly once', async () => {
    const table = uniqueTable('crash_append');
    tables.push(table);
    const dir = mkdtempSync(join(tmpdir(), 'sluice-jdbc-crash-'));
    const plan: (string | undefined)[] = [
      undefined, // batch 0
      'afterCommit:1', // batch 1 committed in the database, not in the checkpoint
      undefined, // re-runs batch 1 (writes nothing), then batch 2
      'beforeCommit:3', // batch 3 dies inside its transaction
      undefined, // re-runs batch 3 (writes it), then batch 4
    ];
    for (const crash of plan) {
      const r = await runChild(dir, table, 'append', crash);
      if (crash) {
        expect(r.signal, r.stderr).toBe('SIGKILL');
        expect(r.stdout).toContain(`CRASH ${crash.replace(':', ' ')}`);
      } else {
        expect(r.code, r.stderr).toBe(0);
      }
    }
    const ids = (await admin.query(`SELECT id::int FROM ${table} ORDER BY id`)).rows.map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const commits = await admin.query(
      `SELECT batch_id::int FROM _sluice_sink_commits WHERE sink_table = $1`,
      [table],
    );
    expect(commits.rows).toEqual([{ batch_id: 4 }]);
  }, 180_000);

  it('update: counts stay exact across both crash points', async () => {
    const table = uniqueTable('crash_update');
    tables.push(table);
    const dir = mkdtempSync(join(tmpdir(), 'sluice-jdbc-crash-'));
    for (const crash of [undefined, 'afterCommit:1', undefined, 'beforeCommit:3', undefined]) {
      const r = await runChild(dir, table, 'update', crash);
      expect(crash ? r.signal : r.code, r.stderr).toBe(crash ? 'SIGKILL' : 0);
    }
    // 25 values 0..24 grouped by value % 3
    const got = (await admin.query(`SELECT k::int, n::int, total::int FROM ${table} ORDER BY k`)).rows;
    const expected = [0, 1, 2].map((k) => {
      const vs = Array.from({ length: 25 }, (_, i) => i).filter((v) => v % 3 === k);
      return { k, n: vs.length, total: vs.reduce((a, b) => a + b, 0) };
    });
    expect(got).toEqual(expected);
  }, 180_000);
});
