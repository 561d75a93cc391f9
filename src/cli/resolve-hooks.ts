/**
 * Module resolution hooks for job files: `sluice` and `sluice/<subpath>` resolve to this
 * installation, wherever the job file lives.
 */
let entry = '';

export function initialize(data: { entry: string }): void {
  entry = data.entry;
}

type Next = (specifier: string, context: unknown) => Promise<{ url: string }>;

export async function resolve(specifier: string, context: unknown, next: Next): Promise<{ url: string; shortCircuit?: boolean }> {
  if (specifier === 'sluice') return { url: entry, shortCircuit: true };
  if (specifier.startsWith('sluice/')) {
    const sub = specifier.slice('sluice/'.length);
    return { url: new URL(`./${sub}.js`, entry).href, shortCircuit: true };
  }
  return next(specifier, context);
}
