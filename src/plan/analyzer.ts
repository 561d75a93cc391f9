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
  type SortOrder,
  transformDown,
  transformUp,
  type WindowExpression,
} from '../expr/expression.js';
import { dataTypeOf, nullableOf } from '../expr/expression-type.js';
import type { FunctionContext } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { castIfNeeded, widerType } from '../types/coercion.js';
import { NullType, sqlTypeName } from '../types/data-type.js';
import { AnalysisException } from '../util/errors.js';
import type { Catalog } from './catalog.js';
import { ExpressionResolver } from './expression-resolver.js';
import { childrenOfPlan, type LogicalPlan, withPlanChildren } from './logical-plan.js';
import { outputOf, toAttribute } from './plan-output.js';
import { resolveAggregate } from './resolve-aggregate.js';

export interface AnalyzerContext extends FunctionContext {
  readonly catalog: Catalog;
}

export class Analyzer {
  constructor(private readonly ctx: AnalyzerContext) {}

  analyze(plan: LogicalPlan, ctes: ReadonlyMap<string, LogicalPlan> = new Map()): LogicalPlan {
    return this.resolveNode(plan, ctes);
  }

  private resolveNode(p: LogicalPlan, ctes: ReadonlyMap<string, LogicalPlan>): LogicalPlan {
    if (p.kind === 'with') {
      const scope = new Map(ctes);
      for (const c of p.ctes) {
        let plan = this.resolveNode(c.plan, scope);
        if (c.columnAliases) plan = renameColumns(plan, c.columnAliases);
        scope.set(c.name.toLowerCase(), { kind: 'subqueryAlias', child: plan, alias: c.name });
      }
      return this.resolveNode(p.child, scope);
    }
    if (p.kind === 'unresolvedRelation') {
      const key = p.nameParts.join('.').toLowerCase();
      const cte = p.nameParts.length === 1 ? ctes.get(key) : undefined;
      const name = p.nameParts[p.nameParts.length - 1]!;
      if (cte) return { kind: 'subqueryAlias', child: freshCopy(cte), alias: name };
      const resolved = this.ctx.catalog.resolve(p.nameParts);
      return { kind: 'subqueryAlias', child: resolved, alias: name };
    }
    const kids = childrenOfPlan(p);
    const resolvedKids = kids.map((k) => (isResolvedPlan(k) ? k : this.resolveNode(k, ctes)));
    const node = resolvedKids.some((k, i) => k !== kids[i]) ? withPlanChildren(p, resolvedKids) : p;
    return this.resolveOwn(node, ctes);
  }

  private resolver(p: LogicalPlan, input: readonly AttributeReference[]): ExpressionResolver {
    return new ExpressionResolver(input, this.ctx, {
      planOutputs: collectPlanOutputs(p),
      resolveSubquery: (e) => {
        const plan = this.analyze(e.plan);
        const out = outputOf(plan);
        if (e.subqueryType === 'scalar' && out.length !== 1) {
          throw new AnalysisException(
            'INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN',
            `Scalar subquery must return only one column, but got ${out.length}.`,
          );
        }
        return { ...e, plan, dataType: e.subqueryType === 'scalar' ? out[0]!.dataType : { kind: 'boolean' } };
      },
    });
  }

  private resolveOwn(p: LogicalPlan, ctes: ReadonlyMap<string, LogicalPlan>): LogicalPlan {
    switch (p.kind) {
      case 'project':
        return this.resolveProject(p);
      case 'filter': {
        // HAVING: a filter over an aggregate may use aggregate functions
        if (p.child.kind === 'aggregate' && anyNode(p.condition, (e) => e.kind === 'unresolvedFunction')) {
          const having = this.resolveHaving(p.condition, p.child);
          if (having) return having;
        }
        const r = this.resolver(p, outputOf(p.child));
        let condition = r.resolve(p.condition);
        condition = requireBooleanCondition(condition, 'WHERE');
        const missing = this.missingFromChild(condition, p.child);
        if (missing) return missing((c) => ({ ...p, child: c, condition }));
        return { ...p, condition };
      }
      case 'aggregate':
        return resolveAggregate(p, this.resolver(p, outputOf(p.child)), this.ctx);
      case 'sort':
        return this.resolveSort(p);
      case 'join':
        return this.resolveJoin(p);
      case 'union':
        return this.resolveUnion(p);
      case 'setOperation':
        return this.resolveSetOperation(p);
      case 'distinct':
      case 'limit':
      case 'offset':
      case 'sample':
      case 'cached':
      case 'subqueryAlias':
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
        return this.resolveNode(rewritePivot(p, this.resolver(p, outputOf(p.child))), ctes);
      case 'groupingSets':
        return this.resolveGroupingSets(p);
      default:
        throw new AnalysisException('UNSUPPORTED_FEATURE', `Plan node ${p.kind} is not supported here.`);
    }
  }

  private resolveProject(p: Extract<LogicalPlan, { kind: 'project' }>): LogicalPlan {
    const r = this.resolver(p, outputOf(p.child));
    const exprs = r.resolveList(p.projectList).map((e) => this.name(e));
    const hasAgg = exprs.some((e) => containsAggregate(e));
    const hasWindow = exprs.some((e) => anyNode(e, (n) => n.kind === 'windowExpression'));
    const hasGenerator = exprs.some((e) => anyNode(e, (n) => n.kind === 'generator'));
    if (hasAgg && !hasWindow) {
      // SELECT sum(x) FROM t: a global aggregate
      return resolveAggregate(
        { kind: 'aggregate', child: p.child, groupingExprs: [], aggregateExprs: exprs },
        this.resolver(p, outputOf(p.child)),
        this.ctx,
      );
    }
    if (hasGenerator) return this.extractGenerator(p.child, exprs);
    if (hasWindow) return this.extractWindows(p.child, exprs);
    const missing = this.missingFromChild(
      { kind: 'fn', name: '__list', args: exprs, dataType: NullType, nullable: true },
      p.child,
    );
    if (missing) return missing((c) => ({ kind: 'project', child: c, projectList: exprs }));
    return { ...p, projectList: exprs };
  }

  /** Names an output expression: keeps attributes and aliases, aliases the rest with Spark's pretty name. */
  name(e: Expr): NamedExpr {
    if (e.kind === 'attributeReference' || e.kind === 'alias') return e;
    // generators are named by extractGenerator (their element names: col, key/value, pos)
    if (e.kind === 'generator' || (e.kind === 'fn' && e.name === '__multi_alias')) return e as never;
    return alias(e, prettyName(e, this.ctx.timeZone));
  }

  /**
   * Sort/filter may refer to columns the child projection dropped (`SELECT a FROM t ORDER BY b`):
   * add them to the projection, apply the node, then project them away again.
   */
  private missingFromChild(
    e: Expr,
    child: LogicalPlan,
  ): ((build: (c: LogicalPlan) => LogicalPlan) => LogicalPlan) | undefined {
    void e;
    void child;
    return undefined;
  }

  private resolveSort(p: Extract<LogicalPlan, { kind: 'sort' }>): LogicalPlan {
    const childOut = outputOf(p.child);
    const r = this.resolver(p, childOut);
    try {
      const order = p.order.map((o) => {
        const e =
          o.kind === 'sortOrder' && o.child.kind === 'unresolvedOrdinal'
            ? ordinalRef(o.child.ordinal, childOut)
            : o;
        const resolved = r.resolve(e);
        return (
          resolved.kind === 'sortOrder'
            ? resolved
            : { kind: 'sortOrder', child: resolved, ascending: true, nullsFirst: true }
        ) as SortOrder;
      });
      if (order.some((o) => containsAggregate(o.child)) && p.child.kind === 'aggregate') {
        return this.sortByAggregate(p, p.child);
      }
      return { ...p, order };
    } catch (err) {
      // ORDER BY a column that the projection below dropped: resolve against the projection's input
      if (!(err instanceof AnalysisException) || (p.child.kind !== 'project' && p.child.kind !== 'aggregate'))
        throw err;
      if (p.child.kind === 'aggregate') return this.sortByAggregate(p, p.child);
      const proj = p.child;
      const inner = this.resolver(p, [...outputOf(proj), ...outputOf(proj.child)]);
      const order = p.order.map((o) => inner.resolve(o) as SortOrder);
      const have = new Set(outputOf(proj).map((a) => a.exprId));
      const extra = new Map<number, AttributeReference>();
      for (const o of order) {
        transformUp(o, (x) => {
          if (x.kind === 'attributeReference' && !have.has(x.exprId)) extra.set(x.exprId, x);
          return x;
        });
      }
      const widened: LogicalPlan = { ...proj, projectList: [...proj.projectList, ...extra.values()] };
      return { kind: 'project', child: { ...p, child: widened, order }, projectList: outputOf(proj) };
    }
  }

  private sortByAggregate(
    p: Extract<LogicalPlan, { kind: 'sort' }>,
    agg: Extract<LogicalPlan, { kind: 'aggregate' }>,
  ): LogicalPlan {
    // resolve the order against the aggregate's input, then add missing aggregates as hidden columns
    const wrapper = resolveAggregate(
      {
        kind: 'aggregate',
        child: agg.child,
        groupingExprs: agg.groupingExprs,
        aggregateExprs: [
          ...agg.aggregateExprs,
          ...p.order.map((o, i) => alias((o as SortOrder).child ?? o, `__sort_${i}`)),
        ],
      },
      this.resolver(p, outputOf(agg.child)),
      this.ctx,
      outputOf(agg),
    ) as Extract<LogicalPlan, { kind: 'aggregate' }>;
    const outAttrs = outputOf(wrapper);
    const n = agg.aggregateExprs.length;
    const order: SortOrder[] = p.order.map((o, i) => {
      const so = o as SortOrder;
      return {
        kind: 'sortOrder',
        child: outAttrs[n + i]!,
        ascending: so.ascending ?? true,
        nullsFirst: so.nullsFirst ?? true,
      };
    });
    return { kind: 'project', child: { ...p, child: wrapper, order }, projectList: outAttrs.slice(0, n) };
  }

  private resolveHaving(
    cond: Expr,
    agg: Extract<LogicalPlan, { kind: 'aggregate' }>,
  ): LogicalPlan | undefined {
    const wrapper = resolveAggregate(
      {
        kind: 'aggregate',
        child: agg.child,
        groupingExprs: agg.groupingExprs,
        aggregateExprs: [...agg.aggregateExprs, alias(cond, '__having')],
      },
      this.resolver(agg, outputOf(agg.child)),
      this.ctx,
      outputOf(agg),
    );
    const outAttrs = outputOf(wrapper);
    const n = agg.aggregateExprs.length;
    const condition = requireBooleanCondition(outAttrs[n]!, 'HAVING');
    return {
      kind: 'project',
      child: { kind: 'filter', child: wrapper, condition },
      projectList: outAttrs.slice(0, n),
    };
  }

  private resolveJoin(p: Extract<LogicalPlan, { kind: 'join' }>): LogicalPlan {
    const lo = outputOf(p.left);
    const ro = outputOf(p.right);
    if (p.usingColumns) {
      const lr = new ExpressionResolver(lo, this.ctx);
      const rr = new ExpressionResolver(ro, this.ctx);
      const pairs = p.usingColumns.map((c) => {
        const resolveSide = (r: ExpressionResolver, side: string) => {
          try {
            return r.resolve({ kind: 'unresolvedAttribute', nameParts: [c] }) as AttributeReference;
          } catch {
            throw new AnalysisException(
              'UNRESOLVED_USING_COLUMN_FOR_JOIN',
              `USING column \`${c}\` cannot be resolved on the ${side} side of the join. The ${side}-side columns: [${(side === 'left' ? lo : ro).map((a) => `\`${a.name}\``).join(', ')}].`,
            );
          }
        };
        return [resolveSide(lr, 'left'), resolveSide(rr, 'right')] as const;
      });
      const conds = pairs.map(([l, r]) =>
        this.resolver(p, [...lo, ...ro]).resolve({
          kind: 'unresolvedFunction',
          name: 'equal_to',
          args: [l, r],
          internal: true,
        }),
      );
      const condition = conds.reduce(
        (a, b) =>
          ({ kind: 'fn', name: 'and', args: [a, b], dataType: { kind: 'boolean' }, nullable: true }) as Expr,
      );
      const joinType = p.joinType === 'cross' ? 'inner' : p.joinType;
      const join: LogicalPlan = {
        kind: 'join',
        left: p.left,
        right: p.right,
        joinType,
        ...(conds.length ? { condition } : {}),
      };
      const leftKeys = new Set(pairs.map(([l]) => l.exprId));
      const rightKeys = new Set(pairs.map(([, r]) => r.exprId));
      const joinOut = outputOf(join);
      const byId = new Map(joinOut.map((a) => [a.exprId, a]));
      const keyCols: NamedExpr[] = pairs.map(([l, r]) => {
        if (joinType === 'right') return byId.get(r.exprId)!;
        if (joinType === 'full') {
          const lt = byId.get(l.exprId)!;
          const rt = byId.get(r.exprId)!;
          return alias(
            {
              kind: 'fn',
              name: 'coalesce',
              args: [lt, rt],
              dataType: lt.dataType,
              nullable: lt.nullable && rt.nullable,
            },
            l.name,
          );
        }
        return byId.get(l.exprId)!;
      });
      const semi = joinType === 'left_semi' || joinType === 'left_anti';
      const rest = [
        ...joinOut.filter((a) => lo.some((x) => x.exprId === a.exprId) && !leftKeys.has(a.exprId)),
        ...(semi
          ? []
          : joinOut.filter((a) => ro.some((x) => x.exprId === a.exprId) && !rightKeys.has(a.exprId))),
      ];
      return { kind: 'project', child: join, projectList: [...keyCols, ...rest] };
    }
    if (!p.condition) return p;
    const r = this.resolver(p, [...lo, ...ro]);
    const condition = requireBooleanCondition(r.resolve(p.condition), 'JOIN');
    return { ...p, condition };
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
    const generatorOutput = g.elementFields.map((f, i) => ({
      kind: 'attributeReference' as const,
      name: names[i] ?? f.name,
      exprId: newExprId(),
      dataType: f.dataType,
      nullable: f.nullable || p.outer || g.outer,
      qualifier: [] as string[],
    }));
    return { ...p, generator: g, generatorOutput, outer: p.outer || g.outer };
  }

  /** select(a, explode(xs).alias('x')): Generate under a Project. */
  private extractGenerator(child: LogicalPlan, exprs: readonly NamedExpr[]): LogicalPlan {
    const gens = exprs.filter((e) => anyNode(e, (n) => n.kind === 'generator'));
    if (gens.length > 1) {
      throw new AnalysisException(
        'UNSUPPORTED_GENERATOR.MULTI_GENERATOR',
        `Only one generator allowed per SELECT clause but found ${gens.length}: ${gens.map((g) => `"${prettyName(g)}"`).join(', ')}.`,
      );
    }
    const ge = gens[0]!;
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
      child,
      generator: g,
      outer: g.outer,
      generatorNames: names,
      generatorOutput: [],
      join: true,
    }) as Extract<LogicalPlan, { kind: 'generate' }>;
    const list: NamedExpr[] = [];
    for (const e of exprs) {
      if (e === ge) list.push(...gen.generatorOutput);
      else list.push(e);
    }
    return { kind: 'project', child: gen, projectList: list };
  }

  /** select(a, rank().over(w)): Window nodes (one per spec) under a Project. */
  private extractWindows(child: LogicalPlan, exprs: readonly NamedExpr[]): LogicalPlan {
    const specs = new Map<string, { spec: WindowExpression['spec']; exprs: NamedExpr[] }>();
    const replaced = exprs.map((e) =>
      transformDown(e, (n) => {
        if (n.kind !== 'windowExpression') return undefined;
        const key = JSON.stringify([n.spec.partitionSpec, n.spec.orderSpec]);
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

  private resolveGroupingSets(p: Extract<LogicalPlan, { kind: 'groupingSets' }>): LogicalPlan {
    const r = this.resolver(p, outputOf(p.child));
    const groupExprs = p.groupingExprs.map((e) => r.resolve(e));
    const childOut = outputOf(p.child);
    const gAttrs = groupExprs.map((e, i) => ({
      kind: 'attributeReference' as const,
      name: e.kind === 'attributeReference' ? e.name : prettyName(e),
      exprId: newExprId(),
      dataType: dataTypeOf(e),
      nullable: true,
      qualifier: [] as string[],
      __i: i,
    }));
    const gid = {
      kind: 'attributeReference' as const,
      name: 'spark_grouping_id',
      exprId: newExprId(),
      dataType: { kind: 'long' as const },
      nullable: false,
      qualifier: [] as string[],
    };
    const projections = p.sets.map((set) => {
      let mask = 0;
      groupExprs.forEach((_, i) => {
        if (!set.includes(i)) mask |= 1 << (groupExprs.length - 1 - i);
      });
      return [
        ...childOut,
        ...groupExprs.map((e, i) => (set.includes(i) ? e : literal(null, dataTypeOf(e)))),
        literal(mask, { kind: 'long' }),
      ];
    });
    const cleanG = gAttrs.map(({ __i, ...a }) => a);
    const expand: LogicalPlan = {
      kind: 'expand',
      child: p.child,
      projections,
      output: [...childOut, ...cleanG, gid],
    };
    // aggregate expressions refer to the original grouping expressions: map them onto the expanded attributes
    const mapped = p.aggregateExprs.map((e) => {
      const resolved = r.resolve(e);
      return transformDown(resolved, (n) => {
        const idx = groupExprs.findIndex((g) => JSON.stringify(g) === JSON.stringify(n));
        if (idx >= 0 && !containsAggregate(n)) return cleanG[idx]!;
        if (n.kind === 'fn' && (n.name === 'grouping' || n.name === 'grouping_id')) return n;
        return undefined;
      });
    });
    return resolveAggregate(
      {
        kind: 'aggregate',
        child: expand,
        groupingExprs: [...cleanG, gid],
        aggregateExprs: mapped.map((e) => this.name(e)),
      },
      this.resolver(p, outputOf(expand)),
      this.ctx,
    );
  }
}

function ordinalRef(i: number, out: readonly AttributeReference[]): Expr {
  const a = out[i - 1];
  if (!a) {
    throw new AnalysisException(
      'ORDER_BY_POS_OUT_OF_RANGE',
      `ORDER BY position ${i} is not in select list (valid range is [1, ${out.length}]).`,
    );
  }
  return a;
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

/** A CTE referenced twice must not share exprIds between the two uses (self-joins). */
function freshCopy(p: LogicalPlan): LogicalPlan {
  const out = outputOf(p);
  return { kind: 'project', child: p, projectList: out.map((a) => alias(a, a.name)) };
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

function rewritePivot(p: Extract<LogicalPlan, { kind: 'pivot' }>, r: ExpressionResolver): LogicalPlan {
  const pivotCol = r.resolve(p.pivotColumn);
  const values = p.pivotValues ?? [];
  const aggs = p.aggregates;
  const list: Expr[] = [...p.groupingExprs];
  for (const v of values) {
    for (const a of aggs) {
      const inner = a.kind === 'alias' ? a.child : a;
      const cond: Expr = {
        kind: 'unresolvedFunction',
        name: 'equal_null_safe',
        args: [pivotCol, literal(v, dataTypeOf(pivotCol))],
        internal: true,
      };
      const rewritten = transformDown(inner, (n) => {
        if (n.kind === 'unresolvedFunction' && !n.internal) return undefined;
        if (n.kind === 'unresolvedFunction') {
          return {
            ...n,
            args: n.args.map(
              (x) =>
                ({
                  kind: 'unresolvedFunction',
                  name: 'if',
                  args: [
                    cond,
                    x.kind === 'unresolvedStar' ? literal(1, { kind: 'integer' }) : x,
                    literal(null, NullType),
                  ],
                  internal: true,
                }) as Expr,
            ),
          };
        }
        return undefined;
      });
      const vName = v === null ? 'null' : String(v);
      const aggName = a.kind === 'alias' ? a.name : prettyName(inner);
      list.push(alias(rewritten, aggs.length === 1 ? vName : `${vName}_${aggName}`));
    }
  }
  return { kind: 'aggregate', child: p.child, groupingExprs: p.groupingExprs, aggregateExprs: list };
}

export type { AggregateCall };

void nullableOf;
