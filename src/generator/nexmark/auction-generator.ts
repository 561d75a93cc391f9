/**
 * Auction events (the reference AuctionGenerator): id = the event's auction slot; the seller is,
 * with probability 1 - 1/hotSellersRatio, the first person of the current batch of 100 (a hot
 * seller), otherwise a random active person; category 10..14; prices log-uniform from $1 to
 * $1M (in cents: 100..100,000,000); the auction expires after a random length averaging the time
 * until numInFlightAuctions more auctions have been created.
 */
import type { EventRandom } from './event-random.js';
import {
  AUCTION_ID_LEAD,
  AUCTION_PROPORTION,
  FIRST_AUCTION_ID,
  FIRST_CATEGORY_ID,
  FIRST_PERSON_ID,
  HOT_SELLER_BATCH,
  lastBase0AuctionId,
  lastBase0PersonId,
  type NexmarkConfig,
  NUM_CATEGORIES,
  TOTAL_PROPORTION,
} from './nexmark-config.js';
import type { Auction } from './nexmark-model.js';
import { nextExtra, nextString } from './nexmark-strings.js';
import { nextBase0PersonId } from './person-generator.js';

/** 10^(6·u) dollars in cents, u uniform in [0, 1): 100 … 100,000,000. */
export function nextPrice(random: EventRandom): number {
  return Math.round(10 ** (random.nextDouble() * 6) * 100);
}

export function nextAuction(
  id: number,
  random: EventRandom,
  timestampMs: number,
  cfg: NexmarkConfig,
): Auction {
  const auctionId = lastBase0AuctionId(id) + FIRST_AUCTION_ID;
  const seller =
    (random.nextInt(cfg.hotSellersRatio) > 0
      ? Math.floor(lastBase0PersonId(id) / HOT_SELLER_BATCH) * HOT_SELLER_BATCH
      : nextBase0PersonId(id, random, cfg)) + FIRST_PERSON_ID;
  const category = FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES);
  const initialBid = nextPrice(random);
  const expires = timestampMs + nextAuctionLengthMs(id, random, timestampMs, cfg);
  const itemName = nextString(random, 20);
  const description = nextString(random, 100);
  const reserve = initialBid + nextPrice(random);
  const size = 8 + itemName.length + description.length + 8 + 8 + 8 + 8 + 8;
  const extra = nextExtra(random, cfg.seed, size, cfg.avgAuctionByteSize);
  return {
    id: auctionId,
    itemName,
    description,
    initialBid,
    reserve,
    dateTime: timestampMs,
    expires,
    seller,
    category,
    extra,
  };
}

/** A random auction id (base 0) among those likely still in flight, plus AUCTION_ID_LEAD ahead. */
export function nextBase0AuctionId(id: number, random: EventRandom, cfg: NexmarkConfig): number {
  const maxAuction = lastBase0AuctionId(id);
  const minAuction = Math.max(maxAuction - cfg.numInFlightAuctions, 0);
  return minAuction + random.nextInt(maxAuction - minAuction + 1 + AUCTION_ID_LEAD);
}

function nextAuctionLengthMs(
  id: number,
  random: EventRandom,
  timestampMs: number,
  cfg: NexmarkConfig,
): number {
  const eventsForAuctions = Math.floor((cfg.numInFlightAuctions * TOTAL_PROPORTION) / AUCTION_PROPORTION);
  const horizonMs = cfg.timestampMs(id + eventsForAuctions) - timestampMs;
  return 1 + random.nextInt(Math.max(horizonMs * 2, 1));
}
