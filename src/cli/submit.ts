/**
 * `sluice submit`: like spark-submit for TypeScript jobs. Parses --master/--name/--conf, passes
 * them to the job's `Session.builder()` through the SLUICE_CONF environment, makes `import … from
 * 'sluice'` resolve to this installation from a job anywhere on disk, and runs the job file
 * (TypeScript compiled on the fly) with `process.argv.slice(2)` = the job's arguments.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileJob } from './job-compiler.js';

export interface SubmitOptions {
  readonly conf: Record<string, string>;
  readonly job: string;
  readonly args: readonly string[];
}

export function parseSubmitArgs(argv: readonly string[]): SubmitOptions {
  const conf: Record<string, string> = {};
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`sluice submit: ${a} needs a value`);
      return v;
    };
    if (a === '--master') conf['spark.master'] = value();
    else if (a === '--name') conf['spark.app.name'] = value();
    else if (a === '--conf' || a === '-c') {
      const kv = value();
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new Error(`sluice submit: --conf expects key=value, got '${kv}'`);
      conf[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (a.startsWith('--')) throw new Error(`sluice submit: unknown option ${a}`);
    else break;
  }
  const job = argv[i];
  if (!job) throw new Error('sluice submit: missing the job file (sluice submit [options] job.ts [args])');
  return { conf, job, args: argv.slice(i + 1) };
}

export async function submit(argv: readonly string[]): Promise<void> {
  const opts = parseSubmitArgs(argv);
  const jobPath = resolve(opts.job);
  if (!existsSync(jobPath)) throw new Error(`sluice submit: job file not found: ${opts.job}`);
  process.env.SLUICE_CONF = JSON.stringify({
    ...(process.env.SLUICE_CONF ? JSON.parse(process.env.SLUICE_CONF) : {}),
    ...opts.conf,
  });
  const entry = pathToFileURL(engineEntry()).href;
  process.argv = [process.argv[0]!, jobPath, ...opts.args];
  // Start-up: no module hooks. Node 20 runs hooks on a separate thread that must start and load
  // the TypeScript loader before the first import (~0.35 s), and every module then costs a round
  // trip there. Instead the job and its local imports are compiled once into a cached ES module
  // whose `sluice` imports already point at this installation. The engine loads meanwhile.
  const [, compiled] = await Promise.all([import(entry), compileJob(jobPath, entry)]);
  // stack traces of the job show its own TypeScript files and lines (inline source maps)
  process.setSourceMapsEnabled(true);
  await import(compiled);
}

/**
 * The engine bundled by `npm run build` (scripts/bundle-dist.mjs): a few files instead of ~330
 * modules. `dist/index.js` when the bundle is missing or older than the last compile (a `tsc`
 * without the bundling step), so a job never runs a stale engine.
 */
function engineEntry(): string {
  const modules = resolve(import.meta.dirname, '..', 'index.js');
  const bundled = resolve(import.meta.dirname, '..', 'bundle', 'index.js');
  try {
    return statSync(bundled).mtimeMs >= statSync(modules).mtimeMs ? bundled : modules;
  } catch {
    return modules;
  }
}
