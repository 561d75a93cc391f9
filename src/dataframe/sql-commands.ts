/**
 * SQL statements that are not queries: views (CREATE [OR REPLACE] [GLOBAL] TEMP VIEW, DROP VIEW),
 * tables over folders (see sql-table-commands.ts), SHOW TABLES / VIEWS / COLUMNS / FUNCTIONS /
 * DATABASES / PARTITIONS, DESCRIBE, EXPLAIN, SET / RESET, CACHE / UNCACHE TABLE, CLEAR CACHE.
 * Each runs when `spark.sql` is called (as Spark runs commands eagerly) and returns a DataFrame of
 * its result rows with Spark's column names.
 */
import { rmSync } from 'node:fs';
import { alias, attributeReference } from '../expr/expression.js';
import { allFunctionNames } from '../expr/function-registry.js';
import { GLOBAL_TEMP_DATABASE } from '../plan/catalog.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { BooleanType, StringType } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import { DataFrame } from './dataframe.js';
import type { Session } from './session.js';
import {
  createTable,
  describe,
  msckRepair,
  refreshTable,
  showCreateTable,
  showPartitions,
} from './sql-table-commands.js';

type Args = Record<string, any>;

const BOOLEAN_COLUMNS = new Set(['isTemporary']);

function result(session: Session, names: readonly string[], rows: readonly unknown[][]): DataFrame {
  const output = names.map((n) =>
    attributeReference(n, BOOLEAN_COLUMNS.has(n) ? BooleanType : StringType, true),
  );
  return new DataFrame(
    session,
    session.analyze({ kind: 'localRelation', output, rows: rows.map((r) => [...r]), numPartitions: 1 }),
  );
}

const EMPTY = (session: Session) => result(session, [], []);

function lastPart(name: unknown): string {
  return Array.isArray(name) ? String(name[name.length - 1]) : String(name);
}

/** Spark's SHOW … LIKE pattern: `*` any characters, `|` alternatives, case-insensitive. */
function likePattern(pattern: string | undefined): (s: string) => boolean {
  if (pattern === undefined) return () => true;
  const alts = pattern.split('|').map((p) =>
    p
      .trim()
      .replace(/[.+?^${}()[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*'),
  );
  const re = new RegExp(`^(?:${alts.join('|')})$`, 'i');
  return (s) => re.test(s);
}

/** Operators Spark lists by their symbols in SHOW FUNCTIONS. */
const OPERATOR_SYMBOLS: Record<string, readonly string[]> = {
  add: ['+'],
  subtract: ['-'],
  multiply: ['*'],
  divide: ['/'],
  remainder: ['%'],
  equal_to: ['=', '=='],
  equal_null_safe: ['<=>'],
  less_than: ['<'],
  less_than_or_equal: ['<='],
  greater_than: ['>'],
  greater_than_or_equal: ['>='],
  bitwise_and: ['&'],
  bitwise_or: ['|'],
  bitwise_xor: ['^'],
  bitwise_not: ['~'],
  concat: ['||', 'concat'],
  not: ['!', 'not'],
  __shiftleft_op: ['<<'],
  __shiftright_op: ['>>'],
  __shiftrightunsigned_op: ['>>>'],
};
const HIDDEN = new Set([
  'negative',
  'positive',
  'case_when',
  'likeany',
  'likeall',
  'notlikeany',
  'notlikeall',
]);

function functionNames(): string[] {
  const names = new Set<string>(['!=', '<>']);
  for (const n of allFunctionNames()) {
    const symbols = OPERATOR_SYMBOLS[n];
    if (symbols) for (const s of symbols) names.add(s);
    else if (!n.startsWith('__') && !HIDDEN.has(n)) names.add(n);
  }
  return [...names].sort();
}

function createView(session: Session, a: Args): DataFrame {
  const name = lastPart(a.name);
  const global = Boolean(a.global);
  if (
    a.ifNotExists &&
    session.catalogInternal.lookupEntry(global ? [GLOBAL_TEMP_DATABASE, name] : [name])?.isTemporary
  )
    return EMPTY(session);
  let plan = session.analyze(a.query as LogicalPlan);
  if (a.columns) {
    const cols = a.columns as { name: string }[];
    const out = outputOf(plan);
    if (cols.length !== out.length) {
      throw new AnalysisException(
        cols.length > out.length
          ? 'CREATE_VIEW_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS'
          : 'CREATE_VIEW_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS',
        `Cannot create view \`${name}\`, the reason is ${cols.length > out.length ? 'not enough data columns' : 'too many data columns'}: View columns: ${cols.map((c) => c.name).join(', ')}. Data columns: ${out.map((x) => x.name).join(', ')}.`,
      );
    }
    plan = session.analyze({
      kind: 'project',
      child: plan,
      projectList: out.map((x, i) => alias(x, cols[i]!.name)),
    });
  }
  session.catalogInternal.registerView(name, plan, Boolean(a.replace), global, a.sqlText);
  return EMPTY(session);
}

function dropObject(session: Session, a: Args, kind: 'view' | 'table'): DataFrame {
  const parts = (Array.isArray(a.name) ? a.name : [a.name]) as string[];
  const entry = kind === 'table' ? session.catalogInternal.lookupEntry(parts) : undefined;
  const dropped = session.catalogInternal.dropEntry(parts, kind);
  // a managed table owns its folder (an external one only points at it)
  if (dropped && entry?.table && !entry.table.external)
    rmSync(entry.table.location, { recursive: true, force: true });
  if (!dropped && !a.ifExists) {
    const shown = parts.length === 1 ? ['spark_catalog', 'default', parts[0]!] : parts;
    throw new AnalysisException(
      'TABLE_OR_VIEW_NOT_FOUND',
      `The table or view ${shown.map((n) => `\`${n}\``).join('.')} cannot be found. Verify the spelling and correctness of the schema and catalog.`,
    );
  }
  return EMPTY(session);
}

let nextCommandCacheId = 1_000_000;

function cacheTable(session: Session, a: Args): DataFrame {
  const name = lastPart(a.name);
  if (a.query)
    session.catalogInternal.registerView(name, session.analyze(a.query as LogicalPlan), true, false);
  const entry = session.catalogInternal.lookupEntry(a.name);
  if (!entry) session.table((a.name as string[]).join('.'));
  if (!entry || entry.plan.kind === 'cached') return EMPTY(session);
  const plan = session.analyze({ kind: 'cached', child: entry.plan, cacheId: nextCommandCacheId++ });
  replacePlan(session, entry, plan);
  return EMPTY(session);
}

function uncacheTable(session: Session, a: Args): DataFrame {
  const entry = session.catalogInternal.lookupEntry(a.name);
  if (!entry) {
    if (a.ifExists) return EMPTY(session);
    session.table((a.name as string[]).join('.'));
    return EMPTY(session);
  }
  uncache(session, entry);
  return EMPTY(session);
}

function uncache(
  session: Session,
  entry: { name: string; plan: LogicalPlan; table?: unknown; database: string },
): void {
  if (entry.plan.kind !== 'cached') return;
  session.dropCache(entry.plan.cacheId);
  replacePlan(session, entry, entry.plan.child);
}

function replacePlan(
  session: Session,
  entry: { name: string; table?: unknown; database: string },
  plan: LogicalPlan,
): void {
  if (entry.table) session.catalogInternal.updateTable(entry.name, { plan });
  else session.catalogInternal.registerView(entry.name, plan, true, entry.database === GLOBAL_TEMP_DATABASE);
}

/** Each session's settings before its first SQL SET: what RESET returns to. */
const initialConf = new WeakMap<Session, Record<string, string>>();

function setCommand(session: Session, a: Args): DataFrame {
  if (a.verbose) {
    return result(
      session,
      ['key', 'value', 'meaning', 'Since version'],
      Object.entries(session.conf.getAll())
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, v, '', '']),
    );
  }
  if (a.key === undefined) {
    return result(
      session,
      ['key', 'value'],
      Object.entries(session.conf.getAll()).sort(([x], [y]) => x.localeCompare(y)),
    );
  }
  const key = String(a.key);
  if (a.value !== undefined) {
    if (!initialConf.has(session)) initialConf.set(session, session.conf.getAll());
    session.conf.set(key, String(a.value));
  }
  return result(session, ['key', 'value'], [[key, session.conf.get(key) ?? '<undefined>']]);
}

export function runSqlCommand(session: Session, cmd: Extract<LogicalPlan, { kind: 'command' }>): DataFrame {
  const a = cmd.args as Args;
  const catalog = session.catalogInternal;
  switch (cmd.name) {
    case 'createView':
      return createView(session, a);
    case 'dropView':
      return dropObject(session, a, 'view');
    case 'dropTable':
      return dropObject(session, a, 'table');
    case 'createTable':
      createTable(session, a);
      return EMPTY(session);
    case 'msckRepair':
      msckRepair(session, a);
      return EMPTY(session);
    case 'refreshTable':
      refreshTable(session, a);
      return EMPTY(session);
    case 'showCreateTable':
      return result(session, ['createtab_stmt'], [[showCreateTable(session, a)]]);
    case 'showPartitions':
      return result(session, ['partition'], showPartitions(session, a));
    case 'showTables': {
      const match = likePattern(a.pattern);
      const db = a.database ? lastPart(a.database) : undefined;
      return result(
        session,
        ['namespace', 'tableName', 'isTemporary'],
        catalog
          .list(db)
          .filter((e) => match(e.name))
          .map((e) => [e.database, e.name, e.isTemporary]),
      );
    }
    case 'showViews': {
      const match = likePattern(a.pattern);
      const db = a.database ? lastPart(a.database) : undefined;
      return result(
        session,
        ['namespace', 'viewName', 'isTemporary'],
        catalog
          .list(db)
          .filter((e) => !e.table && match(e.name))
          .map((e) => [e.database, e.name, e.isTemporary]),
      );
    }
    case 'showColumns': {
      const parts = a.database ? [lastPart(a.database), lastPart(a.name)] : (a.name as string[]);
      const plan = catalog.lookupEntry(parts)?.plan ?? session.table(parts.join('.')).plan;
      return result(
        session,
        ['col_name'],
        outputOf(plan).map((x) => [x.name]),
      );
    }
    case 'showFunctions': {
      const match = likePattern(a.pattern);
      const names = a.scope === 'user' ? [] : functionNames().filter(match);
      return result(
        session,
        ['function'],
        names.map((n) => [n]),
      );
    }
    case 'showDatabases':
      return result(session, ['namespace'], likePattern(a.pattern)('default') ? [['default']] : []);
    case 'describe': {
      const d = describe(session, a);
      return result(session, d.columns, d.rows);
    }
    case 'describeFunction':
      return result(
        session,
        ['function_desc'],
        [[`Function: ${lastPart(a.name)}`], [`Usage: ${lastPart(a.name)}(...)`]],
      );
    case 'explain': {
      const inner = a.statement as LogicalPlan;
      if (inner.kind === 'command')
        return result(session, ['plan'], [[`== Physical Plan ==\nExecute ${inner.name}\n\n`]]);
      const df = new DataFrame(session, session.analyze(inner));
      return result(session, ['plan'], [[df.explainString(a.mode === 'extended')]]);
    }
    case 'set':
      return setCommand(session, a);
    case 'reset': {
      const initial = initialConf.get(session) ?? session.conf.getAll();
      const keys = a.key !== undefined ? [String(a.key)] : Object.keys(session.conf.getAll());
      for (const k of keys) {
        if (!session.conf.isModifiable(k)) continue;
        if (initial[k] !== undefined) session.conf.set(k, initial[k]);
        else session.conf.unset(k);
      }
      return EMPTY(session);
    }
    case 'cacheTable':
      return cacheTable(session, a);
    case 'uncacheTable':
      return uncacheTable(session, a);
    case 'clearCache':
      for (const e of catalog.list()) uncache(session, e);
      return EMPTY(session);
    default:
      throw new AnalysisException(
        'UNSUPPORTED_FEATURE',
        `The feature is not supported: the SQL statement ${cmd.name}.`,
      );
  }
}
