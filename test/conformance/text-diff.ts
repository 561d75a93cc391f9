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
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`+ ${visible(b[j]!)}`);
      j++;
    } else {
      out.push(`- ${visible(a[i]!)}`);
      i++;
    }
  }
  return out.join('\n');
}

function visible(line: string): string {
  return /\s$/.test(line) ? `${line}⏎` : line;
}
