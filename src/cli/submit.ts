/**
 * `sluice submit`: like spark-submit for TypeScript jobs. Parses --master/--name/--conf, passes
 * them to the job's `Session.builder()` through the SLUICE_CONF environment, makes `import … from
 * 'sluice'` resolve to this installation from a job anywhere on disk, and runs the job file
 * (TypeScript compiled on the fly) with `process.argv.slice(2)` = the job's arguments.
 */
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

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
  const entry = pathToFileURL(resolve(import.meta.dirname, '..', 'index.js')).href;
  process.argv = [process.argv[0]!, jobPath, ...opts.args];
  // Start-up: load the engine before registering any module hook. In Node 20 hooks run on a
  // separate thread and every module they see costs a round trip there (plus the TypeScript
  // loader's checks), which made loading the engine's ~300 modules 2–3x slower. Loaded now, the
  // job's `import … from 'sluice'` resolves to this same URL and finds it in the module cache.
  // The TypeScript loader's API is read alongside (no hooks yet either, independent graphs).
  const [, tsx] = await Promise.all([import(entry), import('tsx/esm/api')]);
  // TypeScript first, then our hooks (the last registered runs first): `sluice` resolves here, and
  // job files are ES modules (top-level await) even outside a `"type": "module"` package.
  tsx.register();
  register('./resolve-hooks.js', { parentURL: import.meta.url, data: { entry } });
  await import(pathToFileURL(jobPath).href);
}
