/**
 * A small line diff for failure messages: expected (Spark) vs actual (Sluice), LCS-aligned, with
 * trailing whitespace made visible because show() output pads cells with spaces.
 */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(`  ${visible(a[i]!)}`);
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(`- ${visible(a[i]!)}`);
      i++;
    } else {
      out.push(`+ ${visible(b[j]!)}`);
      j++;
    }
  }
  return out.join('\n');
}

function visible(line: string): string {
  return /\s$/.test(line) ? `${line}⏎` : line;
}

/** A one-phrase guess at what kind of difference a printSchema diff is, for the summary. */
export function classifySchemaDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  if (a.length !== b.length) return 'printSchema: different columns';
  const i = a.findIndex((line, k) => line !== b[k]);
  const parse = (line: string | undefined) =>
    /^([ |]*)-- (.*): (\S+)(?: \((\w+) = (\w+)\))?$/.exec(line ?? '');
  const x = parse(a[i]);
  const y = parse(b[i]);
  if (!x || !y || x[1] !== y[1]) return 'printSchema: different shape';
  if (x[2] !== y[2]) return 'printSchema: column names differ';
  if (x[3] !== y[3]) return 'printSchema: types differ';
  return 'printSchema: nullability differs';
}

/** A one-phrase guess at what kind of difference a showString diff is, for the summary. */
export function classifyShowDiff(expected: string, actual: string): string {
  if (expected.startsWith('-RECORD') || actual.startsWith('-RECORD')) return 'show (vertical): differs';
  const a = expected.split('\n');
  const b = actual.split('\n');
  const names = (line: string | undefined) =>
    (line ?? '')
      .split('|')
      .map((cell) => cell.trim())
      .join('|');
  if (names(a[1]) !== names(b[1])) return 'show: column names differ';
  if (a[0] !== b[0]) return 'show: column widths differ (cell text differs)';
  const end = a.indexOf(a[0] ?? '', 3);
  const i = a.findIndex((line, k) => line !== b[k]);
  if (end >= 0 && i > end) return 'show: footer differs';
  return 'show: cell values differ';
}
