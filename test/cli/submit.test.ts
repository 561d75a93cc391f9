import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/sluice.js');

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
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

  it('runs local TypeScript imports with their own import.meta, compiled once and recompiled when a file changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-job-'));
    const cache = mkdtempSync(join(tmpdir(), 'sluice-cache-'));
    const job = join(dir, 'job.ts');
    writeFileSync(
      job,
      `import { Session } from 'sluice';
import { basename } from 'node:path';
import { label } from './lib/label';
import { twice } from './lib/twice.js';
const spark = Session.builder().getOrCreate();
const n = (await spark.range(4).collect()).length;
console.log(JSON.stringify({ label: label(twice(n)), job: basename(import.meta.filename), dir: import.meta.dirname }));
`,
    );
    const lib = join(dir, 'lib');
    mkdirSync(lib);
    writeFileSync(
      join(lib, 'label.ts'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source of the job
      "import { fileURLToPath } from 'node:url';\nexport const label = (n: number): string => `${n}@${fileURLToPath(import.meta.url).split('/').pop()}`;\n",
    );
    writeFileSync(join(lib, 'twice.ts'), 'export function twice(n: number): number {\n  return n * 2;\n}\n');
    const env = { SLUICE_CACHE_DIR: cache };
    const first = run(['submit', job], env);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual({ label: '8@label.ts', job: 'job.ts', dir });
    const compiled = readdirSync(cache);
    expect(run(['submit', job], env).stdout).toBe(first.stdout);
    expect(readdirSync(cache)).toEqual(compiled);
    writeFileSync(join(lib, 'twice.ts'), 'export function twice(n: number): number {\n  return n * 3;\n}\n');
    expect(JSON.parse(run(['submit', job], env).stdout).label).toBe('12@label.ts');
  });

  it("gives 'sluice' and 'sluice/functions' one engine", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-job-'));
    const job = join(dir, 'subpaths.ts');
    writeFileSync(
      job,
      `import { Session, functions as F } from 'sluice';
import { col, sum } from 'sluice/functions';
const spark = Session.builder().getOrCreate();
const rows = await spark.range(4).select(sum(col('id')).alias('s')).collect();
console.log(JSON.stringify({ same: F.col === col, s: rows[0]!.get('s') }));
`,
    );
    const r = run(['submit', job], { SLUICE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'sluice-cache-')) });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ same: true, s: 6 });
  });

  it('reports errors of the job at its TypeScript source lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-job-'));
    const env = { SLUICE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'sluice-cache-')) };
    const job = join(dir, 'fails.ts');
    writeFileSync(
      job,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source of the job
      'type T = { a: number };\nconst t: T = { a: 1 };\n\nconsole.log(new Error(`at ${t.a}`).stack);\nthrow new Error(`boom ${t.a}`);\n',
    );
    const r = run(['submit', job], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('boom 1');
    expect(r.stdout).toContain(`${job}:4`);
    const bad = join(dir, 'bad.ts');
    writeFileSync(bad, 'const x = ;\n');
    const b = run(['submit', bad], env);
    expect(b.status).toBe(1);
    expect(b.stderr).toContain('bad.ts:1');
  });

  it('explains bad usage', () => {
    const r = run(['submit', '--conf', 'novalue', 'x.ts']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--conf expects key=value');
    expect(run(['submit', 'missing.ts']).stderr).toContain('job file not found');
  });
});
