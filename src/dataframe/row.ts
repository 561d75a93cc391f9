/**
 * `Row`: what `collect()` returns — fields by name (`row.house`, `row.get('house')`) and by
 * position (`row.get(0)`), like PySpark's Row. Field names are own enumerable properties, so
 * `JSON.stringify(row)` and spreading give a plain object.
 */
export class Row {
  readonly #values: readonly unknown[];
  readonly #names: readonly string[];

  constructor(names: readonly string[], values: readonly unknown[]) {
    this.#values = values;
    this.#names = names;
    names.forEach((n, i) => {
      if (!(n in this)) Object.defineProperty(this, n, { value: values[i], enumerable: true });
    });
  }

  /** A value by field name or position. */
  get(key: string | number): unknown {
    if (typeof key === 'number') return this.#values[key];
    const i = this.#names.indexOf(key);
    if (i < 0) throw new RangeError(`No field named '${key}' in Row(${this.#names.join(', ')})`);
    return this.#values[i];
  }

  get length(): number {
    return this.#values.length;
  }

  fieldNames(): string[] {
    return [...this.#names];
  }

  toArray(): unknown[] {
    return [...this.#values];
  }

  asDict(recursive = false): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    this.#names.forEach((n, i) => {
      const v = this.#values[i];
      o[n] = recursive && v instanceof Row ? v.asDict(true) : v;
    });
    return o;
  }

  [key: string]: unknown;
}
