import { readFileSync } from 'node:fs';
/**
 * Sluice against real Apache Spark: every case in fixtures/<family>.json (produced by generate.py
 * from cases/<family>.json) is rebuilt with Sluice's public API and its showString / printSchema
 * text / error class compared with what pyspark produced.
 *
 *   npx vitest run test/conformance                                    all families
 *   CONFORMANCE_FAMILY=strings npx vitest run test/conformance          one family (comma list ok)
 *   CONFORMANCE_CASE=substring npx vitest run test/conformance          cases whose name contains it
 *
 * Invariants: comparisons are exact text; only unordered results have their data lines sorted
 * first. The host time zone is set to one no case uses, so anything that leaks the process zone
 * instead of the session zone shows up as a diff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConformanceCase,
  type ExpectedError,
  type FixtureCase,
  isOrdered,
  listFamilies,
  loadFixture,
  normaliseUnordered,
  showOptions,
  staleness,
} from './case-model.js';
import { applyConf, PipelineBuilder } from './pipeline.js';
import { loadSluice, type SluiceApi, schemaOf } from './sluice-api.js';
import { ConformanceTally } from './summary.js';
import { classifySchemaDiff, classifyShowDiff, lineDiff } from './text-diff.js';

const HOST_TIME_ZONE = 'Asia/Kolkata';
const savedTz = process.env.TZ;
const tally = new ConformanceTally();
const caseFilter = process.env.CONFORMANCE_CASE;
let generator = 'pyspark';
let api: Promise<SluiceApi> | undefined;

beforeAll(() => {
  process.env.TZ = HOST_TIME_ZONE;
});

afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
  console.log(tally.report(generator));
});

/** Cases Sluice knowingly differs on, with the reason (see known-differences.json). */
const KNOWN_DIFFERENCES: Record<string, string> = JSON.parse(
  readFileSync(new URL('./known-differences.json', import.meta.url), 'utf8'),
);

for (const files of listFamilies()) {
  const fixture = loadFixture(files);
  if (fixture) generator = fixture.generator;
  describe(files.family, () => {
    it('fixture is up to date with its case file', () => {
      const why = staleness(files, fixture);
      if (why) expect.fail(why);
    });
    const cases = (fixture?.cases ?? []).filter((fc) => !caseFilter || fc.case.name.includes(caseFilter));
    for (const fc of cases) {
      const known = KNOWN_DIFFERENCES[`${files.family}/${fc.case.name}`];
      it(fc.case.name, async () => {
        const failure = await check(fc);
        tally.record(files.family, failure);
        if (known !== undefined) {
          // a known difference must still differ: when it starts to match, take it off the list
          if (failure === undefined)
            expect.fail(
              `[${files.family}] ${fc.case.name} now matches Spark: remove it from known-differences.json`,
            );
          return;
        }
        if (failure !== undefined) expect.fail(`[${files.family}] ${fc.case.name}\n${failure}`);
      });
    }
  });
}

type Outcome =
  | { kind: 'ok'; schema?: string; show?: string }
  | { kind: 'error'; phase: 'analysis' | 'execution'; error: unknown };

async function check(fc: FixtureCase): Promise<string | undefined> {
  let sluice: SluiceApi;
  try {
    api ??= loadSluice();
    sluice = await api;
  } catch (e) {
    return `reason: Sluice's public API could not be loaded: ${describeError(e)}`;
  }
  const outcome = await run(sluice, fc.case);
  const expected = fc.expected;
  if (expected.error) return checkError(fc.case, expected.error, outcome);
  if (outcome.kind === 'error') {
    return [
      `reason: ${outcome.phase} failed: ${firstLine(describeError(outcome.error))}`,
      context(fc.case),
      describeError(outcome.error, true),
    ].join('\n');
  }
  const problems: string[] = [];
  const kinds: string[] = [];
  if (expected.schema !== undefined && outcome.schema !== expected.schema) {
    kinds.push(classifySchemaDiff(expected.schema, outcome.schema ?? ''));
    problems.push(
      `printSchema differs (- Spark, + Sluice):\n${lineDiff(expected.schema, outcome.schema ?? '')}`,
    );
  }
  if (expected.show !== undefined) {
    const ordered = isOrdered(fc.case);
    const want = ordered ? expected.show : normaliseUnordered(expected.show);
    const got = ordered ? (outcome.show ?? '') : normaliseUnordered(outcome.show ?? '');
    if (got !== want) {
      kinds.push(classifyShowDiff(want, got));
      problems.push(
        `show differs${ordered ? '' : ' (unordered: data lines sorted)'} (- Spark, + Sluice):\n${lineDiff(want, got)}`,
      );
    }
  }
  if (problems.length === 0) return undefined;
  return [`reason: ${kinds.join('; ')}`, context(fc.case), ...problems].join('\n');
}

async function run(sluice: SluiceApi, c: ConformanceCase): Promise<Outcome> {
  const restore = applyConf(sluice, c);
  try {
    let schema: string | undefined;
    let df: ReturnType<PipelineBuilder['build']>;
    try {
      df = new PipelineBuilder(sluice, c).build();
      // PySpark runs the pivot-values job while building the DataFrame; Sluice before the schema.
      if (df.resolvePivot) df = await df.resolvePivot();
      schema = sluice.treeString(await schemaOf(df));
    } catch (error) {
      return { kind: 'error', phase: 'analysis', error };
    }
    const output = c.output ?? 'both';
    if (output === 'schema' && !c.expectError) return { kind: 'ok', schema };
    const { n, truncate, vertical } = showOptions(c);
    try {
      const show = await df.showString(n, truncate, vertical);
      return { kind: 'ok', schema, show };
    } catch (error) {
      return { kind: 'error', phase: 'execution', error };
    }
  } finally {
    restore();
  }
}

function checkError(c: ConformanceCase, want: ExpectedError, outcome: Outcome): string | undefined {
  const expectation = `expected error [${want.class}] during ${want.phase} (Spark: ${want.message})`;
  if (outcome.kind === 'ok') {
    return [
      `reason: expected error ${want.class}, got a result`,
      context(c),
      expectation,
      'Sluice produced:',
      outcome.show ?? outcome.schema ?? '',
    ].join('\n');
  }
  const got = errorClassOf(outcome.error);
  const problems: string[] = [];
  if (got !== want.class) problems.push(`error class: expected ${want.class}, got ${got ?? 'no errorClass'}`);
  if (outcome.phase !== want.phase)
    problems.push(`raised during ${outcome.phase}, Spark raises during ${want.phase}`);
  if (c.checkMessage && !messageOf(outcome.error).includes(want.message)) {
    problems.push(`message should contain: ${want.message}`);
  }
  if (problems.length === 0) return undefined;
  return [
    `reason: ${problems[0]}`,
    context(c),
    expectation,
    ...problems,
    'Sluice raised:',
    describeError(outcome.error, true),
  ].join('\n');
}

function context(c: ConformanceCase): string {
  const lines = [`case: ${c.name}${c.description ? ` — ${c.description}` : ''}`];
  if (c.conf) lines.push(`conf: ${JSON.stringify(c.conf)}`);
  for (const [name, t] of Object.entries(c.inputs))
    lines.push(`input ${name}: ${t.schema} (${t.rows.length} rows)`);
  for (const s of c.steps ?? []) lines.push(`  .${JSON.stringify(s)}`);
  const o = showOptions(c);
  lines.push(
    `output: ${c.output ?? 'both'}, showString(${o.n}, ${o.truncate}, ${o.vertical}), ordered: ${isOrdered(c)}`,
  );
  return lines.join('\n');
}

function errorClassOf(e: unknown): string | undefined {
  const cls = (e as { errorClass?: unknown } | null)?.errorClass;
  return typeof cls === 'string' ? cls : undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function describeError(e: unknown, withStack = false): string {
  if (!(e instanceof Error)) return String(e);
  const cls = errorClassOf(e);
  const head = `${e.name}${cls ? ` (${cls})` : ''}: ${e.message}`;
  if (!withStack || !e.stack) return head;
  const frames = e.stack
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .slice(0, 8);
  return [head, ...frames].join('\n');
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}
