/**
 * Resolves expressions against the output of a child plan: names → attributes (case-insensitive
 * unless spark.sql.caseSensitive), struct field access, function calls → registry nodes with
 * implicit coercion, casts (ANSI when the session says so), lambdas, default window frames.
 *
 * Invariants: the result of `resolve` is fully resolved or an AnalysisException was thrown with
 * Spark's error class (UNRESOLVED_COLUMN, AMBIGUOUS_REFERENCE, UNRESOLVED_ROUTINE,
 * WRONG_NUM_ARGS, DATATYPE_MISMATCH.*); `*` is expanded only where a list is expected.
 */
import { quoteIdentifier } from '../expr/column-name.js';
import {
  type AttributeReference,
  type Expr,
  type LambdaVariable,
  literal,
  newExprId,
  type WindowFrame,
} from '../expr/expression.js';
import { dataTypeOf, nullableOf } from '../expr/expression-type.js';
import { type FunctionContext, type FunctionDef, lookupFunction } from '../expr/function-registry.js';
import { prettyName } from '../expr/pretty-name.js';
import { castMismatch } from '../types/cast.js';
import { IntegerType, NullType, StringType, sqlTypeName } from '../types/data-type.js';
import { AnalysisException, suggest } from '../util/errors.js';

export interface ResolverOptions {
  /** Extra attributes visible by planId (df.col('x') from a DataFrame that is a subtree). */
  readonly planOutputs?: ReadonlyMap<number, readonly AttributeReference[]>;
  /** Attributes of enclosing queries (correlated subqueries). */
  readonly outer?: readonly AttributeReference[];
  /** Resolves a subquery plan (set by the analyzer). */
  readonly resolveSubquery?: (e: Extract<Expr, { kind: 'subquery' }>) => Expr;
}

export class ExpressionResolver {
  private lambdaScope: Map<string, LambdaVariable>[] = [];

  constructor(
    private readonly input: readonly AttributeReference[],
    private readonly ctx: FunctionContext,
    private readonly options: ResolverOptions = {},
  ) {}

  private get caseSensitive(): boolean {
    return this.ctx.conf.getBoolean('spark.sql.caseSensitive', false);
  }

  private same(a: string, b: string): boolean {
    return this.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
  }

  /** Expands `*` / `t.*` into attributes; other expressions resolve to one. */
  resolveList(exprs: readonly Expr[]): Expr[] {
    const out: Expr[] = [];
    for (const e of exprs) {
      if (e.kind === 'unresolvedStar') out.push(...this.expandStar(e.target));
      else out.push(this.resolve(e));
    }
    return out;
  }

  expandStar(target?: readonly string[]): Expr[] {
    if (!target || target.length === 0) return [...this.input];
    const byQualifier = this.input.filter(
      (a) =>
        a.qualifier.length > 0 && this.same(a.qualifier[a.qualifier.length - 1]!, target[target.length - 1]!),
    );
    if (byQualifier.length) return byQualifier;
    // struct.* expands the struct's fields
    const s = this.resolve({ kind: 'unresolvedAttribute', nameParts: target });
    const t = dataTypeOf(s);
    if (t.kind !== 'struct') {
      throw new AnalysisException(
        'CANNOT_RESOLVE_STAR_EXPAND',
        `Cannot resolve \`${target.join('.')}\`.* given input columns ${this.inputList()}.`,
      );
    }
    return t.fields.map((f, i) => ({
      kind: 'alias' as const,
      name: f.name,
      exprId: newExprId(),
      child: {
        kind: 'getStructField' as const,
        child: s,
        ordinal: i,
        name: f.name,
        dataType: f.dataType,
        nullable: f.nullable || nullableOf(s),
      },
    }));
  }

  private inputList(): string {
    return `[${this.input.map((a) => `\`${a.name}\``).join(', ')}]`;
  }

  resolve(e: Expr): Expr {
    switch (e.kind) {
      case 'literal':
      case 'attributeReference':
      case 'lambdaVariable':
        return e;
      case 'unresolvedAttribute':
        return this.resolveAttribute(e.nameParts, e.planId);
      case 'unresolvedStar':
        throw new AnalysisException(
          'INVALID_USAGE_OF_STAR_OR_REGEX',
          `Invalid usage of '*' in expression \`${prettyName(e)}\`.`,
        );
      case 'alias': {
        const child = this.resolve(e.child);
        return child === e.child ? e : { ...e, child };
      }
      case 'cast': {
        const child = this.resolve(e.child);
        const from = dataTypeOf(child);
        const mode = e.mode === 'legacy' && !e.implicit && this.ctx.ansi ? 'ansi' : e.mode;
        const mismatch = castMismatch(from, e.dataType, mode);
        if (mismatch) {
          throw new AnalysisException(
            `DATATYPE_MISMATCH.${mismatch.subClass}`,
            `Cannot resolve "${prettyName({ ...e, child, mode })}" due to data type mismatch: ${mismatch.detail}`,
          );
        }
        return { ...e, child, mode };
      }
      case 'sortOrder':
        return { ...e, child: this.resolve(e.child) };
      case 'unresolvedExtractValue':
        return this.resolveExtract(this.resolve(e.child), this.resolve(e.extraction));
      case 'unresolvedFunction':
        return this.resolveFunction(e);
      case 'windowExpression': {
        const fn = this.resolve(e.fn);
        if (fn.kind !== 'aggregate' && !(fn.kind === 'fn' && lookupFunction(fn.name)?.kind === 'window')) {
          throw new AnalysisException(
            'UNSUPPORTED_EXPR_FOR_WINDOW',
            `Expression "${prettyName(fn)}" not supported within a window function.`,
          );
        }
        const partitionSpec = e.spec.partitionSpec.map((x) => this.resolve(x));
        const orderSpec = e.spec.orderSpec.map((x) => {
          const r = this.resolve(x);
          return r.kind === 'sortOrder'
            ? r
            : { kind: 'sortOrder' as const, child: r, ascending: true, nullsFirst: true };
        });
        const isRanking = fn.kind === 'fn';
        let frame: WindowFrame | undefined = e.spec.frame;
        if (fn.kind === 'fn' && (fn.name === 'lag' || fn.name === 'lead')) {
          // Spark gives offset functions a one-row frame at the offset (shown in their column names)
          const off = fn.args[1]?.kind === 'literal' ? Number(fn.args[1].value) : 1;
          const at = fn.name === 'lag' ? -off : off;
          frame = { frameType: 'rows', lower: at, upper: at };
        }
        if (!frame) {
          frame =
            isRanking || orderSpec.length > 0
              ? isRanking && !(fn.kind === 'fn' && fn.name === 'cume_dist')
                ? { frameType: 'rows', lower: 'unboundedPreceding', upper: 'currentRow' }
                : { frameType: 'range', lower: 'unboundedPreceding', upper: 'currentRow' }
              : { frameType: 'rows', lower: 'unboundedPreceding', upper: 'unboundedFollowing' };
        }
        if (isRanking && orderSpec.length === 0) {
          throw new AnalysisException(
            'WINDOW_FUNCTION_WITHOUT_ORDER_BY',
            `Window function ${prettyName(fn)} requires window to be ordered, please add ORDER BY clause. For example SELECT ${prettyName(fn)}(value_expr) OVER (PARTITION BY window_partition ORDER BY window_ordering) from table.`,
          );
        }
        return { kind: 'windowExpression', fn, spec: { partitionSpec, orderSpec, frame } };
      }
      case 'unresolvedLambda':
        throw new AnalysisException(
          'INVALID_LAMBDA_FUNCTION_CALL',
          'A lambda function can only be used as a function argument.',
        );
      case 'subquery':
        if (!this.options.resolveSubquery) {
          throw new AnalysisException(
            'UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY',
            'Subqueries are not supported here.',
          );
        }
        return this.options.resolveSubquery(e);
      case 'unresolvedOrdinal':
        return literal(e.ordinal, IntegerType);
      default:
        // already-resolved composite nodes: resolve children that may still be unresolved
        return e;
    }
  }

  private resolveAttribute(parts: readonly string[], planId?: number): Expr {
    // lambda variables shadow columns
    if (parts.length >= 1) {
      for (let i = this.lambdaScope.length - 1; i >= 0; i--) {
        const v = this.lambdaScope[i]!.get(parts[0]!.toLowerCase());
        if (v) return this.extractFields(v, parts.slice(1));
      }
    }
    let candidates = this.input;
    if (planId !== undefined && this.options.planOutputs?.has(planId)) {
      const allowed = new Set(this.options.planOutputs.get(planId)!.map((a) => a.exprId));
      candidates = this.input.filter((a) => allowed.has(a.exprId));
    }
    const found = this.match(candidates, parts);
    if (found) return found;
    if (this.options.outer) {
      const outer = this.match(this.options.outer, parts);
      if (outer) return outer;
    }
    const name = parts.map(quoteIdentifier).join('.');
    const near = suggest(
      parts[parts.length - 1]!,
      candidates.map((a) => a.name),
    ).map((n) => {
      const a = candidates.find((x) => x.name === n)!;
      return [...a.qualifier, a.name].map((x) => `\`${x}\``).join('.');
    });
    if (near.length === 0) {
      throw new AnalysisException(
        'UNRESOLVED_COLUMN.WITHOUT_SUGGESTION',
        `A column, variable, or function parameter with name \`${parts.join('`.`')}\` cannot be resolved.`,
        { objectName: name },
      );
    }
    throw new AnalysisException(
      'UNRESOLVED_COLUMN.WITH_SUGGESTION',
      `A column, variable, or function parameter with name \`${parts.join('`.`')}\` cannot be resolved. Did you mean one of the following? [${near.join(', ')}].`,
      { objectName: name, proposal: near },
    );
  }

  /** Tries `qualifier.name.fields…`, then `name.fields…`. */
  private match(cands: readonly AttributeReference[], parts: readonly string[]): Expr | undefined {
    if (parts.length >= 2) {
      const q = parts[0]!;
      const n = parts[1]!;
      const hits = cands.filter(
        (a) =>
          a.qualifier.length > 0 &&
          this.same(a.qualifier[a.qualifier.length - 1]!, q) &&
          this.same(a.name, n),
      );
      if (hits.length === 1) return this.extractFields(spelledAs(hits[0]!, n), parts.slice(2));
      if (hits.length > 1) throw this.ambiguous(parts, hits);
    }
    const hits = cands.filter((a) => this.same(a.name, parts[0]!));
    const unique = dedupeById(hits);
    if (unique.length === 1) return this.extractFields(spelledAs(unique[0]!, parts[0]!), parts.slice(1));
    if (unique.length > 1) throw this.ambiguous(parts, unique);
    return undefined;
  }

  private ambiguous(parts: readonly string[], hits: readonly AttributeReference[]): AnalysisException {
    return new AnalysisException(
      'AMBIGUOUS_REFERENCE',
      `Reference \`${parts.join('`.`')}\` is ambiguous, could be: [${hits
        .map((a) => [...a.qualifier, a.name].map((x) => `\`${x}\``).join('.'))
        .join(', ')}].`,
    );
  }

  private extractFields(base: Expr, fields: readonly string[]): Expr {
    let cur = base;
    for (const f of fields) cur = this.resolveExtract(cur, literal(f, StringType));
    if (fields.length === 0) return cur;
    // `e.house` is named `house` (Spark aliases a resolved nested field by its last part)
    const last = cur.kind === 'getStructField' ? cur.name : fields[fields.length - 1]!;
    return { kind: 'alias', child: cur, name: last, exprId: newExprId(), implicit: true };
  }

  private resolveExtract(child: Expr, extraction: Expr): Expr {
    const t = dataTypeOf(child);
    if (t.kind === 'struct') {
      if (extraction.kind !== 'literal' || typeof extraction.value !== 'string') {
        throw new AnalysisException(
          'INVALID_EXTRACT_FIELD_TYPE',
          'Field name should be a non-null string literal.',
        );
      }
      const name = extraction.value;
      const idx = t.fields.findIndex((f) => this.same(f.name, name));
      if (idx < 0) {
        throw new AnalysisException(
          'FIELD_NOT_FOUND',
          `No such struct field \`${name}\` in ${t.fields.map((f) => `\`${f.name}\``).join(', ')}.`,
        );
      }
      const f = t.fields[idx]!;
      return {
        kind: 'getStructField',
        child,
        ordinal: idx,
        name: f.name,
        dataType: f.dataType,
        nullable: f.nullable || nullableOf(child),
      };
    }
    if (t.kind === 'array' && extraction.kind === 'literal' && typeof extraction.value === 'string') {
      // array of structs: a.field → array of the field values
      const el = t.elementType;
      if (el.kind === 'struct') {
        return this.resolveFunction({
          kind: 'unresolvedFunction',
          name: '__array_struct_field',
          args: [child, extraction],
          internal: true,
        });
      }
    }
    if (t.kind === 'array' || t.kind === 'map') {
      return this.resolveFunction({
        kind: 'unresolvedFunction',
        name: '__get_item',
        args: [child, extraction],
        internal: true,
      });
    }
    throw new AnalysisException(
      'INVALID_EXTRACT_BASE_FIELD_TYPE',
      `Can't extract a value from "${prettyName(child)}". Need a complex type [STRUCT, ARRAY, MAP] but got "${sqlTypeName(t)}".`,
    );
  }

  private resolveFunction(e: Extract<Expr, { kind: 'unresolvedFunction' }>): Expr {
    if (e.internal && e.name === '__multi_alias') return this.resolveMultiAlias(e);
    const def = lookupFunction(e.name);
    if (!def) {
      throw new AnalysisException(
        'UNRESOLVED_ROUTINE',
        `Cannot resolve routine \`${e.name}\` on search path [\`system\`.\`builtin\`, \`system\`.\`session\`].`,
        { routineName: e.name },
      );
    }
    // count(*) → count(1); other stars expand in place (struct(*), concat(*), hash(*))
    const rawArgs: Expr[] = [];
    for (const a of e.args) {
      if (a.kind === 'unresolvedStar') {
        if (def.name === 'count' && !a.target) rawArgs.push(literal(1, IntegerType));
        else rawArgs.push(...this.expandStar(a.target));
      } else rawArgs.push(a);
    }
    if (rawArgs.length < def.minArgs || rawArgs.length > def.maxArgs) {
      throw wrongNumArgs(def, rawArgs.length);
    }
    const args = this.resolveArgs(def, rawArgs);
    const filter = e.filter ? this.resolve(e.filter) : undefined;
    const display = prettyName({ ...e, args }, this.ctx.timeZone);
    try {
      switch (def.kind) {
        case 'scalar':
        case 'window': {
          const replacement = def.kind === 'scalar' ? def.rewrite?.(args, this.ctx) : undefined;
          if (replacement) return this.resolve(replacement);
          const r = def.resolve(args, this.ctx);
          const params =
            def.kind === 'window' && e.ignoreNulls ? { ...r.params, ignoreNulls: true } : r.params;
          return {
            kind: 'fn',
            name: def.name,
            args: r.args,
            dataType: r.dataType,
            nullable: r.nullable,
            ...(params ? { params } : {}),
          };
        }
        case 'aggregate': {
          const r = def.resolve(args, this.ctx);
          return {
            kind: 'aggregate',
            name: def.name,
            args: r.args,
            distinct: e.distinct ?? false,
            ignoreNulls: e.ignoreNulls ?? false,
            ...(filter ? { filter } : {}),
            dataType: r.dataType,
            nullable: r.nullable,
            ...(r.params ? { params: r.params } : {}),
          };
        }
        case 'generator': {
          const r = def.resolve(args, this.ctx);
          return {
            kind: 'generator',
            name: def.name,
            args: r.args,
            outer: def.name.endsWith('_outer'),
            elementFields: r.elementFields,
            dataType: StringType,
            nullable: true,
          };
        }
      }
    } catch (err) {
      if (err instanceof AnalysisException && err.message.includes('"x')) {
        throw new AnalysisException(
          err.errorClass,
          err.message.replace(/"[^"]*"/, `"${display}"`),
          err.context,
        );
      }
      throw err;
    }
  }

  /**
   * `expr AS (a, b)` / `col.alias('a', 'b')`: names the columns of a generator. Kept as an internal
   * `__multi_alias` node (generator first, then the names) that the analyzer turns into a Generate.
   */
  private resolveMultiAlias(e: Extract<Expr, { kind: 'unresolvedFunction' }>): Expr {
    const [first, ...names] = e.args;
    const g = this.resolve(first!);
    const inner = g.kind === 'alias' ? g.child : g;
    if (inner.kind !== 'generator') {
      const list = names.map((n) => String((n as { value?: unknown }).value)).join(', ');
      throw new AnalysisException(
        'MULTI_ALIAS_WITHOUT_GENERATOR',
        `Multi part aliasing (${list}) is not supported with "${prettyName(g, this.ctx.timeZone)}" as it is not a generator function.`,
      );
    }
    return { kind: 'fn', name: '__multi_alias', args: [inner, ...names], dataType: NullType, nullable: true };
  }

  /** Resolves arguments; lambdas get their parameter types from the function (after the other args). */
  private resolveArgs(def: FunctionDef, raw: readonly Expr[]): Expr[] {
    const resolved: (Expr | undefined)[] = raw.map((a) =>
      a.kind === 'unresolvedLambda' ? undefined : this.resolve(a),
    );
    for (let i = 0; i < raw.length; i++) {
      const a = raw[i]!;
      if (a.kind !== 'unresolvedLambda') continue;
      const hook = (def as { lambdaParams?: LambdaParamsHook }).lambdaParams;
      if (!hook) {
        throw new AnalysisException(
          'INVALID_LAMBDA_FUNCTION_CALL',
          `Function ${def.name} does not take a lambda.`,
        );
      }
      const types = hook(resolved, i, a.paramNames.length);
      const params: LambdaVariable[] = a.paramNames.map((name, j) => ({
        kind: 'lambdaVariable',
        name,
        exprId: newExprId(),
        dataType: types[j]?.dataType ?? StringType,
        nullable: types[j]?.nullable ?? true,
      }));
      this.lambdaScope.push(new Map(params.map((p) => [p.name.toLowerCase(), p])));
      try {
        resolved[i] = { kind: 'lambda', params, body: this.resolve(a.body) };
      } finally {
        this.lambdaScope.pop();
      }
    }
    return resolved as Expr[];
  }
}

/** A function taking lambdas tells the resolver its lambda parameters' types, given the other args. */
export type LambdaParamsHook = (
  args: readonly (Expr | undefined)[],
  lambdaIndex: number,
  arity: number,
) => readonly { dataType: import('../types/data-type.js').DataType; nullable: boolean }[];

function wrongNumArgs(def: FunctionDef, n: number): AnalysisException {
  const expected =
    def.maxArgs === Number.POSITIVE_INFINITY
      ? `> ${def.minArgs - 1}`
      : def.minArgs === def.maxArgs
        ? String(def.minArgs)
        : `[${Array.from({ length: def.maxArgs - def.minArgs + 1 }, (_, i) => def.minArgs + i).join(', ')}]`;
  return new AnalysisException(
    'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
    `The \`${def.name}\` requires ${expected} parameters but the actual number is ${n}.`,
  );
}

/** A column matched case-insensitively takes the spelling the query used (Spark's `withName`). */
function spelledAs(a: AttributeReference, name: string): AttributeReference {
  return a.name === name ? a : { ...a, name };
}

function dedupeById(attrs: readonly AttributeReference[]): AttributeReference[] {
  const seen = new Set<number>();
  return attrs.filter((a) => {
    if (seen.has(a.exprId)) return false;
    seen.add(a.exprId);
    return true;
  });
}
