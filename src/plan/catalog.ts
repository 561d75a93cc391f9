/**
 * The session catalog: temporary views by name (case-insensitive like Spark's default), each
 * holding an analyzed logical plan. Tables over folders (CREATE TABLE … LOCATION) are views over a
 * data-source relation.
 */
import { AnalysisException, suggest } from '../util/errors.js';
import type { LogicalPlan } from './logical-plan.js';

export interface CatalogEntry {
  readonly name: string;
  readonly plan: LogicalPlan;
  readonly isTemporary: boolean;
  readonly description?: Readonly<Record<string, unknown>>;
}

export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();

  register(
    name: string,
    plan: LogicalPlan,
    replace: boolean,
    isTemporary = true,
    description?: Record<string, unknown>,
  ): void {
    const key = name.toLowerCase();
    if (!replace && this.entries.has(key)) {
      throw new AnalysisException(
        'TEMP_TABLE_OR_VIEW_ALREADY_EXISTS',
        `Cannot create the temporary view \`${name}\` because it already exists.`,
      );
    }
    this.entries.set(
      key,
      description ? { name, plan, isTemporary, description } : { name, plan, isTemporary },
    );
  }

  lookup(name: string): CatalogEntry | undefined {
    return this.entries.get(name.toLowerCase());
  }

  resolve(nameParts: readonly string[]): LogicalPlan {
    const name = nameParts[nameParts.length - 1]!;
    const e = this.lookup(name);
    if (!e) {
      const near = suggest(
        name,
        [...this.entries.values()].map((x) => x.name),
      );
      throw new AnalysisException(
        'TABLE_OR_VIEW_NOT_FOUND',
        `The table or view \`${nameParts.join('.')}\` cannot be found. Verify the spelling and correctness of the schema and catalog.${
          near.length ? ` Did you mean one of the following? [${near.map((n) => `\`${n}\``).join(', ')}]` : ''
        }`,
      );
    }
    return e.plan;
  }

  drop(name: string): boolean {
    return this.entries.delete(name.toLowerCase());
  }

  list(): CatalogEntry[] {
    return [...this.entries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
