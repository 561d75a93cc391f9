/**
 * Random strings of the Nexmark generator (the reference StringsGenerator): short words with
 * occasional separators for names and descriptions, and the `extra` padding that brings each
 * event to its configured average size.
 *
 * Invariants: output is a pure function of the random stream's state (and of the seed, for the
 * padding pool); `extra` is only lowercase ASCII letters, so it never needs JSON escaping (the
 * reference lets `'a' + rnd % 26` go below 'a' for negative rnd, which yields `[\]^_` and
 * capitals — a quirk not kept). Like the current reference, padding is a slice of one
 * pre-generated 64 KiB pool at a random offset rather than fresh characters, which keeps
 * generation cheap.
 */
import { EventRandom } from './event-random.js';

const MIN_STRING_LENGTH = 3;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const POOL_LENGTH = 1 << 16;

/** A string of MIN_STRING_LENGTH..maxLength-1 characters, 1 in 13 being `special`, trimmed. */
export function nextString(random: EventRandom, maxLength: number, special = ' '): string {
  let len = MIN_STRING_LENGTH + random.nextInt(maxLength - MIN_STRING_LENGTH);
  let s = '';
  while (len-- > 0) s += random.nextInt(13) === 0 ? special : LETTERS[random.nextInt(26)];
  return special === ' ' ? s.trim() : s;
}

const pools = new Map<number, string>();

/** The padding pool for a seed: POOL_LENGTH random lowercase letters. */
function paddingPool(seed: number): string {
  let pool = pools.get(seed);
  if (pool === undefined) {
    const r = new EventRandom().reset(seed, 0x7fff_ffff_ffff);
    const parts: string[] = [];
    for (let i = 0; i < POOL_LENGTH; i += 1024) {
      let chunk = '';
      for (let j = 0; j < 1024; j++) chunk += LETTERS[r.nextInt(26)];
      parts.push(chunk);
    }
    pool = parts.join('');
    pools.set(seed, pool);
  }
  return pool;
}

/**
 * Padding such that currentSize + its length averages desiredAverageSize: uniform in
 * [avg - 20%, avg + 20%) of the missing size, empty when the event is already big enough.
 */
export function nextExtra(
  random: EventRandom,
  seed: number,
  currentSize: number,
  desiredAverageSize: number,
): string {
  if (currentSize > desiredAverageSize) return '';
  const missing = desiredAverageSize - currentSize;
  const delta = Math.round(missing * 0.2);
  const size = missing - delta + (delta === 0 ? 0 : random.nextInt(2 * delta));
  const pool = paddingPool(seed);
  const offset = random.nextInt(pool.length - size);
  return pool.substring(offset, offset + size);
}
