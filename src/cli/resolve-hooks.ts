/**
 * Module resolution hooks for job files: `sluice` and `sluice/<subpath>` resolve to this
 * installation, wherever the job file lives.
 */
let entry = '';

export function initialize(data: { entry: string }): void {
  entry = data.entry;
}

type Resolved = { url: string; format?: string | null; shortCircuit?: boolean };
type Next = (specifier: string, context: unknown) => Promise<Resolved>;

export async function resolve(specifier: string, context: unknown, next: Next): Promise<Resolved> {
  if (specifier === 'sluice') return { url: entry, shortCircuit: true };
  if (specifier.startsWith('sluice/')) {
    const sub = specifier.slice('sluice/'.length);
    return { url: new URL(`./${sub}.js`, entry).href, shortCircuit: true };
  }
  const r = await next(specifier, context);
  // job files and their local TypeScript imports are ES modules (top-level await works anywhere)
  if (r.url.startsWith('file:') && /\.m?ts$/.test(r.url) && !r.url.includes('/node_modules/')) {
    return { ...r, format: 'module' };
  }
  return r;
}
