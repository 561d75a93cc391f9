/**
 * User-defined functions (UDFs) given as JS closures. The expression tree carries only the id;
 * the closure lives in this process's table, so a UDF runs wherever the job module registered it.
 */
const table = new Map<number, (...args: unknown[]) => unknown>();
let nextId = 1;

export function registerUserFunction(fn: (...args: unknown[]) => unknown): number {
  const id = nextId++;
  table.set(id, fn);
  return id;
}

export function lookupUserFunction(id: number): (...args: unknown[]) => unknown {
  const f = table.get(id);
  if (!f) throw new Error(`internal error: user function #${id} is not registered in this process`);
  return f;
}
