/**
 * `spark.readStream`: builds a streaming DataFrame over a source format (`socket`, `rate`,
 * `rate-micro-batch`, files: `text`/`json`/`csv`/`parquet`, `kafka`, `memory`). The source's
 * schema is validated here, at load(), so a bad option fails before the query starts.
 */
import { attributeReference } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { lookupSourceProvider } from '../streaming/source.js';
import type { StructType } from '../types/data-type.js';
import { toDataType } from '../types/ddl.js';
import { DataFrame } from './dataframe.js';
import type { Session } from './session.js';

export class DataStreamReader {
  private fmt = 'parquet';
  private readonly opts: Record<string, string> = {};
  private userSchema?: StructType;

  constructor(private readonly session: Session) {}

  format(source: string): this {
    this.fmt = source;
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
  load(path?: string): DataFrame {
    const provider = lookupSourceProvider(this.fmt);
    const paths = path === undefined ? [] : [path];
    const ctx = {
      session: this.session,
      options: this.opts,
      paths,
      ...(this.userSchema ? { schema: this.userSchema } : {}),
    };
    const schema = provider.sourceSchema(ctx);
    const sourceRef = provider.sourceRef?.(ctx);
    const plan: LogicalPlan = {
      kind: 'streamingRelation',
      format: provider.format,
      options: { ...this.opts },
      paths,
      output: schema.fields.map((f) => attributeReference(f.name, f.dataType, f.nullable)),
      ...(sourceRef !== undefined ? { sourceRef } : {}),
    };
    return new DataFrame(this.session, this.session.analyze(plan));
  }
  text(path: string): DataFrame {
    return this.format('text').load(path);
  }
  json(path: string): DataFrame {
    return this.format('json').load(path);
  }
  csv(path: string): DataFrame {
    return this.format('csv').load(path);
  }
  parquet(path: string): DataFrame {
    return this.format('parquet').load(path);
  }
}
