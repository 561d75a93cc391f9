/**
 * The Nexmark generator's configuration and the arithmetic that turns an event number into an
 * event kind, ids and a timestamp — the standard definition shared by Beam's NexmarkGenerator and
 * the Flink nexmark repository (GeneratorConfig, Person/AuctionGenerator.lastBase0…Id).
 *
 * Invariants: every function here is pure; event number n (0-based, one generator, no
 * out-of-order groups) is event id n, of kind person when n % 50 < 1, auction when < 4, else bid
 * (proportions 1:3:46); its time is baseTime + ⌊⌊n · 10^6 / rate⌋ / 1000⌋ ms.
 */

/** Ids start above zero so small runs still find matches (reference constants). */
export const FIRST_PERSON_ID = 1000;
export const FIRST_AUCTION_ID = 1000;
export const FIRST_CATEGORY_ID = 10;

export const PERSON_PROPORTION = 1;
export const AUCTION_PROPORTION = 3;
export const BID_PROPORTION = 46;
export const TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

/** 1 in this many people/auctions are the "hot" ones of their batch. */
export const HOT_SELLER_BATCH = 100;
export const HOT_AUCTION_BATCH = 100;
export const HOT_BIDDER_BATCH = 100;
/** Ids this far beyond the last generated one may be chosen (events "swapped in time"). */
export const PERSON_ID_LEAD = 10;
export const AUCTION_ID_LEAD = 10;
export const NUM_CATEGORIES = 5;

export const EVENT_TYPE_PERSON = 0;
export const EVENT_TYPE_AUCTION = 1;
export const EVENT_TYPE_BID = 2;

export interface NexmarkOptions {
  /** Seed of every random choice. Default 0. */
  readonly seed?: number;
  /** Event-time rate: events per second of event time (`first-event.rate`). Default 10,000. */
  readonly eventsPerSecond?: number;
  /** Event time of event 0, epoch ms. Default 2024-11-21 10:00:00 UTC. */
  readonly baseTimeMs?: number;
  readonly avgPersonByteSize?: number;
  readonly avgAuctionByteSize?: number;
  readonly avgBidByteSize?: number;
  /** P(hot auction) = 1 - 1/hotAuctionRatio. Default 2. */
  readonly hotAuctionRatio?: number;
  /** P(hot seller) = 1 - 1/hotSellersRatio. Default 4. */
  readonly hotSellersRatio?: number;
  /** P(hot bidder) = 1 - 1/hotBiddersRatio. Default 4. */
  readonly hotBiddersRatio?: number;
  readonly numActivePeople?: number;
  readonly numInFlightAuctions?: number;
}

export const DEFAULT_BASE_TIME_MS = Date.UTC(2024, 10, 21, 10, 0, 0);

export class NexmarkConfig {
  readonly seed: number;
  readonly eventsPerSecond: number;
  readonly baseTimeMs: number;
  readonly interEventDelayUs: number;
  readonly avgPersonByteSize: number;
  readonly avgAuctionByteSize: number;
  readonly avgBidByteSize: number;
  readonly hotAuctionRatio: number;
  readonly hotSellersRatio: number;
  readonly hotBiddersRatio: number;
  readonly numActivePeople: number;
  readonly numInFlightAuctions: number;

  constructor(o: NexmarkOptions = {}) {
    this.seed = (o.seed ?? 0) >>> 0;
    this.eventsPerSecond = o.eventsPerSecond ?? 10_000;
    this.baseTimeMs = o.baseTimeMs ?? DEFAULT_BASE_TIME_MS;
    this.avgPersonByteSize = o.avgPersonByteSize ?? 200;
    this.avgAuctionByteSize = o.avgAuctionByteSize ?? 500;
    this.avgBidByteSize = o.avgBidByteSize ?? 100;
    this.hotAuctionRatio = o.hotAuctionRatio ?? 2;
    this.hotSellersRatio = o.hotSellersRatio ?? 4;
    this.hotBiddersRatio = o.hotBiddersRatio ?? 4;
    this.numActivePeople = o.numActivePeople ?? 1000;
    this.numInFlightAuctions = o.numInFlightAuctions ?? 100;
    this.interEventDelayUs = 1_000_000 / this.eventsPerSecond;
    for (const [name, v] of Object.entries(this)) {
      if (name !== 'seed' && name !== 'baseTimeMs' && !(typeof v === 'number' && v > 0)) {
        throw new RangeError(`nexmark: ${name} must be a positive number, got ${v}`);
      }
    }
    if (!Number.isSafeInteger(this.baseTimeMs))
      throw new RangeError('nexmark: baseTimeMs must be an integer');
  }

  /** Event time (epoch ms) of event number n. */
  timestampMs(n: number): number {
    return this.baseTimeMs + Math.floor(Math.floor(n * this.interEventDelayUs) / 1000);
  }
}

/** 0 person, 1 auction, 2 bid. */
export function eventTypeOf(id: number): number {
  const rem = id % TOTAL_PROPORTION;
  return rem < PERSON_PROPORTION
    ? EVENT_TYPE_PERSON
    : rem < PERSON_PROPORTION + AUCTION_PROPORTION
      ? EVENT_TYPE_AUCTION
      : EVENT_TYPE_BID;
}

/** The last person id (base 0) generated at or before event `id`. */
export function lastBase0PersonId(id: number): number {
  const epoch = Math.floor(id / TOTAL_PROPORTION);
  let offset = id % TOTAL_PROPORTION;
  if (offset >= PERSON_PROPORTION) offset = PERSON_PROPORTION - 1;
  return epoch * PERSON_PROPORTION + offset;
}

/** The last auction id (base 0) generated at or before event `id` (-1 before the first). */
export function lastBase0AuctionId(id: number): number {
  let epoch = Math.floor(id / TOTAL_PROPORTION);
  let offset = id % TOTAL_PROPORTION;
  if (offset < PERSON_PROPORTION) {
    epoch--;
    offset = AUCTION_PROPORTION - 1;
  } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
    offset = AUCTION_PROPORTION - 1;
  } else {
    offset -= PERSON_PROPORTION;
  }
  return epoch * AUCTION_PROPORTION + offset;
}
