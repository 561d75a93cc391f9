/**
 * The house-events generator: the course's running example as a deterministic, seeded stream of
 * `{"house","character","score","ts"}` JSON events. It backs the benchmarks and `sluice generate
 * houses`.
 *
 * Invariants:
 * - Event `i` is a pure function of (options, i): random access, no hidden state, so a file, a
 *   socket and a Kafka topic fed with the same options carry the same events in the same order.
 * - Each character belongs to one house for the whole stream (so per-house distinct counts are
 *   stable); the character roster depends only on `characters`, not on `seed`.
 * - `score` is a string "1".."10"; `ts` is `yyyy-MM-dd HH:mm:ss.SSS` (no zone, read in the
 *   session time zone) advancing with the index at `eventsPerSecond`, minus an optional
 *   per-event delay of up to `maxDelayMs` (out-of-order data for watermark tests).
 * - No I/O here: callers decide where lines go.
 */

export const HOUSES: readonly string[] = [
  'Gryffindor',
  'Hufflepuff',
  'Ravenclaw',
  'Slytherin',
  'Horned Serpent',
  'Pukwudgie',
  'Thunderbird',
  'Wampus',
];

// Name lists are space-separated strings so the formatter keeps them compact.
const FIRST_NAMES = (
  'Harry Hermione Ron Ginny Luna Neville Draco Cedric Cho Seamus Dean Padma Parvati Lavender ' +
  'Fred George Percy Bill Charlie Oliver Katie Angelina Alicia Hannah Ernie Justin Susan ' +
  'Terry Michael Anthony Marcus Gregory Vincent Pansy Blaise Theodore Millicent Seraphina ' +
  'Queenie Tina Credence Newt Albus Minerva Severus Rubeus Filius Pomona Sybill Remus'
).split(' ');

const LAST_NAMES = (
  'Potter Granger Weasley Lovegood Longbottom Malfoy Diggory Chang Finnigan Thomas Patil ' +
  'Brown Wood Bell Johnson Spinnet Abbott Macmillan Finch-Fletchley Bones Boot Corner ' +
  'Goldstein Flint Goyle Crabbe Parkinson Zabini Nott Bulstrode Picquery Shacklebolt Barebone ' +
  'Scamander Dumbledore McGonagall Snape Hagrid Flitwick Sprout'
).split(' ');

export interface HouseEvent {
  readonly house: string;
  readonly character: string;
  readonly score: string;
  readonly ts: string;
}

export interface HouseEventOptions {
  /** Seed of the event sequence. Default 42. */
  readonly seed?: number;
  /** How many distinct characters (at most first × last names). Default 400. */
  readonly characters?: number;
  /** Timestamp of event 0: epoch milliseconds or `yyyy-MM-dd HH:mm:ss[.SSS]` (UTC). Default 2024-11-21 10:00:00.000. */
  readonly start?: number | string;
  /** How fast event time advances: events per second of event time. Default 1000. */
  readonly eventsPerSecond?: number;
  /** Each event's ts is moved back by a pseudo-random 0..maxDelayMs ms (out-of-order data). Default 0. */
  readonly maxDelayMs?: number;
}

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash of a 32-bit integer. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded shuffle used only to build the character roster (mulberry32). */
function shuffled<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

/** `count` distinct "First Last" names, the same list for the same count. */
export function characterNames(count: number): string[] {
  const all = new Set<string>();
  for (const f of FIRST_NAMES) for (const l of LAST_NAMES) all.add(`${f} ${l}`);
  if (!Number.isInteger(count) || count < 1 || count > all.size) {
    throw new RangeError(`characters must be an integer in 1..${all.size}, got ${count}`);
  }
  return shuffled([...all], 0x5eed).slice(0, count);
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 → `yyyy-MM-dd` (proleptic Gregorian, civil-from-days). */
function formatDay(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

function parseStart(start: number | string): number {
  if (typeof start === 'number') return start;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(start);
  if (!m) throw new RangeError(`start must be 'yyyy-MM-dd HH:mm:ss[.SSS]', got '${start}'`);
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
}

/**
 * Random-access generator of house events. `event(i)` / `jsonLine(i)` give the i-th event;
 * `lines(from, to)` iterates JSON lines. One instance keeps a one-day cache for timestamp
 * formatting, so share it within a thread, not across threads.
 */
export class HouseEventGenerator {
  readonly seed: number;
  readonly startMs: number;
  readonly eventsPerSecond: number;
  readonly maxDelayMs: number;
  /** The roster: name and house of each character. */
  readonly characters: readonly { readonly name: string; readonly house: string }[];
  /** Per character: the JSON text up to the opening quote of the score value. */
  readonly #prefixes: string[];
  #cachedDay = Number.NaN;
  #cachedDayText = '';

  constructor(options: HouseEventOptions = {}) {
    this.seed = (options.seed ?? 42) >>> 0;
    this.startMs = parseStart(options.start ?? '2024-11-21 10:00:00.000');
    this.eventsPerSecond = options.eventsPerSecond ?? 1000;
    this.maxDelayMs = Math.floor(options.maxDelayMs ?? 0);
    if (!(this.eventsPerSecond > 0))
      throw new RangeError(`eventsPerSecond must be > 0, got ${this.eventsPerSecond}`);
    if (this.maxDelayMs < 0) throw new RangeError(`maxDelayMs must be >= 0, got ${this.maxDelayMs}`);
    this.characters = characterNames(options.characters ?? 400).map((name, k) => ({
      name,
      house: HOUSES[fmix32(k ^ 0x9e3779b9) % HOUSES.length]!,
    }));
    this.#prefixes = this.characters.map(
      (c) => `{"house":${JSON.stringify(c.house)},"character":${JSON.stringify(c.name)},"score":"`,
    );
  }

  /** Index of the character of event i. */
  #characterOf(i: number): number {
    return this.#hash(i, 0x68e31da4) % this.characters.length;
  }

  #scoreOf(i: number): number {
    return 1 + (this.#hash(i, 0xb5297a4d) % 10);
  }

  #hash(i: number, salt: number): number {
    const lo = i >>> 0;
    const hi = Math.floor(i / 4294967296) >>> 0;
    return fmix32(lo ^ fmix32((hi ^ this.seed ^ salt) >>> 0));
  }

  /** Event time of event i, epoch milliseconds (UTC wall clock). */
  timestampMs(i: number): number {
    // The epsilon keeps e.g. 1/3600 events per second from landing at x:59:59.999 by rounding.
    const base = this.startMs + Math.floor((i * 1000) / this.eventsPerSecond + 1e-6);
    return this.maxDelayMs === 0 ? base : base - (this.#hash(i, 0x1b873593) % (this.maxDelayMs + 1));
  }

  /** `yyyy-MM-dd HH:mm:ss.SSS` of event i. */
  timestampText(i: number): string {
    const ms = this.timestampMs(i);
    const day = Math.floor(ms / MS_PER_DAY);
    if (day !== this.#cachedDay) {
      this.#cachedDay = day;
      this.#cachedDayText = formatDay(day);
    }
    let rest = ms - day * MS_PER_DAY;
    const milli = rest % 1000;
    rest = (rest - milli) / 1000;
    const sec = rest % 60;
    rest = (rest - sec) / 60;
    const min = rest % 60;
    const hour = (rest - min) / 60;
    return `${this.#cachedDayText} ${TWO_DIGITS[hour]}:${TWO_DIGITS[min]}:${TWO_DIGITS[sec]}.${THREE_DIGITS[milli]}`;
  }

  event(i: number): HouseEvent {
    const c = this.characters[this.#characterOf(i)]!;
    return { house: c.house, character: c.name, score: String(this.#scoreOf(i)), ts: this.timestampText(i) };
  }

  /** The i-th event as one line of JSON (no newline), keys in the order house, character, score, ts. */
  jsonLine(i: number): string {
    return `${this.#prefixes[this.#characterOf(i)]}${this.#scoreOf(i)}","ts":"${this.timestampText(i)}"}`;
  }

  /** JSON lines of events from..to-1. */
  *lines(from: number, to: number): Generator<string> {
    for (let i = from; i < to; i++) yield this.jsonLine(i);
  }
}

/** The first `count` house events (from index `from`) as JSON lines. */
export function houseEventLines(count: number, options: HouseEventOptions = {}, from = 0): Generator<string> {
  return new HouseEventGenerator(options).lines(from, from + count);
}
