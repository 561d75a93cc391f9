/**
 * The streaming examples run as a user runs them, with `node bin/sluice.js submit` (the built
 * package: `npm run build` first, as `npm test` does). The network word count reads from a TCP
 * server this test opens on 127.0.0.1 (standing in for `nc -lk`); the test waits for the console
 * tables it expects, never for an amount of time.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function submit(args: string[]): ChildProcessWithoutNullStreams {
  if (!existsSync(join(ROOT, 'dist/streaming/sources/socket-source.js'))) {
    throw new Error('The package is not built: run `npm run build` first.');
  }
  return spawn(process.execPath, ['bin/sluice.js', 'submit', ...args], { cwd: ROOT });
}

/** The console sink's tables, parsed: batch id → rows of cells. */
function consoleBatches(text: string): Map<number, string[][]> {
  const batches = new Map<number, string[][]>();
  const re = /-{43}\nBatch: (\d+)\n-{43}\n(\+[-+]*\+\n\|.*\|\n\+[-+]*\+\n(?:\|.*\|\n)*\+[-+]*\+\n)/g;
  for (const m of text.matchAll(re)) {
    const lines = m[2]!.trimEnd().split('\n');
    const rows = lines.slice(3, -1).map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
    batches.set(Number(m[1]), rows);
  }
  return batches;
}

const sortRows = (rows: string[][]) => [...rows].sort((a, b) => a.join().localeCompare(b.join()));

/** Resolves once the output holds a batch whose table is `rows` (in any order). */
function waitForTable(
  child: ChildProcessWithoutNullStreams,
  output: { text: string },
  rows: string[][],
): Promise<void> {
  const want = JSON.stringify(sortRows(rows));
  return new Promise((done, fail) => {
    const check = () => {
      for (const table of consoleBatches(output.text).values()) {
        if (JSON.stringify(sortRows(table)) === want) {
          child.stdout.off('data', check);
          child.off('close', closed);
          return done();
        }
      }
    };
    const closed = () => fail(new Error(`the job exited before printing ${want}:\n${output.text}`));
    child.stdout.on('data', check);
    child.once('close', closed);
    check();
  });
}

describe('examples', () => {
  it('network-wordcount.ts counts words sent over TCP', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const connected = once(server, 'connection');
    const child = submit(['examples/network-wordcount.ts', '127.0.0.1', String(port)]);
    const output = { text: '', err: '' };
    child.stdout.on('data', (b: Buffer) => (output.text += b));
    child.stderr.on('data', (b: Buffer) => (output.err += b));
    try {
      const [nc] = (await connected) as [Socket];
      nc.write('spark scala scala spark structured streaming spark scala scala spark\n');
      await waitForTable(child, output, [
        ['spark', '4'],
        ['scala', '4'],
        ['structured', '1'],
        ['streaming', '1'],
      ]);
      nc.write('spark scala scala spark\n');
      await waitForTable(child, output, [
        ['spark', '6'],
        ['scala', '6'],
        ['structured', '1'],
        ['streaming', '1'],
      ]);
      expect(output.text).toMatch(/\+----------\+-----\+\n\| {6}word\|count\|\n\+----------\+-----\+\n/);
      expect(output.err).toContain('The socket source should not be used for production applications!');
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'close');
      server.close();
    }
  }, 60_000);

  it('network-wordcount.ts prints its usage without arguments', async () => {
    const child = submit(['examples/network-wordcount.ts']);
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b));
    const [code] = await once(child, 'close');
    expect(code).toBe(1);
    expect(err).toContain('Usage: network-wordcount.ts <hostname> <port>');
  }, 60_000);

  it('wordcount-rate.ts counts the words its rate source picks, and stops when told', async () => {
    const child = submit(['examples/wordcount-rate.ts', '100', '3']);
    const output = { text: '' };
    child.stdout.on('data', (b: Buffer) => (output.text += b));
    const [code] = await once(child, 'close');
    expect(code, output.text).toBe(0);
    const tables = [...consoleBatches(output.text).values()].filter((t) => t.length > 0);
    expect(tables.length, output.text).toBeGreaterThan(0);
    const last = tables[tables.length - 1]!;
    expect(last.map((r) => r[0]).sort()).toEqual(['scala', 'spark', 'streaming', 'structured']);
    // values 0…n-1 cycle through the four words: the counts differ by at most one
    const counts = last.map((r) => Number(r[1]));
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('wordcount-files.ts counts the words of each new file in a folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sluice-wordcount-files-'));
    const drop = (name: string, text: string) => {
      // written elsewhere then moved in, so the source never sees a half-written file
      writeFileSync(join(folder, `.${name}.tmp`), text);
      renameSync(join(folder, `.${name}.tmp`), join(folder, name));
    };
    const child = submit(['examples/wordcount-files.ts', folder]);
    const output = { text: '' };
    child.stdout.on('data', (b: Buffer) => (output.text += b));
    try {
      drop('1.txt', 'spark scala scala spark structured streaming spark scala scala spark\n');
      await waitForTable(child, output, [
        ['spark', '4'],
        ['scala', '4'],
        ['structured', '1'],
        ['streaming', '1'],
      ]);
      drop('2.txt', 'spark scala scala spark\n');
      await waitForTable(child, output, [
        ['spark', '6'],
        ['scala', '6'],
        ['structured', '1'],
        ['streaming', '1'],
      ]);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'close');
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
