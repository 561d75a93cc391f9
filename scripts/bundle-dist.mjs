/**
 * `node scripts/bundle-dist.mjs` (run by `npm run build` after tsc): bundles the compiled engine
 * (`dist/index.js`, `dist/functions.js`, `dist/types.js`) into `dist/bundle/` for `sluice submit`,
 * which loads it instead of ~330 separate modules: Node 20 has no compile cache and pays a
 * resolve/read/compile/link step per ES module, the largest part of a job's start-up.
 *
 * Invariants: the three entry points share chunks, so `sluice` and `sluice/functions` in one job
 * are one engine; modules the engine imports dynamically (parquet reader/writer, JDBC, Kafka)
 * stay separate chunks loaded on first use; packages stay imports of node_modules; names are kept
 * (`keepNames`), so class and function names read at run time are the same as in `dist/`.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// esbuild as installed with the TypeScript loader (tsx) Sluice depends on
const esbuild = createRequire(fileURLToPath(import.meta.resolve('tsx/esm/api')))('esbuild');

// chunk names carry content hashes: start empty so old chunks do not pile up
rmSync(join(root, 'dist/bundle'), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['dist/index.js', 'dist/functions.js', 'dist/types.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  keepNames: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});
