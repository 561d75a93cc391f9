/**
 * Compiles a `sluice submit` job file (TypeScript, anywhere on disk) into one cached ES module that
 * Node runs without module hooks: no hooks thread, no TypeScript loader at run time.
 *
 * The job file and the local files it imports (relative paths, `.ts`/`.mts`/`.js`, with or without
 * extension) are bundled into `<cache>/<key>-<content hash>.mjs`; everything else stays an import:
 * `sluice` and `sluice/<subpath>` point at this installation, packages at the file their own
 * resolution finds from the importing file's folder, Node built-ins as they are. Each local file
 * keeps its own `import.meta.url`/`dirname`/`filename`, so paths relative to the job still work.
 *
 * Invariants: a cached module is used only when every input file still has the content hash
 * recorded with it (and the installation entry and compiler version are the same); files are
 * written temp-then-rename, so concurrent submits see either the old or the new module. esbuild
 * is loaded only on a cache miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bumped when the shape of the compiled output changes, so older cache entries are ignored. */
const COMPILER_VERSION = 1;
const LOCAL_SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;

interface Manifest {
  readonly version: number;
  readonly entry: string;
  readonly output: string;
  /** Absolute path → sha256 of the file's content when it was compiled. */
  readonly inputs: Record<string, string>;
}

/** The cache folder: SLUICE_CACHE_DIR, else $XDG_CACHE_HOME/sluice/jobs or ~/.cache/sluice/jobs. */
export function jobCacheDir(): string {
  if (process.env.SLUICE_CACHE_DIR) return process.env.SLUICE_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'sluice', 'jobs');
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function upToDate(m: Manifest, entry: string): boolean {
  if (m.version !== COMPILER_VERSION || m.entry !== entry) return false;
  for (const [file, hash] of Object.entries(m.inputs)) {
    try {
      if (sha256(readFileSync(file)) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function writeAtomically(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/**
 * The file URL of the compiled module for `jobPath` (absolute), compiling it on a cache miss.
 * `entry` is the file URL of this installation's `dist/index.js`.
 */
export async function compileJob(jobPath: string, entry: string): Promise<string> {
  let dir = jobCacheDir();
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    dir = join(tmpdir(), `sluice-jobs-${process.getuid?.() ?? 'user'}`);
    mkdirSync(dir, { recursive: true });
  }
  const key = sha256(`${jobPath}\0${entry}`).slice(0, 24);
  const manifestPath = join(dir, `${key}.json`);
  const cached = readManifest(manifestPath);
  if (cached && upToDate(cached, entry)) return pathToFileURL(join(dir, cached.output)).href;

  const { code, inputs } = await bundle(jobPath, entry);
  const output = `${key}-${sha256(code).slice(0, 16)}.mjs`;
  writeAtomically(join(dir, output), code);
  const manifest: Manifest = { version: COMPILER_VERSION, entry, output, inputs };
  writeAtomically(manifestPath, JSON.stringify(manifest));
  return pathToFileURL(join(dir, output)).href;
}

type Esbuild = typeof import('esbuild');

/** esbuild as installed with the TypeScript loader (tsx) this package depends on. */
function loadEsbuild(): Esbuild {
  const fromTsx = createRequire(fileURLToPath(import.meta.resolve('tsx/esm/api')));
  return fromTsx('esbuild') as Esbuild;
}

async function bundle(
  jobPath: string,
  entry: string,
): Promise<{ code: string; inputs: Record<string, string> }> {
  const esbuild = loadEsbuild();
  const builtins = new Set(builtinModules);
  const result = await esbuild.build({
    entryPoints: [jobPath],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'silent',
    metafile: true,
    absWorkingDir: '/',
    plugins: [
      {
        name: 'sluice-job',
        setup(build) {
          build.onResolve({ filter: /.*/ }, async (args) => {
            const spec = args.path;
            if (args.kind === 'entry-point' || args.pluginData === 'inner') return undefined;
            if (spec === 'sluice') return { path: entry, external: true };
            if (spec.startsWith('sluice/')) {
              return { path: new URL(`./${spec.slice('sluice/'.length)}.js`, entry).href, external: true };
            }
            if (spec.startsWith('node:') || builtins.has(spec)) return { path: spec, external: true };
            // local files are bundled (esbuild resolves them); packages stay imports of the file
            // their resolution finds from the importing file's folder
            if (spec.startsWith('.') || spec.startsWith('/')) return undefined;
            const r = await build.resolve(spec, {
              kind: args.kind,
              importer: args.importer,
              resolveDir: args.resolveDir,
              pluginData: 'inner',
            });
            if (r.errors.length > 0) return { errors: r.errors };
            if (r.external || !r.path.includes('/node_modules/'))
              return { path: r.path, external: r.external };
            return { path: pathToFileURL(r.path).href, external: true };
          });
          build.onLoad({ filter: LOCAL_SOURCE }, async (args) => {
            const source = readFileSync(args.path);
            const url = pathToFileURL(args.path).href;
            const ext = args.path.slice(args.path.lastIndexOf('.') + 1);
            const loader = /^[cm]?ts$/.test(ext) ? 'ts' : ext === 'tsx' || ext === 'jsx' ? ext : 'js';
            const out = await esbuild.transform(source.toString('utf8'), {
              loader,
              format: 'esm',
              target: 'node20',
              sourcemap: 'inline',
              sourcefile: args.path,
              define: {
                'import.meta.url': JSON.stringify(url),
                'import.meta.filename': JSON.stringify(args.path),
                'import.meta.dirname': JSON.stringify(dirname(args.path)),
              },
            });
            return { contents: out.code, loader: 'js', resolveDir: dirname(args.path) };
          });
        },
      },
    ],
  });
  const code = result.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error(`sluice submit: could not compile ${jobPath}`);
  const inputs: Record<string, string> = {};
  for (const file of Object.keys(result.metafile?.inputs ?? {})) {
    const path = join('/', file);
    inputs[path] = sha256(readFileSync(path));
  }
  return { code, inputs };
}
