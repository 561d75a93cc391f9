import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/sluice.js');

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
}

describe('sluice submit', () => {
  it('runs a TypeScript job from anywhere on disk, importing sluice, with top-level await and arguments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-job-'));
    const job = join(dir, 'job.ts');
    writeFileSync(
      job,
      `import { Session, functions as F } from 'sluice';
const [n] = process.argv.slice(2);
const spark = Session.builder().getOrCreate();
const df = spark.range(Number(n)).select(F.sum('id').alias('total'));
const rows = await df.collect();
console.log(JSON.stringify({ total: rows[0]!.get('total'), master: spark.conf.get('spark.master'), app: spark.conf.get('spark.app.name'), tz: spark.conf.get('spark.sql.session.timeZone') }));
`,
    );
    const r = run([
      'submit',
      '--master',
      'local[2]',
      '--name',
      'sum-job',
      '--conf',
      'spark.sql.session.timeZone=Asia/Tokyo',
      job,
      '10',
    ]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout.trim())).toEqual({
      total: 45,
      master: 'local[2]',
      app: 'sum-job',
      tz: 'Asia/Tokyo',
    });
  });

  it('runs the house-statistics example and prints Spark schema and table', () => {
    const r = run(['submit', resolve(import.meta.dirname, '../../examples/house-statistics-batch.ts')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      [
        'root',
        ' |-- house: string (nullable = true)',
        ' |-- how_many: long (nullable = false)',
        ' |-- sum_score: long (nullable = true)',
        ' |-- no_characters: long (nullable = false)',
      ].join('\n'),
    );
    expect(r.stdout).toContain('|Gryffindor|       3|       20|            2|');
  });

  it('explains bad usage', () => {
    const r = run(['submit', '--conf', 'novalue', 'x.ts']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--conf expects key=value');
    expect(run(['submit', 'missing.ts']).stderr).toContain('job file not found');
  });
});
