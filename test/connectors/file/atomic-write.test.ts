import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spark, tempDir } from './file-test-helpers.js';

afterAll(() => spark.stop());

/** Runs the writer child and SIGKILLs it as soon as it reports a half-written staged file. */
function killMidWrite(out: string): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'fixtures', 'kill-me-writer.ts'), out],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let killed = false;
    child.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      if (!killed && output.includes('MIDWRITE')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, output }));
  });
}

describe('atomic writes', () => {
  it('leaves nothing visible when the writer is killed mid-write', async () => {
    const out = join(tempDir(), 'table');
    await spark.range(0, 5).selectExpr('id', "'old' AS pad").write.json(out);
    const before = readdirSync(out).sort();
    const { killed, output } = await killMidWrite(out);
    expect(killed, output).toBe(true);
    expect(output).not.toContain('DONE');
    // the staged files exist but only under the hidden _temporary folder
    expect(readdirSync(out).sort()).toEqual([...before, '_temporary'].sort());
    const back = spark.read.json(out);
    expect(await back.count()).toBe(5);
    expect((await back.select('pad').distinct().collect()).map((r) => r.get('pad'))).toEqual(['old']);
  }, 120_000);
});
