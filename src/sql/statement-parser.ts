/**
 * Statements: a query, or a command → `{ kind: 'command', name, args }`. Object names are
 * multipart (`string[]`, `db.t` → ['db', 't']). The args of each command:
 *
 * - createView   { name, replace, temporary, global, ifNotExists, columns?: {name, comment?}[],
 *                  comment?, properties, query: LogicalPlan, sqlText }      CREATE [OR REPLACE] [[GLOBAL] TEMP] VIEW
 * - createTable  { name, replace, external, ifNotExists, schema?: StructType, provider?, options,
 *                  partitionBy: string[], location?, comment?, properties, query?: LogicalPlan }
 * - createTableLike { name, source, ifNotExists, provider?, location? }
 * - createDatabase { name, ifNotExists, comment?, location?, properties }
 * - dropView / dropTable { name, ifExists, purge? }    dropDatabase { name, ifExists, cascade }
 * - showTables / showViews { database?, pattern? }     showDatabases { pattern? }
 * - showColumns  { name, database? }                   showFunctions { scope: 'all'|'user'|'system', database?, pattern? }
 * - showCreateTable / showPartitions { name }
 * - describe     { name, extended, formatted, partition?, column? } or { query, extended: false, formatted: false }
 * - describeFunction / describeDatabase { name, extended }
 * - explain      { mode: 'simple'|'extended'|'formatted'|'codegen'|'cost', statement: LogicalPlan }
 * - set          {} (list) | { verbose: true } (SET -v) | { key } | { key, value }   (SET TIME ZONE → key spark.sql.session.timeZone)
 * - reset        { key? }
 * - cacheTable   { name, lazy, options, query? }       uncacheTable { name, ifExists }     clearCache {}
 * - msckRepair   { name, mode: 'add'|'drop'|'sync' }   refreshTable { name }   refreshResource { path }
 * - insertInto   { name, overwrite, partition?: {name, value: string|null}[], ifNotExists, columns?, byName, query }
 * - truncateTable { name, partition? }                 useDatabase { name }
 *
 * `options` / `properties` are `Record<string, string>` (keys as written, values as text).
 */
import type { LogicalPlan } from '../plan/logical-plan.js';
import { type StructField, structField, structType } from '../types/data-type.js';
import { ParseException } from '../util/errors.js';
import { parseColumnList, parseTypeAt } from './data-type-parser.js';
import { parseQuery, startsQuery } from './query-parser.js';
import {
  parsePartitionSpec,
  parsePropertyList,
  parseSet,
  restOfStatement,
  stringValue,
} from './statement-clauses.js';
import { lineAndPos, type TokenStream } from './token-stream.js';

type Args = Record<string, unknown>;
const command = (name: string, args: Args): LogicalPlan => ({ kind: 'command', name, args });

const UNSUPPORTED_STATEMENTS = new Set([
  'ALTER',
  'ANALYZE',
  'ADD',
  'LIST',
  'LOAD',
  'MERGE',
  'UPDATE',
  'DELETE',
  'COMMENT',
  'GRANT',
  'REVOKE',
  'LOCK',
  'UNLOCK',
  'EXPORT',
  'IMPORT',
  'DECLARE',
  'EXECUTE',
  'CALL',
]);

export function parseStatementAt(p: TokenStream): LogicalPlan {
  if (startsQuery(p, 0)) return parseQuery(p);
  const t = p.peek();
  switch (t.kind === 'word' ? t.value : '') {
    case 'CREATE':
      return parseCreate(p);
    case 'REPLACE':
      if (p.isWord('TABLE', 1)) return parseCreate(p);
      break;
    case 'DROP':
      return parseDrop(p);
    case 'SHOW':
      return parseShow(p);
    case 'DESC':
    case 'DESCRIBE':
      return parseDescribe(p);
    case 'EXPLAIN': {
      p.next();
      const mode = p.atWord('EXTENDED', 'FORMATTED', 'CODEGEN', 'COST')
        ? p.next().value.toLowerCase()
        : 'simple';
      return command('explain', { mode, statement: parseStatementAt(p) });
    }
    case 'SET':
      return parseSet(p);
    case 'RESET': {
      p.next();
      const rest = restOfStatement(p);
      return command('reset', rest ? { key: rest.replace(/^`(.*)`$/, '$1') } : {});
    }
    case 'CACHE': {
      p.next();
      const lazy = p.acceptWord('LAZY');
      p.expectWord('TABLE');
      const name = p.multipartIdentifier();
      const options = p.acceptWord('OPTIONS') ? parsePropertyList(p) : {};
      p.acceptWord('AS');
      return command(
        'cacheTable',
        startsQuery(p, 0) ? { name, lazy, options, query: parseQuery(p) } : { name, lazy, options },
      );
    }
    case 'UNCACHE': {
      p.next();
      p.expectWord('TABLE');
      const ifExists = p.acceptWords('IF', 'EXISTS');
      return command('uncacheTable', { name: p.multipartIdentifier(), ifExists });
    }
    case 'CLEAR':
      p.next();
      p.expectWord('CACHE');
      return command('clearCache', {});
    case 'MSCK': {
      p.next();
      p.expectWord('REPAIR');
      p.expectWord('TABLE');
      const name = p.multipartIdentifier();
      let mode = 'add';
      if (p.atWord('ADD', 'DROP', 'SYNC')) {
        mode = p.next().value.toLowerCase();
        p.expectWord('PARTITIONS');
      }
      return command('msckRepair', { name, mode });
    }
    case 'REFRESH':
      p.next();
      if (p.acceptWord('TABLE')) return command('refreshTable', { name: p.multipartIdentifier() });
      return command('refreshResource', {
        path: p.peek().kind === 'string' ? p.next().value : restOfStatement(p),
      });
    case 'INSERT':
      return parseInsert(p);
    case 'TRUNCATE': {
      p.next();
      p.expectWord('TABLE');
      const name = p.multipartIdentifier();
      return command(
        'truncateTable',
        p.isWord('PARTITION') ? { name, partition: parsePartitionSpec(p) } : { name },
      );
    }
    case 'USE':
      p.next();
      if (p.atWord('DATABASE', 'NAMESPACE', 'SCHEMA') && p.isIdentifier(1)) p.next();
      return command('useDatabase', { name: p.multipartIdentifier() });
    default:
      break;
  }
  if (t.kind === 'word' && UNSUPPORTED_STATEMENTS.has(t.value)) {
    throw new ParseException('UNSUPPORTED_FEATURE', `The feature is not supported: ${t.value} statements.`);
  }
  return p.fail();
}

export function emptyStatement(p: TokenStream): ParseException {
  const eof = p.tokens[p.tokens.length - 1]!;
  return new ParseException('PARSE_EMPTY_STATEMENT', 'Syntax error, unexpected empty statement.', {
    ...lineAndPos(p.text, eof.start),
    offset: eof.start,
  });
}

function parseCreate(p: TokenStream): LogicalPlan {
  let replace = false;
  if (p.acceptWord('REPLACE')) replace = true;
  else {
    p.expectWord('CREATE');
    replace = p.acceptWords('OR', 'REPLACE');
  }
  const global = p.acceptWord('GLOBAL');
  const temporary = p.acceptWord('TEMPORARY') || p.acceptWord('TEMP');
  if (p.acceptWord('VIEW')) return parseCreateView(p, replace, temporary, global);
  if (!global && !temporary && p.atWord('DATABASE', 'SCHEMA', 'NAMESPACE')) {
    p.next();
    const ifNotExists = p.acceptWords('IF', 'NOT', 'EXISTS');
    const name = p.multipartIdentifier();
    const args: Args = { name, ifNotExists, properties: {} };
    for (;;) {
      if (p.acceptWord('COMMENT')) args.comment = stringValue(p);
      else if (p.acceptWord('LOCATION')) args.location = stringValue(p);
      else if (p.acceptWords('WITH', 'DBPROPERTIES') || p.acceptWords('WITH', 'PROPERTIES'))
        args.properties = parsePropertyList(p);
      else break;
    }
    return command('createDatabase', args);
  }
  const external = !global && !temporary && p.acceptWord('EXTERNAL');
  if (global || temporary) p.expectWord('VIEW');
  p.expectWord('TABLE');
  const ifNotExists = p.acceptWords('IF', 'NOT', 'EXISTS');
  const name = p.multipartIdentifier();
  if (p.acceptWord('LIKE')) {
    const args: Args = { name, source: p.multipartIdentifier(), ifNotExists };
    if (p.acceptWord('USING')) args.provider = p.identifier();
    if (p.acceptWord('LOCATION')) args.location = stringValue(p);
    return command('createTableLike', args);
  }
  let fields: StructField[] | undefined =
    p.isOp('(') && !startsQuery(p, 0) ? [...parseColumnList(p).fields] : undefined;
  const args: Args = { name, replace, external, ifNotExists, options: {}, partitionBy: [], properties: {} };
  for (;;) {
    if (p.acceptWord('USING')) args.provider = p.identifier();
    else if (p.acceptWords('STORED', 'AS')) args.provider = p.identifier().toLowerCase();
    else if (p.acceptWord('OPTIONS')) args.options = parsePropertyList(p);
    else if (p.acceptWords('PARTITIONED', 'BY')) {
      const { names, typed } = parsePartitionColumns(p);
      args.partitionBy = names;
      if (typed.length) fields = [...(fields ?? []), ...typed];
    } else if (p.acceptWord('LOCATION')) args.location = stringValue(p);
    else if (p.acceptWord('COMMENT')) args.comment = stringValue(p);
    else if (p.acceptWord('TBLPROPERTIES')) args.properties = parsePropertyList(p);
    else break;
  }
  if (fields) args.schema = structType(fields);
  p.acceptWord('AS');
  if (startsQuery(p, 0)) args.query = parseQuery(p);
  return command('createTable', args);
}

function parseCreateView(p: TokenStream, replace: boolean, temporary: boolean, global: boolean): LogicalPlan {
  const ifNotExists = p.acceptWords('IF', 'NOT', 'EXISTS');
  const name = p.multipartIdentifier();
  const args: Args = { name, replace, temporary, global, ifNotExists, properties: {} };
  if (p.acceptOp('(')) {
    const columns: { name: string; comment?: string }[] = [];
    do {
      const col = p.identifier();
      columns.push(p.acceptWord('COMMENT') ? { name: col, comment: stringValue(p) } : { name: col });
    } while (p.acceptOp(','));
    p.expectOp(')');
    args.columns = columns;
  }
  for (;;) {
    if (p.acceptWord('COMMENT')) args.comment = stringValue(p);
    else if (p.acceptWord('TBLPROPERTIES')) args.properties = parsePropertyList(p);
    else break;
  }
  p.expectWord('AS');
  const start = p.index;
  args.query = parseQuery(p);
  args.sqlText = p.textFrom(start);
  return command('createView', args);
}

function parsePartitionColumns(p: TokenStream): { names: string[]; typed: StructField[] } {
  p.expectOp('(');
  const names: string[] = [];
  const typed: StructField[] = [];
  do {
    const n = p.identifier();
    names.push(n);
    if (!p.isOp(',') && !p.isOp(')')) typed.push(structField(n, parseTypeAt(p), true));
  } while (p.acceptOp(','));
  p.expectOp(')');
  return { names, typed };
}

function parseDrop(p: TokenStream): LogicalPlan {
  p.expectWord('DROP');
  if (p.atWord('DATABASE', 'SCHEMA', 'NAMESPACE')) {
    p.next();
    const ifExists = p.acceptWords('IF', 'EXISTS');
    const name = p.multipartIdentifier();
    const cascade = p.acceptWord('CASCADE');
    if (!cascade) p.acceptWord('RESTRICT');
    return command('dropDatabase', { name, ifExists, cascade });
  }
  const kind = p.acceptWord('VIEW') ? 'dropView' : 'dropTable';
  if (kind === 'dropTable') p.expectWord('TABLE');
  const ifExists = p.acceptWords('IF', 'EXISTS');
  const name = p.multipartIdentifier();
  if (kind === 'dropTable') return command(kind, { name, ifExists, purge: p.acceptWord('PURGE') });
  return command(kind, { name, ifExists });
}

function parseShow(p: TokenStream): LogicalPlan {
  p.expectWord('SHOW');
  const inDatabase = (args: Args): Args => {
    if (p.acceptWord('FROM') || p.acceptWord('IN')) args.database = p.multipartIdentifier();
    return args;
  };
  const pattern = (args: Args, allowIdentifier = false): Args => {
    p.acceptWord('LIKE');
    if (p.peek().kind === 'string') args.pattern = p.next().value;
    else if (allowIdentifier && p.isIdentifier()) args.pattern = p.multipartIdentifier().join('.');
    return args;
  };
  if (p.acceptWord('TABLES')) return command('showTables', pattern(inDatabase({})));
  if (p.acceptWord('VIEWS')) return command('showViews', pattern(inDatabase({})));
  if (p.atWord('DATABASES', 'SCHEMAS', 'NAMESPACES')) {
    p.next();
    inDatabase({});
    return command('showDatabases', pattern({}));
  }
  if (p.acceptWord('COLUMNS')) {
    if (!p.acceptWord('FROM')) p.expectWord('IN');
    return command('showColumns', inDatabase({ name: p.multipartIdentifier() }));
  }
  if (p.acceptWords('CREATE', 'TABLE')) return command('showCreateTable', { name: p.multipartIdentifier() });
  if (p.acceptWord('PARTITIONS')) return command('showPartitions', { name: p.multipartIdentifier() });
  let scope = 'all';
  if (p.atWord('USER', 'SYSTEM', 'ALL') && p.isWord('FUNCTIONS', 1)) scope = p.next().value.toLowerCase();
  p.expectWord('FUNCTIONS');
  return command('showFunctions', pattern(inDatabase({ scope }), true));
}

function parseDescribe(p: TokenStream): LogicalPlan {
  p.next();
  if (p.acceptWord('QUERY') || (startsQuery(p, 0) && !p.isWord('TABLE'))) {
    return command('describe', { query: parseQuery(p), extended: false, formatted: false });
  }
  if (p.acceptWord('FUNCTION')) {
    const extended = p.acceptWord('EXTENDED');
    return command('describeFunction', { name: p.multipartIdentifier(), extended });
  }
  if (p.atWord('DATABASE', 'SCHEMA', 'NAMESPACE') && (p.isIdentifier(1) || p.isWord('EXTENDED', 1))) {
    p.next();
    const extended = p.acceptWord('EXTENDED');
    return command('describeDatabase', { name: p.multipartIdentifier(), extended });
  }
  let extended = false;
  let formatted = false;
  // Spark writes DESCRIBE TABLE EXTENDED t; DESCRIBE EXTENDED TABLE t is accepted too
  for (let i = 0; i < 2; i++) {
    if (p.isWord('TABLE') && p.isIdentifier(1)) p.next();
    if (p.atWord('EXTENDED', 'FORMATTED') && p.isIdentifier(1)) {
      extended = p.next().value === 'EXTENDED';
      formatted = !extended;
    }
  }
  const args: Args = { name: p.multipartIdentifier(), extended, formatted };
  if (p.isWord('PARTITION') && p.isOp('(', 1)) args.partition = parsePartitionSpec(p);
  if (p.isIdentifier()) args.column = p.multipartIdentifier();
  return command('describe', args);
}

function parseInsert(p: TokenStream): LogicalPlan {
  p.expectWord('INSERT');
  const overwrite = p.acceptWord('OVERWRITE');
  if (!overwrite) p.expectWord('INTO');
  p.acceptWord('TABLE');
  const args: Args = { name: p.multipartIdentifier(), overwrite, ifNotExists: false, byName: false };
  if (p.isWord('PARTITION') && p.isOp('(', 1)) args.partition = parsePartitionSpec(p);
  args.ifNotExists = p.acceptWords('IF', 'NOT', 'EXISTS');
  if (p.acceptWords('BY', 'NAME')) args.byName = true;
  else if (p.isOp('(') && !startsQuery(p, 0)) args.columns = p.identifierList();
  args.query = parseQuery(p);
  return command('insertInto', args);
}
