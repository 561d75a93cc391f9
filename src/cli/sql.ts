/**
 * `sluice sql`: Spark SQL from the command line. With a query (`sluice sql "SELECT …"`) or a
 * script (`-f file.sql`) it runs each statement and prints its result; with neither it reads
 * statements from standard input — an interactive prompt with history on a terminal. Tables come
 * from folders or files (`--table name=path`, the format taken from the file extensions or
 * `--format-of name=parquet`) or from CREATE TABLE / CREATE TEMP VIEW statements.
 *
 * Results print as Spark's `show()` table (all rows, untruncated), JSON lines or CSV
 * (`--format`). Errors print their Spark error class and message to stderr; the command then
 * exits with code 1 (the prompt carries on).
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DataFrame } from '../dataframe/dataframe.js';
import { Session } from '../dataframe/session.js';
import { hasCode, splitStatements } from './sql-statements.js';

export type OutputFormat = 'table' | 'json' | 'csv';

export interface SqlOptions {
  readonly conf: Record<string, string>;
  readonly tables: { name: string; path: string }[];
  readonly formatOf: Record<string, string>;
  readonly format: OutputFormat;
  readonly query?: string;
  readonly file?: string;
}

export const SQL_USAGE = `Usage: sluice sql [options] ["SQL; SQL; ..."]

Runs Spark SQL statements and prints their results; without a query, reads statements (ending
with ';') from standard input, with a prompt and history on a terminal.

Options:
  --table NAME=PATH          register a file or folder of data files as table NAME
  --format-of NAME=FORMAT    its format (parquet, json, csv, text); default: from the file extensions
  --format table|json|csv    how results print (default: table)
  -f, --file FILE            run the statements in FILE
  --master MASTER            local, local[n] or local[*] (default local[*])
  --conf KEY=VALUE           a session setting, e.g. spark.sql.shuffle.partitions=4
`;

function keyValue(flag: string, v: string | undefined): [string, string] {
  const eq = v?.indexOf('=') ?? -1;
  if (v === undefined || eq <= 0) throw new Error(`sluice sql: ${flag} expects NAME=VALUE, got '${v ?? ''}'`);
  return [v.slice(0, eq), v.slice(eq + 1)];
}

export function parseSqlArgs(argv: readonly string[]): SqlOptions {
  const conf: Record<string, string> = {};
  const tables: { name: string; path: string }[] = [];
  const formatOf: Record<string, string> = {};
  let format: OutputFormat = 'table';
  let file: string | undefined;
  const queries: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`sluice sql: ${a} needs a value`);
      return v;
    };
    if (a === '--table') {
      const [name, path] = keyValue(a, value());
      tables.push({ name, path });
    } else if (a === '--format-of') {
      const [name, f] = keyValue(a, value());
      formatOf[name] = f.toLowerCase();
    } else if (a === '--format') {
      const f = value();
      if (f !== 'table' && f !== 'json' && f !== 'csv')
        throw new Error(`sluice sql: --format must be table, json or csv, got '${f}'`);
      format = f;
    } else if (a === '-f' || a === '--file') file = value();
    else if (a === '--master') conf['spark.master'] = value();
    else if (a === '--conf' || a === '-c') {
      const [k, v] = keyValue(a, value());
      conf[k] = v;
    } else if (a === '-e') queries.push(value());
    else if (a.startsWith('-') && a !== '-') throw new Error(`sluice sql: unknown option ${a}`);
    else queries.push(a);
  }
  return {
    conf,
    tables,
    formatOf,
    format,
    ...(queries.length ? { query: queries.join(';\n') } : {}),
    ...(file ? { file } : {}),
  };
}

const EXTENSIONS: Record<string, string> = {
  '.parquet': 'parquet',
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
  '.csv': 'csv',
  '.txt': 'text',
  '.text': 'text',
};

/** The format of a data file or folder, from its extension or the first data file inside. */
export function formatFromPath(path: string): string | undefined {
  const direct = EXTENSIONS[extname(path).toLowerCase()];
  if (direct) return direct;
  if (!existsSync(path) || !statSync(path).isDirectory()) return undefined;
  const visit = (dir: string, depth: number): string | undefined => {
    for (const n of readdirSync(dir).sort()) {
      if (n.startsWith('_') || n.startsWith('.')) continue;
      const p = join(dir, n);
      if (statSync(p).isDirectory()) {
        if (depth < 8) {
          const f = visit(p, depth + 1);
          if (f) return f;
        }
      } else {
        const f = EXTENSIONS[extname(n.replace(/\.(gz|bz2|snappy|zst|lz4)$/, '')).toLowerCase()];
        if (f) return f;
      }
    }
    return undefined;
  };
  return visit(path, 0);
}

function csvCell(v: string | null): string {
  if (v === null) return '';
  return /[",\n\r]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Prints a statement's result in the chosen format (nothing for commands without columns). */
export async function printResult(
  df: DataFrame,
  format: OutputFormat,
  out: (s: string) => void,
): Promise<void> {
  if (df.columns.length === 0) return;
  if (format === 'json') {
    for (const line of await df.toJSON()) out(`${line}\n`);
    return;
  }
  if (format === 'csv') {
    const text = df.selectExpr(
      ...df.columns.map((c, i) => `CAST(\`${c.replace(/`/g, '``')}\` AS STRING) AS \`_${i}\``),
    );
    out(`${df.columns.map(csvCell).join(',')}\n`);
    for (const r of await text.collect())
      out(
        `${r
          .toArray()
          .map((v) => csvCell(v as string | null))
          .join(',')}\n`,
      );
    return;
  }
  const n = await df.count();
  out(`${await df.showString(Math.max(n, 1), false)}\n`);
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function sqlCommand(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SQL_USAGE);
    return;
  }
  const opts = parseSqlArgs(argv);
  const builder = Session.builder().appName('sluice-sql');
  for (const [k, v] of Object.entries(opts.conf)) builder.config(k, v);
  const spark = builder.getOrCreate();
  const out = (s: string) => process.stdout.write(s);
  try {
    for (const t of opts.tables) {
      const format = opts.formatOf[t.name] ?? formatFromPath(t.path);
      if (!format)
        throw new Error(
          `sluice sql: cannot tell the format of '${t.path}': use --format-of ${t.name}=parquet|json|csv|text`,
        );
      const reader = spark.read.format(format);
      if (format === 'csv') reader.option('header', 'true').option('inferSchema', 'true');
      reader.load(t.path).createOrReplaceTempView(t.name);
    }
    const script = opts.file ? readFileSync(opts.file, 'utf8') : opts.query;
    if (script !== undefined) {
      const { statements, rest } = splitStatements(script);
      if (hasCode(rest)) statements.push(rest.trim());
      for (const s of statements) await printResult(await spark.sqlAsync(s), opts.format, out);
      return;
    }
    await prompt(spark, opts.format);
  } catch (e) {
    process.stderr.write(`Error: ${describeError(e)}\n`);
    process.exitCode = 1;
  } finally {
    spark.stop();
  }
}

const HISTORY = process.env.SLUICE_SQL_HISTORY ?? join(homedir(), '.sluice_sql_history');

function loadHistory(): string[] {
  try {
    return readFileSync(HISTORY, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 500);
  } catch {
    return [];
  }
}

/** Reads statements until end of input; on a terminal with a prompt and history. */
async function prompt(spark: Session, format: OutputFormat): Promise<void> {
  const interactive = Boolean(process.stdin.isTTY);
  const rl = createInterface({
    input: process.stdin,
    output: interactive ? process.stdout : undefined,
    terminal: interactive,
    ...(interactive ? { history: loadHistory(), historySize: 500 } : {}),
  });
  const primary = 'sluice-sql> ';
  const continuation = '          > ';
  let buffer = '';
  let failed = false;
  if (interactive) {
    rl.setPrompt(primary);
    rl.prompt();
  }
  for await (const line of rl) {
    if (!buffer && /^\s*(quit|exit)\s*;?\s*$/i.test(line)) break;
    buffer += `${line}\n`;
    const { statements, rest } = splitStatements(buffer);
    buffer = hasCode(rest) ? rest : '';
    for (const s of statements) {
      if (interactive) {
        try {
          appendFileSync(HISTORY, `${s.replace(/\n/g, ' ')};\n`);
        } catch {
          // history is best effort
        }
      }
      try {
        await printResult(await spark.sqlAsync(s), format, (x) => process.stdout.write(x));
      } catch (e) {
        failed = true;
        process.stderr.write(`Error: ${describeError(e)}\n`);
      }
    }
    if (interactive) {
      rl.setPrompt(buffer ? continuation : primary);
      rl.prompt();
    }
  }
  rl.close();
  if (hasCode(buffer)) {
    try {
      await printResult(await spark.sqlAsync(buffer.trim()), format, (x) => process.stdout.write(x));
    } catch (e) {
      failed = true;
      process.stderr.write(`Error: ${describeError(e)}\n`);
    }
  }
  if (failed && !interactive) process.exitCode = 1;
}
