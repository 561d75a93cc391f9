/**
 * `spark.read`: the batch reader builder. This first cut reads `text` files (one `value` row per
 * line, gzip by extension); the file-format connectors replace the eager read with scans.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { attributeReference } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { StringType, type StructType } from '../types/data-type.js';
import { toDataType } from '../types/ddl.js';
import { AnalysisException } from '../util/errors.js';
import { DataFrame } from './dataframe.js';
import type { Session } from './session.js';

function listFiles(path: string): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new AnalysisException('PATH_NOT_FOUND', `Path does not exist: file:${path}.`);
  }
  if (st.isFile()) return [path];
  return readdirSync(path)
    .filter((n) => !n.startsWith('_') && !n.startsWith('.'))
    .sort()
    .flatMap((n) => listFiles(join(path, n)));
}

export class DataFrameReader {
  private fmt = 'parquet';
  private readonly opts: Record<string, string> = {};
  private userSchema?: StructType;

  constructor(private readonly session: Session) {}

  format(source: string): this {
    this.fmt = source.toLowerCase();
    return this;
  }
  schema(schema: StructType | string): this {
    this.userSchema = toDataType(schema) as StructType;
    return this;
  }
  option(key: string, value: string | number | boolean): this {
    this.opts[key] = String(value);
    return this;
  }
  options(opts: Record<string, string | number | boolean>): this {
    for (const [k, v] of Object.entries(opts)) this.option(k, v);
    return this;
  }
  load(...paths: string[]): DataFrame {
    if (this.fmt !== 'text') {
      throw new AnalysisException(
        'UNSUPPORTED_DATASOURCE',
        `Batch format '${this.fmt}' is not available yet; 'text' is.`,
      );
    }
    return this.text(...paths);
  }
  /** One row per line in a `value` string column. */
  text(...paths: string[]): DataFrame {
    const lines: unknown[][] = [];
    const whole = this.opts.wholetext === 'true';
    for (const p of paths.flatMap(listFiles)) {
      let buf = readFileSync(p);
      if (p.endsWith('.gz')) buf = gunzipSync(buf);
      const content = buf.toString('utf8');
      if (whole) {
        lines.push([content]);
        continue;
      }
      const parts = content.split(/\r?\n/);
      if (parts[parts.length - 1] === '') parts.pop();
      for (const l of parts) lines.push([l]);
    }
    const plan: LogicalPlan = {
      kind: 'localRelation',
      output: [attributeReference('value', StringType, true)],
      rows: lines,
      numPartitions: Math.max(1, Math.min(this.session.parallelism, lines.length)),
    };
    return new DataFrame(this.session, this.session.analyze(plan));
  }
}
