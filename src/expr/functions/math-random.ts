/**
 * rand/random and randn: uniform [0, 1) and standard normal doubles from Spark's XORShiftRandom,
 * seeded with `seed + partitionIndex`, so a seeded query reproduces Spark's values.
 *
 * Invariants: never constant-folded (`deterministic: false`); without a seed, analysis picks a
 * random one and keeps it in the plan (shown as `rand()` like Spark's SQL); the generator is
 * created per compiled closure, i.e. per partition.
 */
import { randomBytes } from 'node:crypto';
import { DoubleType, LongType } from '../../types/data-type.js';
import { literal } from '../expression.js';
import { dataTypeOf } from '../expression-type.js';
import type { FunctionContext, ScalarFunctionDef } from '../function-registry.js';
import { registerFunctions } from '../function-registry.js';
import { INT_OR_LONG, nonFoldable, unexpectedInput } from './input-coercion.js';
import { XorShiftRandom } from './xorshift-random.js';

/** A random 64-bit seed, as Spark picks one for an unseeded rand(). */
export function randomSeed(): bigint {
  return randomBytes(8).readBigInt64BE();
}

/** The task's partition index when the engine provides one (0 otherwise). */
function partitionIndex(ctx: FunctionContext): number {
  return (ctx as FunctionContext & { partitionIndex?: number }).partitionIndex ?? 0;
}

function randomFunction(name: 'rand' | 'randn', aliases: string[] = []): ScalarFunctionDef {
  return {
    kind: 'scalar',
    name,
    aliases,
    minArgs: 0,
    maxArgs: 1,
    deterministic: false,
    prettyName: (args, c) => (c.params?.hideSeed ? `${name}()` : `${name}(${args[0]})`),
    resolve: (args) => {
      if (args.length === 0) {
        return {
          args: [literal(randomSeed(), LongType)],
          dataType: DoubleType,
          nullable: false,
          params: { hideSeed: true },
        };
      }
      const a = args[0]!;
      const t = dataTypeOf(a);
      if (t.kind !== 'integer' && t.kind !== 'long' && t.kind !== 'null')
        throw unexpectedInput(0, INT_OR_LONG, a);
      if (a.kind !== 'literal') throw nonFoldable('seed', 'INT or BIGINT', a);
      return { args: [a], dataType: DoubleType, nullable: false };
    },
    compile: (call, _args, ctx) => {
      const seedArg = call.args[0];
      const seed =
        seedArg?.kind === 'literal' && seedArg.value !== null ? BigInt(seedArg.value as number | bigint) : 0n;
      const rng = new XorShiftRandom(seed + BigInt(partitionIndex(ctx)));
      return name === 'rand' ? () => rng.nextDouble() : () => rng.nextGaussian();
    },
  };
}

registerFunctions([randomFunction('rand', ['random']), randomFunction('randn')]);
