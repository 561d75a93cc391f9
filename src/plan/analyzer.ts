/**
 * The analyzer: turns a plan built by the DataFrame API or the SQL parser into a resolved plan.
 * Resolution is bottom-up and incremental — DataFrame methods wrap an already-resolved child, so
 * only the new node is resolved (Spark analyses eagerly too, which is why errors surface at the
 * call that caused them).
 *
 * Invariants: a resolved plan has no unresolved expression or relation; aggregates only appear
 * in Aggregate (and Window) nodes; generators only in Generate; window expressions only in Window;
 * every output column is named (unnamed expressions get Spark's pretty name as alias).
 */
import {
  type AggregateCall,
  type AttributeReference,
  alias,
  anyNode,
  childrenOf,
  type Expr,
  literal,
  type NamedExpr,
  newExprId,
  transformDown,
  type WindowExpression,
} from '../expr/expression.js';
import { dataTypeOf, nullableOf } from '../expr/expression-type.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { castIfNeeded, widerType } from '../types/coercion.js';
import { BooleanType, sqlTypeName } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import type { Catalog } from './catalog.js';
import { ExpressionResolver } from './expression-resolver.js';
import { childrenOfPlan, type LogicalPlan, withPlanChildren } from './logical-plan.js';
import { outputName } from './output-name.js';
import { exprKey } from './plan-expressions.js';
import { outputOf, toAttribute } from './plan-output.js';
import { resolveAggregate } from './resolve-aggregate.js';
import { resolveAggregateWindows } from './resolve-aggregate-windows.js';
import { resolveGroupingSets } from './resolve-grouping-sets.js';
import { resolveJoin } from './resolve-join.js';
import { type LateralJoin, resolveLateralJoin } from './resolve-lateral-join.js';
import { type MissingReferenceContext, resolveFilter, resolveSort } from './resolve-missing-references.js';
import { resolvePivot } from './resolve-pivot.js';
import { type QualifyFilter, resolveQualify } from './resolve-qualify.js';
import { resolveRelation } from './resolve-relation.js';

export interface AnalyzerContext extends FunctionContext {
  readonly catalog: Catalog;
}

type Cte = ReadonlyMap<string, LogicalPlan>;

export class Analyzer {
  /**
   * @param outer attributes of the enclosing queries, visible to a subquery (correlation)
   * @param ctes CTEs in scope of the enclosing queries
   */
  constructor(
    private readonly ctx: AnalyzerContext,
    private readonly outer: readonly AttributeReference[] = [],
    private ctes: Cte = new Map(),
  ) {}

  analyze(plan: LogicalPlan, ctes?: Cte): LogicalPlan {
    if (ctes) this.ctes = ctes;
    return this.resolveNode(plan);
  }

  private resolveNode(p: LogicalPlan): LogicalPlan {
    if (p.kind === 'with') {
      const saved = this.ctes;
      const scope = new Map(saved);
      try {
        for (const c of p.ctes) {
          this.ctes = scope;
          let plan = this.resolveNode(c.plan);
          if (c.columnAliases) plan = renameColumns(plan, c.columnAliases);
          scope.set(c.name.toLowerCase(), { kind: 'subqueryAlias', child: plan, alias: c.name });
        }
        this.ctes = scope;
        return this.resolveNode(p.child);
      } finally {
        this.ctes = saved;
      }
    }
    if (p.kind === 'unresolvedRelation') return resolveRelation(p.nameParts, this.ctes, this.ctx.catalog);
    if (p.kind === 'join' && (p as LateralJoin).lateral && !isResolvedPlan(p)) return this.resolveLateral(p);
    const kids = childrenOfPlan(p);
    const resolvedKids = kids.map((k) => (isResolvedPlan(k) ? k : this.resolveNode(k)));
    const node = resolvedKids.some((k, i) => k !== kids[i]) ? withPlanChildren(p, resolvedKids) : p;
    return this.resolveOwn(node);
  }

  /** `FROM l, LATERAL (q)`: q is analyzed with l's columns visible, then decorrelated. */
  private resolveLateral(p: LateralJoin): LogicalPlan {
    const left = this.resolveNode(p.left);
    const right = new Analyzer(this.ctx, [...outputOf(left), ...this.outer], this.ctes).analyze(p.right);
    const plan = resolveLateralJoin({ ...p, left, right });
    return plan.kind === 'project' ? plan : this.resolveOwn(plan);
  }

  private resolver(p: LogicalPlan, input: readonly AttributeReference[]): ExpressionResolver {
    const planOutputs = collectPlanOutputs(p);
    const res: ExpressionResolver = new ExpressionResolver(input, this.ctx, {
      planOutputs,
      outer: this.outer,
      resolveSubquery: (e) => this.resolveSubquery(e, input, res),
    });
    return res;
  }

  /** A resolver over `input` with this analyzer's options (used by the resolution helpers). */
  private resolverOver(input: readonly AttributeReference[], p?: LogicalPlan): ExpressionResolver {
    return this.resolver(p ?? { kind: 'localRelation', output: [], rows: [], numPartitions: 1 }, input);
  }

  /**
   * A subquery expression: its plan is analyzed with the current input (and the enclosing queries'
   * attributes) visible as outer references; IN values are resolved here and coerced with the
   * subquery's columns to common types.
   */
  private resolveSubquery(
    e: Extract<Expr, { kind: 'subquery' }>,
    input: readonly AttributeReference[],
    res: ExpressionResolver,
  ): Expr {
    if (e.dataType !== undefined) return e;
    let plan = new Analyzer(this.ctx, [...input, ...this.outer], this.ctes).analyze(e.plan);
    const out = outputOf(plan);
    if (e.subqueryType === 'scalar') {
      if (out.length !== 1) {
        throw new AnalysisException(
          'INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN',
          `Invalid subquery: Scalar subquery must return only one column, but got ${out.length}.`,
        );
      }
      return { ...e, plan, dataType: out[0]!.dataType };
    }
    if (e.subqueryType === 'exists') return { ...e, plan, dataType: BooleanType };
    let values = (e.values ?? []).map((v) => res.resolve(v));
    if (values.length !== out.length) {
      throw new AnalysisException(
        'DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH',
        `Cannot resolve "(${values.map((v) => prettyName(v)).join(', ')}) IN (listquery())" due to data type mismatch: The number of columns in the left hand side of an IN subquery does not match the number of columns in the output of subquery. Left hand side columns(length: ${values.length}): [${values.map((v) => `"${prettyName(v)}"`).join(', ')}], right hand side columns(length: ${out.length}): [${out.map((a) => `"${a.name}"`).join(', ')}].`,
      );
    }
    const types = values.map((v, i) => {
      const t = widerType(dataTypeOf(v), out[i]!.dataType);
      if (!t) {
        throw new AnalysisException(
          'DATATYPE_MISMATCH.IN_SUBQUERY_DATA_TYPE_MISMATCH',
          `Cannot resolve "${prettyName(v)} IN (listquery())" due to data type mismatch: The data type of one or more elements in the left hand side of an IN subquery is not compatible with the data type of the output of the subquery. Mismatched columns: [(${prettyName(v)}:${sqlTypeName(dataTypeOf(v))}, ${out[i]!.name}:${sqlTypeName(out[i]!.dataType)})].`,
        );
      }
      return t;
    });
    values = values.map((v, i) => castIfNeeded(v, types[i]!));
    if (out.some((a, i) => JSON.stringify(a.dataType) !== JSON.stringify(types[i]))) {
      plan = {
        kind: 'project',
        child: plan,
        projectList: out.map((a, i) => {
          const c = castIfNeeded(a, types[i]!);
          return c === a ? a : alias(c, a.name);
        }),
      };
    }
    return { ...e, plan, values, dataType: BooleanType };
  }

  private missingReferences(): MissingReferenceContext {
    return {
      ctx: this.ctx,
      resolverOver: (input) => this.resolverOver(input),
      requireBoolean: requireBooleanCondition,
      containsAggregate,
    };
  }

  private resolveOwn(p: LogicalPlan): LogicalPlan {
    switch (p.kind) {
      case 'project':
        return this.resolveProject(p);
      case 'filter':
        if ((p as QualifyFilter).qualify) {
          return resolveQualify(p, {
            resolverOver: (input) => this.resolverOver(input),
            requireBoolean: requireBooleanCondition,
            extractWindows: (child, exprs) => this.extractWindows(child, exprs),
          });
        }
        return resolveFilter(p, this.missingReferences());
      case 'aggregate':
        return resolveAggregateWindows(
          resolveAggregate(p, this.resolver(p, outputOf(p.child)), this.ctx) as Extract<
            LogicalPlan,
            { kind: 'aggregate' }
          >,
          (child, exprs) => this.extractWindows(child, exprs),
        );
      case 'sort':
        return resolveSort(p, this.missingReferences());
      case 'join':
        return resolveJoin(p, {
          ctx: this.ctx,
          resolver: (input) => this.resolver(p, input),
          requireBoolean: requireBooleanCondition,
        });
      case 'union':
        return this.resolveUnion(p);
      case 'setOperation':
        return this.resolveSetOperation(p);
      case 'subqueryAlias':
        return p.columnAliases ? this.aliasColumns(p, p.columnAliases) : p;
      case 'distinct':
      case 'limit':
      case 'offset':
      case 'sample':
      case 'cached':
      case 'localRelation':
      case 'range':
      case 'dataSourceRelation':
      case 'streamingRelation':
      case 'expand':
      case 'command':
        return p;
      case 'repartition': {
        const r = this.resolver(p, outputOf(p.child));
        return { ...p, partitionExprs: p.partitionExprs.map((e) => r.resolve(e)) };
      }
      case 'deduplicate': {
        const r = this.resolver(p, outputOf(p.child));
        return { ...p, keys: p.keys.map((e) => r.resolve(e)) };
      }
      case 'generate':
        return this.resolveGenerate(p);
      case 'window':
        return p;
      case 'inlineTable':
        return resolveInlineTable(p, this.resolver(p, []));
      case 'pivot':
        return resolvePivot(p, this.resolver(p, outputOf(p.child)), (q) => this.resolveNode(q), this.ctx);
      case 'groupingSets':
        return resolveGroupingSets(
          p,
          (input) => this.resolver(p, input),
          (e) => this.name(e),
          this.ctx,
        );
      default:
        throw new AnalysisException('UNSUPPORTED_FEATURE', `Plan node ${p.kind} is not supported here.`);
    }
  }

  /** `AS t(a, b)` on a subquery or table: renames its columns. */
  private aliasColumns(
    p: Extract<LogicalPlan, { kind: 'subqueryAlias' }>,
    names: readonly string[],
  ): LogicalPlan {
    const { columnAliases: _c, ...rest } = p;
    return { ...rest, child: renameColumns(p.child, names) };
  }

  private resolveProject(p: Extract<LogicalPlan, { kind: 'project' }>): LogicalPlan {
    const r = this.resolver(p, outputOf(p.child));
    const exprs = r.resolveList(p.projectList).map((e) => this.name(e));
    const hasAgg = exprs.some((e) => containsAggregate(e));
    const hasWindow = exprs.some((e) => anyNode(e, (n) => n.kind === 'windowExpression'));
    const hasGenerator = exprs.some((e) => anyNode(e, (n) => n.kind === 'generator'));
    if (hasAgg) {
      // SELECT sum(x) FROM t: a global aggregate (window functions over it go in a Project above)
      const agg = { kind: 'aggregate' as const, child: p.child, groupingExprs: [], aggregateExprs: exprs };
      if (!hasWindow) return resolveAggregate(agg, this.resolver(p, outputOf(p.child)), this.ctx);
    }
    if (hasGenerator) return this.extractGenerator(p.child, exprs);
    if (hasWindow) return this.extractWindows(p.child, exprs);
    return { ...p, projectList: exprs };
  }

  /** Names an output expression: keeps attributes and aliases, aliases the rest with Spark's name. */
  name(e: Expr): NamedExpr {
    if (e.kind === 'attributeReference' || e.kind === 'alias') return e;
    // generators are named by extractGenerator (their element names: col, key/value, pos)
    if (e.kind === 'generator' || (e.kind === 'fn' && e.name === '__multi_alias')) return e as never;
    return alias(e, outputName(e, this.ctx.timeZone));
  }

  private resolveUnion(p: Extract<LogicalPlan, { kind: 'union' }>): LogicalPlan {
    let children = p.children;
    const first = outputOf(children[0]!);
    if (p.byName) {
      children = children.map((c, idx) => {
        if (idx === 0) return c;
        const out = outputOf(c);
        const list: Expr[] = first.map((a) => {
          const m = out.find((x) => x.name.toLowerCase() === a.name.toLowerCase());
          if (m) return m;
          if (p.allowMissingColumns) return alias(literal(null, a.dataType), a.name);
          throw new AnalysisException(
            'UNRESOLVED_COLUMN.WITH_SUGGESTION',
            `A column, variable, or function parameter with name \`${a.name}\` cannot be resolved. Did you mean one of the following? [${out.map((x) => `\`${x.name}\``).join(', ')}].`,
          );
        });
        if (p.allowMissingColumns) {
          for (const x of out)
            if (!first.some((a) => a.name.toLowerCase() === x.name.toLowerCase())) list.push(x);
        }
        return { kind: 'project', child: c, projectList: list as NamedExpr[] } as LogicalPlan;
      });
      if (p.allowMissingColumns) {
        const last = outputOf(children[children.length - 1]!);
        const extra = last.slice(first.length);
        if (extra.length) {
          children = children.map((c, idx) => {
            if (idx === children.length - 1) return c;
            const out = outputOf(c);
            const have = new Set(out.map((a) => a.name.toLowerCase()));
            return {
              kind: 'project',
              child: c,
              projectList: [
                ...out,
                ...extra
                  .filter((x) => !have.has(x.name.toLowerCase()))
                  .map((x) => alias(literal(null, x.dataType), x.name)),
              ],
            } as LogicalPlan;
          });
        }
      }
    }
    const outs = children.map(outputOf);
    const n = outs[0]!.length;
    for (let i = 1; i < outs.length; i++) {
      if (outs[i]!.length !== n) {
        throw new AnalysisException(
          'NUM_COLUMNS_MISMATCH',
          `UNION can only be performed on inputs with the same number of columns, but the first input has ${n} columns and the ${ordinalWord(i + 1)} input has ${outs[i]!.length} columns.`,
        );
      }
    }
    const types = outs[0]!.map((_, col) => {
      let t = outs[0]![col]!.dataType;
      for (const o of outs.slice(1)) {
        const w = widerType(t, o[col]!.dataType);
        if (!w) {
          throw new AnalysisException(
            'INCOMPATIBLE_COLUMN_TYPE',
            `UNION can only be performed on tables with compatible column types. The ${ordinalWord(col + 1)} column of the second table is "${sqlTypeName(o[col]!.dataType)}" type which is not compatible with "${sqlTypeName(t)}".`,
          );
        }
        t = w;
      }
      return t;
    });
    children = children.map((c, idx) => {
      const out = outs[idx]!;
      if (
        out.every(
          (a, i) =>
            dataTypeOf(a).kind === types[i]!.kind && JSON.stringify(a.dataType) === JSON.stringify(types[i]),
        )
      )
        return c;
      return {
        kind: 'project',
        child: c,
        projectList: out.map((a, i) => {
          const casted = castIfNeeded(a, types[i]!);
          return casted === a ? a : alias(casted, a.name);
        }),
      } as LogicalPlan;
    });
    return { ...p, children };
  }

  private resolveSetOperation(p: Extract<LogicalPlan, { kind: 'setOperation' }>): LogicalPlan {
    const u = this.resolveUnion({
      kind: 'union',
      children: [p.left, p.right],
      byName: false,
      allowMissingColumns: false,
    });
    const [left, right] = (u as Extract<LogicalPlan, { kind: 'union' }>).children;
    return { ...p, left: left!, right: right! };
  }

  private resolveGenerate(p: Extract<LogicalPlan, { kind: 'generate' }>): LogicalPlan {
    // already resolved: keep its output ids (re-resolving must not mint new attributes)
    if (p.generator.kind === 'generator' && p.generatorOutput.length > 0) return p;
    const r = this.resolver(p, outputOf(p.child));
    const g = r.resolve(p.generator);
    if (g.kind !== 'generator') {
      throw new AnalysisException(
        'UNSUPPORTED_GENERATOR.NOT_GENERATOR',
        `${prettyName(g)} is expected to be a generator.`,
      );
    }
    const names = p.generatorNames;
    if (names.length && names.length !== g.elementFields.length) {
      throw new AnalysisException(
        'UDTF_ALIAS_NUMBER_MISMATCH',
        `The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected ${g.elementFields.length} aliases, but got ${names.join(', ')}.`,
      );
    }
    // LATERAL VIEW f(…) t AS c: the generated columns are qualified by the view's alias
    const viewAlias = (p as Extract<LogicalPlan, { kind: 'generate' }> & { qualifier?: string }).qualifier;
    const generatorOutput = g.elementFields.map((f, i) => ({
      kind: 'attributeReference' as const,
      name: names[i] ?? f.name,
      exprId: newExprId(),
      dataType: f.dataType,
      nullable: f.nullable || p.outer || g.outer,
      qualifier: viewAlias ? [viewAlias] : ([] as string[]),
    }));
    return { ...p, generator: g, generatorOutput, outer: p.outer || g.outer };
  }

  /** select(a, explode(xs).alias('x')): a Generate per generator (nested, in order) under a Project. */
  private extractGenerator(child: LogicalPlan, exprs: readonly NamedExpr[]): LogicalPlan {
    const list: NamedExpr[] = [];
    let plan = child;
    for (const ge of exprs) {
      if (!anyNode(ge, (n) => n.kind === 'generator')) {
        list.push(ge);
        continue;
      }
      let g: Expr = ge;
      let names: string[] = [];
      if (ge.kind === 'alias') {
        g = ge.child;
        names = [ge.name];
      } else if ((ge as Expr).kind === 'fn' && (ge as unknown as { name: string }).name === '__multi_alias') {
        const m = ge as unknown as { args: Expr[] };
        g = m.args[0]!;
        names = m.args.slice(1).map((a) => String((a as { value: unknown }).value));
      }
      if (g.kind === 'alias' && g.child.kind === 'generator') {
        names = [g.name];
        g = g.child;
      }
      if (g.kind !== 'generator') {
        throw new AnalysisException(
          'UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS',
          `The generator is not supported: nested in expressions "${prettyName(ge)}".`,
        );
      }
      if (names.length === 1 && g.elementFields.length > 1 && ge.kind === 'alias') names = [];
      const gen = this.resolveGenerate({
        kind: 'generate',
        child: plan,
        generator: g,
        outer: g.outer,
        generatorNames: names,
        generatorOutput: [],
        join: true,
      }) as Extract<LogicalPlan, { kind: 'generate' }>;
      list.push(...gen.generatorOutput);
      plan = gen;
    }
    return { kind: 'project', child: plan, projectList: list };
  }

  /** select(a, rank().over(w)): Window nodes (one per spec) under a Project. */
  private extractWindows(child: LogicalPlan, exprs: readonly NamedExpr[]): LogicalPlan {
    const specs = new Map<string, { spec: WindowExpression['spec']; exprs: NamedExpr[] }>();
    const replaced = exprs.map((e) =>
      transformDown(e, (n) => {
        if (n.kind !== 'windowExpression') return undefined;
        const key = exprKey([n.spec.partitionSpec, n.spec.orderSpec]);
        let entry = specs.get(key);
        if (!entry) {
          entry = { spec: n.spec, exprs: [] };
          specs.set(key, entry);
        }
        const a = alias(n, `__w${newExprId()}`);
        entry.exprs.push(a);
        return toAttribute(a);
      }),
    ) as NamedExpr[];
    let plan = child;
    for (const { spec, exprs: wexprs } of specs.values()) {
      plan = {
        kind: 'window',
        child: plan,
        windowExprs: wexprs,
        partitionSpec: spec.partitionSpec,
        orderSpec: spec.orderSpec,
      };
    }
    // the aliases were created with temporary names: restore the user-visible names
    const named = replaced.map((e, i) => {
      const orig = exprs[i]!;
      if (e.kind === 'attributeReference' && orig.kind === 'alias') return alias(e, orig.name, orig.exprId);
      return e;
    });
    return { kind: 'project', child: plan, projectList: named };
  }
}

function ordinalWord(n: number): string {
  return ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth'][n] ?? `${n}th`;
}

export function containsAggregate(e: Expr): boolean {
  return anyNode(e, (n) => n.kind === 'aggregate' && true) && !onlyInsideWindow(e);
}

function onlyInsideWindow(e: Expr): boolean {
  // aggregates used as window functions do not make a query an aggregation
  let outside = false;
  const visit = (x: Expr, inWindow: boolean): void => {
    if (x.kind === 'aggregate' && !inWindow) outside = true;
    if (x.kind === 'windowExpression') {
      visit(x.fn, true);
      for (const c of [...x.spec.partitionSpec, ...x.spec.orderSpec]) visit(c, false);
      return;
    }
    for (const c of childExprs(x)) visit(c, inWindow);
  };
  visit(e, false);
  return !outside;
}

function childExprs(e: Expr): readonly Expr[] {
  return childrenOf(e);
}

function requireBooleanCondition(e: Expr, clause: string): Expr {
  const t = dataTypeOf(e);
  if (t.kind === 'boolean') return e;
  if (t.kind === 'null') return castIfNeeded(e, { kind: 'boolean' });
  throw new AnalysisException(
    'DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN',
    `Cannot resolve "${prettyName(e)}" due to data type mismatch: Filter expression "${prettyName(e)}" of type "${sqlTypeName(t)}" is not a boolean (in ${clause}).`,
  );
}

export function isResolvedPlan(p: LogicalPlan): boolean {
  return (p as { __resolved?: boolean }).__resolved === true;
}

/** Marks a plan as analyzed (DataFrames hold analyzed plans; resolution skips them). */
export function markResolved<T extends LogicalPlan>(p: T): T {
  if (!Object.isFrozen(p)) Object.defineProperty(p, '__resolved', { value: true, enumerable: false });
  return p;
}

function collectPlanOutputs(p: LogicalPlan): Map<number, readonly AttributeReference[]> {
  const m = new Map<number, readonly AttributeReference[]>();
  const visit = (x: LogicalPlan) => {
    if (x.planId !== undefined && !m.has(x.planId)) {
      try {
        m.set(x.planId, outputOf(x));
      } catch {
        // unresolved subtree: not addressable by planId yet
      }
    }
    for (const c of childrenOfPlan(x)) visit(c);
  };
  for (const c of childrenOfPlan(p)) visit(c);
  return m;
}

function renameColumns(p: LogicalPlan, names: readonly string[]): LogicalPlan {
  const out = outputOf(p);
  if (names.length !== out.length) {
    throw new AnalysisException(
      'ASSIGNMENT_ARITY_MISMATCH',
      `The number of columns in the column alias list (${names.length}) does not match the number of columns (${out.length}).`,
    );
  }
  return { kind: 'project', child: p, projectList: out.map((a, i) => alias(a, names[i]!)) };
}

function resolveInlineTable(
  p: Extract<LogicalPlan, { kind: 'inlineTable' }>,
  r: ExpressionResolver,
): LogicalPlan {
  const rows = p.rows.map((row) => row.map((e) => r.resolve(e)));
  const width = rows[0]?.length ?? 0;
  const names = p.names.length ? p.names : Array.from({ length: width }, (_, i) => `col${i + 1}`);
  const types = names.map((_, i) => {
    let t = dataTypeOf(rows[0]![i]!);
    for (const row of rows.slice(1)) t = widerType(t, dataTypeOf(row[i]!)) ?? t;
    return t;
  });
  const evalRows = rows.map((row) =>
    row.map((e, i) => {
      const c = castIfNeeded(e, types[i]!);
      return evaluateConstant(c);
    }),
  );
  const output = names.map((n, i) => ({
    kind: 'attributeReference' as const,
    name: n,
    exprId: newExprId(),
    dataType: types[i]!,
    nullable: evalRows.some((row) => row[i] === null),
    qualifier: [] as string[],
  }));
  return { kind: 'localRelation', output, rows: evalRows, numPartitions: 1 };
}

let constantEvaluator: ((e: Expr) => unknown) | undefined;
/** Installed by the session: evaluates a constant expression (VALUES rows) with the expression compiler. */
export function setConstantEvaluator(f: (e: Expr) => unknown): void {
  constantEvaluator = f;
}
function evaluateConstant(e: Expr): unknown {
  if (e.kind === 'literal') return e.value;
  if (!constantEvaluator) throw new Error('internal error: no constant evaluator');
  return constantEvaluator(e);
}

export type { AggregateCall };

void nullableOf;
