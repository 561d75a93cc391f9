/**
 * Bid events (the reference BidGenerator): with probability 1 - 1/hotAuctionRatio the bid is for
 * the first auction of the current batch of 100 (a hot auction), else for a random in-flight
 * auction; with probability 1 - 1/hotBiddersRatio the bidder is the second person of the current
 * batch of 100 (hot bidders and hot sellers never collide), else a random active person; the
 * price is log-uniform; half the bids come from one of four hot channels (Google, Facebook,
 * Baidu, Apple), the rest from one of 10,000 channels `channel-<n>`, 90% of whose URLs carry
 * `&channel_id=<|Integer.reverse(n)|>`.
 *
 * Invariant: the URL table is a pure function of the seed (the reference builds it from an
 * unseeded random, so its URLs differ on every run).
 */

import { nextBase0AuctionId, nextPrice } from './auction-generator.js';
import { EventRandom } from './event-random.js';
import {
  FIRST_AUCTION_ID,
  FIRST_PERSON_ID,
  HOT_AUCTION_BATCH,
  HOT_BIDDER_BATCH,
  lastBase0AuctionId,
  lastBase0PersonId,
  type NexmarkConfig,
} from './nexmark-config.js';
import type { Bid } from './nexmark-model.js';
import { nextExtra, nextString } from './nexmark-strings.js';
import { nextBase0PersonId } from './person-generator.js';

const HOT_CHANNELS_RATIO = 2;
const CHANNELS_NUMBER = 10_000;
export const HOT_CHANNELS: readonly string[] = ['Google', 'Facebook', 'Baidu', 'Apple'];

/** Java's Integer.reverse: the 32 bits of n in reverse order, as a signed int. */
export function reverseBits32(n: number): number {
  let x = n >>> 0;
  x = ((x >>> 1) & 0x55555555) | ((x & 0x55555555) << 1);
  x = ((x >>> 2) & 0x33333333) | ((x & 0x33333333) << 2);
  x = ((x >>> 4) & 0x0f0f0f0f) | ((x & 0x0f0f0f0f) << 4);
  x = ((x >>> 8) & 0x00ff00ff) | ((x & 0x00ff00ff) << 8);
  x = (x >>> 16) | (x << 16);
  return x | 0;
}

function baseUrl(random: EventRandom): string {
  return `https://www.nexmark.com/${nextString(random, 5, '_')}/${nextString(random, 5, '_')}/${nextString(random, 5, '_')}/item.htm?query=1`;
}

interface Channels {
  readonly hotUrls: readonly string[];
  readonly names: readonly string[];
  readonly urls: readonly string[];
}

const channelTables = new Map<number, Channels>();

/** The hot URLs and the 10,000 channel names and URLs for a seed, built once. */
function channels(seed: number): Channels {
  let t = channelTables.get(seed);
  if (t === undefined) {
    const random = new EventRandom().reset(seed, 0x7fff_ffff_fffe);
    const hotUrls = HOT_CHANNELS.map(() => baseUrl(random));
    const names: string[] = [];
    const urls: string[] = [];
    for (let i = 0; i < CHANNELS_NUMBER; i++) {
      let url = baseUrl(random);
      if (random.nextInt(10) > 0) url += `&channel_id=${Math.abs(reverseBits32(i))}`;
      names.push(`channel-${i}`);
      urls.push(url);
    }
    t = { hotUrls, names, urls };
    channelTables.set(seed, t);
  }
  return t;
}

export function nextBid(id: number, random: EventRandom, timestampMs: number, cfg: NexmarkConfig): Bid {
  const auction =
    (random.nextInt(cfg.hotAuctionRatio) > 0
      ? Math.floor(lastBase0AuctionId(id) / HOT_AUCTION_BATCH) * HOT_AUCTION_BATCH
      : nextBase0AuctionId(id, random, cfg)) + FIRST_AUCTION_ID;
  const bidder =
    (random.nextInt(cfg.hotBiddersRatio) > 0
      ? Math.floor(lastBase0PersonId(id) / HOT_BIDDER_BATCH) * HOT_BIDDER_BATCH + 1
      : nextBase0PersonId(id, random, cfg)) + FIRST_PERSON_ID;
  const price = nextPrice(random);
  const table = channels(cfg.seed);
  let channel: string;
  let url: string;
  if (random.nextInt(HOT_CHANNELS_RATIO) > 0) {
    const i = random.nextInt(HOT_CHANNELS.length);
    channel = HOT_CHANNELS[i]!;
    url = table.hotUrls[i]!;
  } else {
    const i = random.nextInt(CHANNELS_NUMBER);
    channel = table.names[i]!;
    url = table.urls[i]!;
  }
  const extra = nextExtra(random, cfg.seed, 8 + 8 + 8 + 8, cfg.avgBidByteSize);
  return { auction, bidder, price, channel, url, dateTime: timestampMs, extra };
}
