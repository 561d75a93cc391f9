/**
 * Session configuration (`spark.conf`): string-valued settings with Spark's defaults.
 *
 * Invariant: values are stored as strings exactly as set (as Spark does); typed getters parse
 * them. Keys are case-sensitive like Spark's.
 */
export const DEFAULTS: Readonly<Record<string, string>> = {
  'spark.app.name': 'sluice',
  'spark.master': 'local[*]',
  'spark.sql.ansi.enabled': 'false',
  'spark.sql.caseSensitive': 'false',
  'spark.sql.session.timeZone': Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  'spark.sql.shuffle.partitions': '200',
  'spark.default.parallelism': '',
  'spark.sql.autoBroadcastJoinThreshold': '10485760',
  'spark.sql.streaming.schemaInference': 'false',
  'spark.sql.columnNameOfCorruptRecord': '_corrupt_record',
  'spark.sql.legacy.timeParserPolicy': 'CORRECTED',
  'spark.sql.maxPlanStringLength': '2147483632',
  'spark.sql.repl.eagerEval.enabled': 'false',
  'spark.sql.files.maxPartitionBytes': '134217728',
};

export class Conf {
  private readonly values = new Map<string, string>();

  constructor(initial: Readonly<Record<string, string>> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  get(key: string, defaultValue?: string): string | undefined {
    return this.values.get(key) ?? DEFAULTS[key] ?? defaultValue;
  }

  set(key: string, value: string | number | boolean): void {
    this.values.set(key, String(value));
  }

  unset(key: string): void {
    this.values.delete(key);
  }

  isModifiable(key: string): boolean {
    return !key.startsWith('spark.master') && key !== 'spark.app.name';
  }

  getBoolean(key: string, defaultValue = false): boolean {
    const v = this.get(key);
    return v === undefined || v === '' ? defaultValue : v.toLowerCase() === 'true';
  }

  getNumber(key: string, defaultValue: number): number {
    const v = this.get(key);
    if (v === undefined || v === '') return defaultValue;
    const n = Number(v);
    return Number.isFinite(n) ? n : defaultValue;
  }

  /** All explicitly set values merged over the defaults. */
  getAll(): Record<string, string> {
    return { ...DEFAULTS, ...Object.fromEntries(this.values) };
  }

  copy(): Conf {
    return new Conf(Object.fromEntries(this.values));
  }
}
