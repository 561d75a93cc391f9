/**
 * The jdbc data source's options (Spark's JDBCOptions), case-insensitive as in Spark, validated
 * with Spark's messages. Read: url, dbtable | query, user, password, partitionColumn, lowerBound,
 * upperBound, numPartitions, fetchsize, queryTimeout, sessionInitStatement, prepareQuery,
 * customSchema, pushDownPredicate, preferTimestampNTZ. Write: url, dbtable, batchsize,
 * isolationLevel, truncate, cascadeTruncate, createTableOptions, createTableColumnTypes.
 *
 * Invariant: a bad option fails when the reader/writer is built (load()/save()/start()), never
 * while rows move.
 */
import { SluiceError } from '../../util/errors.js';
import { type ConnectionTarget, parseConnectionUrl } from './jdbc-url.js';

export type IsolationLevel =
  | 'NONE'
  | 'READ_UNCOMMITTED'
  | 'READ_COMMITTED'
  | 'REPEATABLE_READ'
  | 'SERIALIZABLE';

/** Options looked up case-insensitively (Spark's CaseInsensitiveMap). */
export class JdbcOptionMap {
  private readonly map = new Map<string, string>();
  constructor(readonly original: Readonly<Record<string, string>>) {
    for (const [k, v] of Object.entries(original)) this.map.set(k.toLowerCase(), v);
  }
  get(key: string): string | undefined {
    return this.map.get(key.toLowerCase());
  }
  has(key: string): boolean {
    return this.map.has(key.toLowerCase());
  }
}

export function illegalArgument(message: string, errorClass = 'ILLEGAL_ARGUMENT'): SluiceError {
  return new SluiceError(errorClass, message);
}

function requireThat(cond: boolean, message: string): void {
  if (!cond) throw illegalArgument(`requirement failed: ${message}`);
}

function intOption(o: JdbcOptionMap, key: string, dflt: number, min: number): number {
  const raw = o.get(key);
  if (raw === undefined) return dflt;
  const n = Number(raw.trim());
  if (!Number.isInteger(n))
    throw illegalArgument(`Invalid value \`${raw}\` for parameter \`${key}\`: not an integer.`);
  requireThat(n >= min, `Invalid value \`${raw}\` for parameter \`${key}\`. The minimum value is ${min}.`);
  return n;
}

function boolOption(o: JdbcOptionMap, key: string, dflt: boolean): boolean {
  const raw = o.get(key);
  if (raw === undefined) return dflt;
  const v = raw.trim().toLowerCase();
  if (v !== 'true' && v !== 'false') {
    throw illegalArgument(`Invalid value \`${raw}\` for parameter \`${key}\`: expected true or false.`);
  }
  return v === 'true';
}

/** What every use of the connector needs: where to connect and what to run first. */
export interface JdbcConnectionOptions {
  readonly url: string;
  readonly target: ConnectionTarget;
  readonly sessionInitStatement: string | undefined;
  /** Seconds; 0 = no limit. */
  readonly queryTimeout: number;
}

export interface JdbcReadOptions extends JdbcConnectionOptions {
  /** What goes after FROM: the table name, or `(query) SPARK_GEN_SUBQ_n`. */
  readonly tableExpression: string;
  readonly isQuery: boolean;
  readonly partitioning:
    | {
        readonly column: string;
        readonly lowerBound: string;
        readonly upperBound: string;
        readonly numPartitions: number;
      }
    | undefined;
  readonly fetchSize: number;
  readonly prepareQuery: string;
  readonly customSchema: string | undefined;
  readonly pushDownPredicate: boolean;
  readonly preferTimestampNTZ: boolean;
}

export interface JdbcWriteOptions extends JdbcConnectionOptions {
  readonly table: string;
  readonly batchSize: number;
  readonly isolationLevel: IsolationLevel;
  readonly truncate: boolean;
  readonly cascadeTruncate: boolean;
  readonly createTableOptions: string;
  readonly createTableColumnTypes: string | undefined;
  /** Sluice extension: 'copy' (COPY FROM STDIN, the default on PostgreSQL) or 'insert' (multi-row INSERTs). */
  readonly writeMethod: 'copy' | 'insert';
}

let subqueryCounter = 0;

function connectionOptions(o: JdbcOptionMap): JdbcConnectionOptions {
  const url = o.get('url');
  requireThat(url !== undefined, "Option 'url' is required.");
  return {
    url: url!,
    target: parseConnectionUrl(url!, { user: o.get('user'), password: o.get('password') }),
    sessionInitStatement: o.get('sessionInitStatement'),
    queryTimeout: intOption(o, 'queryTimeout', 0, 0),
  };
}

export function parseReadOptions(options: Readonly<Record<string, string>>): JdbcReadOptions {
  const o = new JdbcOptionMap(options);
  const conn = connectionOptions(o);
  const dbtable = o.get('dbtable');
  const query = o.get('query');
  if (dbtable !== undefined && query !== undefined) {
    throw illegalArgument(
      "Both 'dbtable' and 'query' can not be specified at the same time.",
      '_LEGACY_ERROR_TEMP_2078',
    );
  }
  if (dbtable === undefined && query === undefined) {
    throw illegalArgument("Option 'dbtable' or 'query' is required.", '_LEGACY_ERROR_TEMP_2079');
  }
  if (query !== undefined && query.trim() === '') {
    throw illegalArgument('Option `query` can not be empty.', '_LEGACY_ERROR_TEMP_2080');
  }
  const partitionColumn = o.get('partitionColumn');
  const lowerBound = o.get('lowerBound');
  const upperBound = o.get('upperBound');
  const numPartitions = o.get('numPartitions');
  if (query !== undefined && partitionColumn !== undefined) {
    throw illegalArgument(
      'requirement failed: Options \'query\' and \'partitionColumn\' can not be specified together. Please define the query using `dbtable` option instead and make sure to qualify the partition columns using the supplied subquery alias to resolve any ambiguity. Example : spark.read.format("jdbc").option("url", jdbcUrl).option("dbtable", "(select c1, c2 from t1) as subq").option("partitionColumn", "c1").option("lowerBound", "1").option("upperBound", "100").option("numPartitions", "3").load()',
    );
  }
  const given = [partitionColumn, lowerBound, upperBound].filter((x) => x !== undefined).length;
  requireThat(
    given === 0 || (given === 3 && numPartitions !== undefined),
    "When reading JDBC data sources, users need to specify all or none for the following options: 'partitionColumn', 'lowerBound', 'upperBound', and 'numPartitions'",
  );
  const n = intOption(o, 'numPartitions', 1, Number.MIN_SAFE_INTEGER);
  const tableExpression =
    query !== undefined ? `(${query}) SPARK_GEN_SUBQ_${subqueryCounter++}` : dbtable!.trim();
  return {
    ...conn,
    tableExpression,
    isQuery: query !== undefined,
    partitioning:
      given === 3
        ? { column: partitionColumn!, lowerBound: lowerBound!, upperBound: upperBound!, numPartitions: n }
        : undefined,
    fetchSize: Math.max(0, intOption(o, 'fetchsize', 0, Number.MIN_SAFE_INTEGER)),
    prepareQuery: o.get('prepareQuery') ?? '',
    customSchema: o.get('customSchema'),
    pushDownPredicate: boolOption(o, 'pushDownPredicate', true),
    preferTimestampNTZ: boolOption(o, 'preferTimestampNTZ', false),
  };
}

const ISOLATION_LEVELS: readonly IsolationLevel[] = [
  'NONE',
  'READ_UNCOMMITTED',
  'READ_COMMITTED',
  'REPEATABLE_READ',
  'SERIALIZABLE',
];

export function parseWriteOptions(options: Readonly<Record<string, string>>): JdbcWriteOptions {
  const o = new JdbcOptionMap(options);
  const conn = connectionOptions(o);
  const dbtable = o.get('dbtable');
  requireThat(
    dbtable !== undefined,
    "Option 'dbtable' is required. Option 'query' is not applicable while writing.",
  );
  const iso = (o.get('isolationLevel') ?? 'READ_UNCOMMITTED').trim();
  if (!ISOLATION_LEVELS.includes(iso as IsolationLevel)) {
    throw illegalArgument(
      `Invalid value \`${iso}\` for parameter \`isolationLevel\`. This can be \`NONE\`, \`READ_UNCOMMITTED\`, \`READ_COMMITTED\`, \`REPEATABLE_READ\` or \`SERIALIZABLE\`.`,
      '_LEGACY_ERROR_TEMP_2081',
    );
  }
  const method = (
    o.get('writeMethod') ?? (conn.target.kind === 'postgres' ? 'copy' : 'insert')
  ).toLowerCase();
  if (method !== 'copy' && method !== 'insert') {
    throw illegalArgument(
      `Invalid value \`${method}\` for parameter \`writeMethod\`: expected copy or insert.`,
    );
  }
  return {
    ...conn,
    table: dbtable!.trim(),
    batchSize: intOption(o, 'batchsize', 1000, 1),
    isolationLevel: iso as IsolationLevel,
    truncate: boolOption(o, 'truncate', false),
    cascadeTruncate: boolOption(o, 'cascadeTruncate', false),
    createTableOptions: o.get('createTableOptions') ?? '',
    createTableColumnTypes: o.get('createTableColumnTypes'),
    writeMethod: method === 'copy' && conn.target.kind === 'postgres' ? 'copy' : 'insert',
  };
}
