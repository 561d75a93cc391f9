/**
 * Pass/fail tally per family, printed once at the end of the conformance run, plus the most common
 * first lines of failures so the engine's authors can see which gaps cost the most cases.
 */
export class ConformanceTally {
  private readonly byFamily = new Map<string, { pass: number; fail: number }>();
  private readonly reasons = new Map<string, number>();

  record(family: string, failure: string | undefined): void {
    const row = this.byFamily.get(family) ?? { pass: 0, fail: 0 };
    if (failure === undefined) row.pass++;
    else {
      row.fail++;
      const reason =
        failure.split('\n').find((l) => l.startsWith('reason: ')) ?? failure.split('\n')[0] ?? '';
      const key = reason.replace(/^reason: /, '').slice(0, 160);
      this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
    }
    this.byFamily.set(family, row);
  }

  report(generator: string): string {
    if (this.byFamily.size === 0) return 'conformance: no cases ran';
    const lines = [`Sluice conformance against ${generator}`, pad('family', 'pass', 'fail', 'total')];
    let pass = 0;
    let fail = 0;
    for (const [family, row] of [...this.byFamily].sort(([x], [y]) => x.localeCompare(y))) {
      lines.push(pad(family, row.pass, row.fail, row.pass + row.fail));
      pass += row.pass;
      fail += row.fail;
    }
    lines.push(pad('TOTAL', pass, fail, pass + fail));
    const top = [...this.reasons].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 15);
    if (top.length) {
      lines.push('', 'most common failure reasons:');
      for (const [reason, count] of top) lines.push(`${String(count).padStart(5)}  ${reason}`);
    }
    return lines.join('\n');
  }
}

function pad(family: string, pass: number | string, fail: number | string, total: number | string): string {
  return `${family.padEnd(14)}${String(pass).padStart(6)}${String(fail).padStart(6)}${String(total).padStart(7)}`;
}
