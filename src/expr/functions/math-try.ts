/**
 * try_add, try_subtract, try_multiply, try_divide, try_mod: the arithmetic operators evaluated in
 * ANSI mode, with overflow and division by zero turned into null (Spark's TryEval over the ANSI
 * operator), so the typing rules are exactly the operators'.
 *
 * Invariant: only SparkRuntimeErrors (the ANSI failures) become null; anything else propagates.
 */
import { SparkRuntimeError } from '../../util/errors.js';
import type { FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { lookupFunction, registerFunctions } from '../function-registry.js';
import './operators.js';

function operator(name: string): ScalarFunctionDef {
  const def = lookupFunction(name);
  if (def?.kind !== 'scalar') throw new Error(`internal error: operator ${name} is not registered`);
  return def;
}

const ansi = (ctx: FunctionContext): FunctionContext => ({ ...ctx, ansi: true });

function tryFunction(name: string, op: string): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    minArgs: 2,
    maxArgs: 2,
    resolve: (args, ctx) => ({ ...operator(op).resolve(args, ansi(ctx)), nullable: true }),
    compile: (call, args, ctx) => {
      const f = operator(op).compile(call, args, ansi(ctx));
      return (row) => {
        try {
          return f(row);
        } catch (e) {
          if (e instanceof SparkRuntimeError) return null;
          throw e;
        }
      };
    },
  };
}

registerFunctions([
  tryFunction('try_add', 'add'),
  tryFunction('try_subtract', 'subtract'),
  tryFunction('try_multiply', 'multiply'),
  tryFunction('try_divide', 'divide'),
  tryFunction('try_mod', 'remainder'),
]);
