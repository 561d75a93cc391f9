/**
 * SQL statements that are not queries: temp views, SET, SHOW TABLES, DESCRIBE, EXPLAIN, DROP VIEW.
 * Each returns a DataFrame of its result rows, as `spark.sql` does.
 */
import { attributeReference } from '../expr/expression.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { outputOf } from '../plan/plan-output.js';
import { BooleanType, StringType, simpleString } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import { DataFrame } from './dataframe.js';
import type { Session } from './session.js';

function table(session: Session, names: string[], rows: unknown[][]): DataFrame {
  const output = names.map((n) =>
    attributeReference(n, n === 'isTemporary' ? BooleanType : StringType, true),
  );
  return new DataFrame(session, session.analyze({ kind: 'localRelation', output, rows, numPartitions: 1 }));
}

export function runSqlCommand(session: Session, cmd: Extract<LogicalPlan, { kind: 'command' }>): DataFrame {
  const a = cmd.args as Record<string, any>;
  switch (cmd.name) {
    case 'createView': {
      const plan = session.analyze(a.query as LogicalPlan);
      const name = Array.isArray(a.name) ? a.name[a.name.length - 1] : a.name;
      session.catalogInternal.register(String(name), plan, Boolean(a.replace));
      return table(session, [], []);
    }
    case 'dropView':
    case 'dropTable': {
      const name = Array.isArray(a.name) ? a.name[a.name.length - 1] : a.name;
      const existed = session.catalogInternal.drop(String(name));
      if (!existed && !a.ifExists) {
        throw new AnalysisException(
          'TABLE_OR_VIEW_NOT_FOUND',
          `The table or view \`${name}\` cannot be found.`,
        );
      }
      return table(session, [], []);
    }
    case 'showTables':
      return table(
        session,
        ['namespace', 'tableName', 'isTemporary'],
        session.catalogInternal.list().map((e) => ['', e.name, e.isTemporary]),
      );
    case 'set': {
      if (a.key === undefined) return table(session, ['key', 'value'], Object.entries(session.conf.getAll()));
      if (a.value !== undefined) session.conf.set(String(a.key), String(a.value));
      return table(session, ['key', 'value'], [[a.key, session.conf.get(String(a.key)) ?? '<undefined>']]);
    }
    case 'describe': {
      const plan = a.query
        ? session.analyze(a.query as LogicalPlan)
        : session.table(String(Array.isArray(a.name) ? a.name.join('.') : a.name)).plan;
      return table(
        session,
        ['col_name', 'data_type', 'comment'],
        outputOf(plan).map((x) => [x.name, simpleString(x.dataType), null]),
      );
    }
    case 'explain': {
      const inner = a.statement as LogicalPlan;
      const df = new DataFrame(session, session.analyze(inner));
      return table(session, ['plan'], [[df.explainString(a.mode === 'extended')]]);
    }
    default:
      throw new AnalysisException(
        'UNSUPPORTED_FEATURE',
        `The SQL statement ${cmd.name} is not supported yet.`,
      );
  }
}
