/**
 * The benchmark report: a Markdown table of medians per variant, a table of Sluice/Spark
 * ratios, and the context needed to reproduce (date, machine, software, command, method). The
 * same text is printed and appended to bench/RESULTS.md.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { MetricSpec } from './benchmark.js';
import { formatCount, formatMiB, formatMs, formatRatio, formatSeconds } from './format.js';
import type { MachineInfo } from './machine.js';
import type { RssMethod } from './measure.js';
import type { Ratio, Variant, VariantSummary } from './stats.js';

export interface ReportInput {
  readonly benchmark: string;
  readonly summary: string;
  readonly date: Date;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly data: string;
  readonly reps: number;
  readonly rssMethod: RssMethod;
  readonly summaries: readonly VariantSummary[];
  readonly ratios: readonly Ratio[];
  readonly notes: readonly string[];
  /** The benchmark's extra metrics, shown after the standard columns. */
  readonly metrics?: readonly MetricSpec[];
}

const ENGINE_LABEL = { sluice: 'Sluice', spark: 'Spark' } as const;

function variantLabel(v: Variant): string {
  return `${ENGINE_LABEL[v.engine]} ${v.master}`;
}

/** A Markdown table padded the way the formatter lays it out, so RESULTS.md stays lint-clean. */
export function table(
  header: readonly string[],
  align: readonly ('l' | 'r')[],
  rows: readonly (readonly string[])[],
): string {
  for (const r of rows) {
    if (r.length !== header.length)
      throw new Error(`table row has ${r.length} cells for ${header.length} columns`);
  }
  const widths = header.map((h, c) => Math.max(3, h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const cell = (text: string, c: number) =>
    align[c] === 'r' ? text.padStart(widths[c]!) : text.padEnd(widths[c]!);
  const line = (cells: readonly string[]) => `| ${cells.map((t, c) => cell(t, c)).join(' | ')} |`;
  const rule = `| ${widths.map((w, c) => (align[c] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

interface Column<T> {
  readonly header: string;
  readonly align: 'l' | 'r';
  readonly cell: (row: T) => string;
}

function columnTable<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  return table(
    columns.map((c) => c.header),
    columns.map((c) => c.align),
    rows.map((r) => columns.map((c) => c.cell(r))),
  );
}

function formatMetric(spec: MetricSpec, v: number | undefined): string {
  return v === undefined ? 'n/a' : spec.unit === 'ms' ? formatMs(v) : formatCount(v);
}

export function resultsTable(
  summaries: readonly VariantSummary[],
  metrics: readonly MetricSpec[] = [],
): string {
  const warm = summaries.some((s) => s.warmProcessingMs !== undefined);
  const columns: Column<VariantSummary>[] = [
    { header: 'engine', align: 'l', cell: (s) => ENGINE_LABEL[s.engine] },
    { header: 'master', align: 'l', cell: (s) => s.master },
    { header: 'runs', align: 'r', cell: (s) => String(s.runs) },
    { header: 'wall s', align: 'r', cell: (s) => formatSeconds(s.wallMs) },
    { header: 'CPU s', align: 'r', cell: (s) => formatSeconds(s.cpuMs) },
    {
      header: 'processing ms (min–max)',
      align: 'r',
      cell: (s) =>
        `${formatMs(s.processingMs)} (${formatMs(s.processingMinMs)}–${formatMs(s.processingMaxMs)})`,
    },
    { header: 'first result ms', align: 'r', cell: (s) => formatMs(s.firstResultMs) },
    { header: 'rows/s', align: 'r', cell: (s) => formatCount(s.rowsPerSec) },
  ];
  if (warm) {
    columns.push(
      { header: 'warm ms', align: 'r', cell: (s) => formatMs(s.warmProcessingMs) },
      {
        header: 'warm rows/s',
        align: 'r',
        cell: (s) => (s.warmRowsPerSec === undefined ? 'n/a' : formatCount(s.warmRowsPerSec)),
      },
    );
  }
  if (summaries.some((s) => s.latencyP99Ms !== undefined)) {
    columns.push(
      { header: 'latency p50 ms', align: 'r', cell: (s) => formatMs(s.latencyP50Ms) },
      { header: 'latency p99 ms', align: 'r', cell: (s) => formatMs(s.latencyP99Ms) },
    );
  }
  for (const spec of metrics) {
    columns.push({ header: spec.header, align: 'r', cell: (s) => formatMetric(spec, s.metrics[spec.key]) });
  }
  columns.push({ header: 'peak RSS MiB', align: 'r', cell: (s) => formatMiB(s.peakRssBytes) });
  return columnTable(columns, summaries);
}

export function ratioTable(ratios: readonly Ratio[], metrics: readonly MetricSpec[] = []): string {
  const columns: Column<Ratio>[] = [
    {
      header: 'Sluice / Spark',
      align: 'l',
      cell: (r) => `${variantLabel(r.sluice)} vs ${variantLabel(r.spark)}`,
    },
    { header: 'wall time', align: 'r', cell: (r) => formatRatio(r.wall) },
    { header: 'CPU time', align: 'r', cell: (r) => formatRatio(r.cpu) },
    { header: 'processing time', align: 'r', cell: (r) => formatRatio(r.processing) },
    { header: 'throughput (rows/s)', align: 'r', cell: (r) => formatRatio(r.throughput) },
  ];
  if (ratios.some((r) => r.warmThroughput !== undefined)) {
    columns.push({ header: 'warm throughput', align: 'r', cell: (r) => formatRatio(r.warmThroughput) });
  }
  if (ratios.some((r) => r.latencyP99 !== undefined)) {
    columns.push({ header: 'latency p99', align: 'r', cell: (r) => formatRatio(r.latencyP99) });
  }
  for (const spec of metrics) {
    columns.push({
      header: spec.header.replace(/ (ms|MiB)$/, ''),
      align: 'r',
      cell: (r) => formatRatio(r.metrics[spec.key]),
    });
  }
  columns.push({ header: 'peak RSS', align: 'r', cell: (r) => formatRatio(r.peakRss) });
  return columnTable(columns, ratios);
}

const RSS_METHOD_TEXT: Record<RssMethod, string> = {
  'gnu-time':
    'GNU time `%M %U %S` (peak RSS: the largest among the run’s processes; CPU: user + system time of all of them; ' +
    'the pyspark job reaps its JVM so it is counted)',
  proc: '/proc sampling every 20 ms (peak RSS: the largest VmHWM among the run’s processes; CPU: utime + stime summed over them)',
};

export function renderReport(r: ReportInput): string {
  const m = r.machine;
  const gib = (m.memoryBytes / 1024 ** 3).toFixed(1);
  const when = `${r.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    `## ${r.benchmark} — ${when}`,
    '',
    r.summary,
    '',
    `- Command: \`${r.command}\``,
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${gib} GiB RAM, ${m.os}; 1-min load average at start ${m.loadAverage.toFixed(2)}`,
    `- Software: Node ${m.node}; ${m.java}; pyspark ${m.pyspark}; Sluice ${m.sluice}`,
    `- Data: ${r.data}`,
    `- Method: each run is a separate process; runs alternate Sluice, Spark, Sluice, Spark; medians of ${r.reps} repetition(s). ` +
      'Wall time covers the whole process (start-up and shutdown included); processing time is measured by the job from ' +
      'session ready to result in hand; rows/s = input rows ÷ processing time.' +
      (r.summaries.some((s) => s.warmProcessingMs !== undefined)
        ? ' "Warm" is a second run of the same query in the same process (--warm): steady state, without first-run costs.'
        : ''),
    `- Peak RSS and CPU time: ${RSS_METHOD_TEXT[r.rssMethod]}. CPU time covers the whole process, all threads; it is the measure least disturbed by other load on the machine.`,
    ...r.notes.map((n) => `- ${n}`),
    '',
    resultsTable(r.summaries, r.metrics),
  ];
  if (r.ratios.length > 0) {
    lines.push(
      '',
      'Ratios of the medians (times and memory: below 1× means Sluice uses less; throughput: above 1× means Sluice is faster):',
      '',
      ratioTable(r.ratios, r.metrics),
    );
  }
  return `${lines.join('\n')}\n`;
}

const RESULTS_HEADER = `# Benchmark results

Sections are appended by \`npm run bench\` (newest last). See README.md for what each benchmark
measures and how to reproduce.
`;

/** Appends a section, creating the file with its header when missing. */
export function appendResults(path: string, section: string): void {
  if (!existsSync(path) || readFileSync(path, 'utf8').trim() === '') writeFileSync(path, RESULTS_HEADER);
  appendFileSync(path, `\n${section}`);
}
