/**
 * `Window.partitionBy(..).orderBy(..).rowsBetween(..)`: immutable window specification builders,
 * as PySpark's `pyspark.sql.Window` / `WindowSpec`.
 */
import type { Expr, FrameBoundary, SortOrder, WindowFrame, WindowSpec } from '../expr/expression.js';
import { type ColumnOrName, toColumn } from './column.js';

const UNBOUNDED = 2 ** 62;

function toBoundary(v: number): FrameBoundary {
  if (v <= -UNBOUNDED || v === Number.NEGATIVE_INFINITY) return 'unboundedPreceding';
  if (v >= UNBOUNDED || v === Number.POSITIVE_INFINITY) return 'unboundedFollowing';
  if (v === 0) return 'currentRow';
  return v;
}

function toOrder(c: ColumnOrName): SortOrder {
  const e = toColumn(c).expr;
  return e.kind === 'sortOrder' ? e : { kind: 'sortOrder', child: e, ascending: true, nullsFirst: true };
}

export class WindowSpecBuilder {
  constructor(
    private readonly partition: readonly Expr[] = [],
    private readonly order: readonly SortOrder[] = [],
    private readonly frame?: WindowFrame,
  ) {}

  partitionBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpecBuilder {
    return new WindowSpecBuilder(
      cols.flat().map((c) => toColumn(c).expr),
      this.order,
      this.frame,
    );
  }
  orderBy(...cols: (ColumnOrName | ColumnOrName[])[]): WindowSpecBuilder {
    return new WindowSpecBuilder(this.partition, cols.flat().map(toOrder), this.frame);
  }
  rowsBetween(start: number, end: number): WindowSpecBuilder {
    return new WindowSpecBuilder(this.partition, this.order, {
      frameType: 'rows',
      lower: toBoundary(start),
      upper: toBoundary(end),
    });
  }
  rangeBetween(start: number, end: number): WindowSpecBuilder {
    return new WindowSpecBuilder(this.partition, this.order, {
      frameType: 'range',
      lower: toBoundary(start),
      upper: toBoundary(end),
    });
  }
  toSpec(): WindowSpec {
    return this.frame
      ? { partitionSpec: this.partition, orderSpec: this.order, frame: this.frame }
      : { partitionSpec: this.partition, orderSpec: this.order };
  }
}

/** PySpark's `Window`: entry points and frame boundary constants. */
export const Window = {
  unboundedPreceding: -(2 ** 63),
  unboundedFollowing: 2 ** 63,
  currentRow: 0,
  partitionBy: (...cols: (ColumnOrName | ColumnOrName[])[]) => new WindowSpecBuilder().partitionBy(...cols),
  orderBy: (...cols: (ColumnOrName | ColumnOrName[])[]) => new WindowSpecBuilder().orderBy(...cols),
  rowsBetween: (start: number, end: number) => new WindowSpecBuilder().rowsBetween(start, end),
  rangeBetween: (start: number, end: number) => new WindowSpecBuilder().rangeBetween(start, end),
};
