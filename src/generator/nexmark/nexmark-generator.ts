/**
 * The Nexmark event generator: event n of a configuration, as an object, as a row of the
 * `nexmark` source's schema, or as one line of JSON. Backs `readStream.format('nexmark')`,
 * `read.format('nexmark')`, `sluice generate nexmark` and the Nexmark benchmark.
 *
 * Invariants:
 * - Event n is a pure function of (options, n): random access, so a source replays any offset
 *   range exactly and partitions can generate disjoint ranges independently.
 * - JSON lines follow the Flink/RisingWave Kafka layout: `event_type` (0 person, 1 auction,
 *   2 bid), the three ROW columns `person`, `auction`, `bid` (null except the event's own), and
 *   the event time `dateTime`; times are `yyyy-MM-dd HH:mm:ss.SSS` in UTC. No generated string
 *   needs JSON escaping (letters, digits, spaces and URL punctuation only).
 * - One instance keeps a small formatting cache and a random stream: share it within a thread,
 *   not across threads.
 */
import { nextAuction } from './auction-generator.js';
import { nextBid } from './bid-generator.js';
import { EventRandom } from './event-random.js';
import {
  EVENT_TYPE_AUCTION,
  EVENT_TYPE_PERSON,
  eventTypeOf,
  NexmarkConfig,
  type NexmarkOptions,
} from './nexmark-config.js';
import type { Auction, Bid, NexmarkEvent, Person } from './nexmark-model.js';
import { nextPerson } from './person-generator.js';

export class NexmarkGenerator {
  readonly config: NexmarkConfig;
  readonly #random = new EventRandom();
  #cachedSecond = Number.NaN;
  #cachedSecondText = '';

  constructor(options: NexmarkOptions | NexmarkConfig = {}) {
    this.config = options instanceof NexmarkConfig ? options : new NexmarkConfig(options);
  }

  /** Event n (n ≥ 0, an integer). */
  event(n: number): NexmarkEvent {
    const cfg = this.config;
    const random = this.#random.reset(cfg.seed, n);
    const ts = cfg.timestampMs(n);
    switch (eventTypeOf(n)) {
      case EVENT_TYPE_PERSON:
        return { eventType: 0, person: nextPerson(n, random, ts, cfg) };
      case EVENT_TYPE_AUCTION:
        return { eventType: 1, auction: nextAuction(n, random, ts, cfg) };
      default:
        return { eventType: 2, bid: nextBid(n, random, ts, cfg) };
    }
  }

  /**
   * Event n as a row of NEXMARK_SCHEMA: [event_type, person, auction, bid, dateTime], structs as
   * arrays in field order, timestamps in µs.
   */
  row(n: number): unknown[] {
    const e = this.event(n);
    switch (e.eventType) {
      case 0: {
        const p = e.person;
        const t = p.dateTime * 1000;
        return [0, [p.id, p.name, p.emailAddress, p.creditCard, p.city, p.state, t, p.extra], null, null, t];
      }
      case 1: {
        const a = e.auction;
        const t = a.dateTime * 1000;
        const auction = [
          a.id,
          a.itemName,
          a.description,
          a.initialBid,
          a.reserve,
          t,
          a.expires * 1000,
          a.seller,
          a.category,
          a.extra,
        ];
        return [1, null, auction, null, t];
      }
      default: {
        const b = e.bid;
        const t = b.dateTime * 1000;
        return [2, null, null, [b.auction, b.bidder, b.price, b.channel, b.url, t, b.extra], t];
      }
    }
  }

  /** Event n as one JSON line (no newline). */
  jsonLine(n: number): string {
    const e = this.event(n);
    switch (e.eventType) {
      case 0:
        return `{"event_type":0,"person":${this.#personJson(e.person)},"auction":null,"bid":null,"dateTime":"${this.timestampText(e.person.dateTime)}"}`;
      case 1:
        return `{"event_type":1,"person":null,"auction":${this.#auctionJson(e.auction)},"bid":null,"dateTime":"${this.timestampText(e.auction.dateTime)}"}`;
      default:
        return `{"event_type":2,"person":null,"auction":null,"bid":${this.#bidJson(e.bid)},"dateTime":"${this.timestampText(e.bid.dateTime)}"}`;
    }
  }

  #personJson(p: Person): string {
    return `{"id":${p.id},"name":"${p.name}","emailAddress":"${p.emailAddress}","creditCard":"${p.creditCard}","city":"${p.city}","state":"${p.state}","dateTime":"${this.timestampText(p.dateTime)}","extra":"${p.extra}"}`;
  }

  #auctionJson(a: Auction): string {
    return `{"id":${a.id},"itemName":"${a.itemName}","description":"${a.description}","initialBid":${a.initialBid},"reserve":${a.reserve},"dateTime":"${this.timestampText(a.dateTime)}","expires":"${this.timestampText(a.expires)}","seller":${a.seller},"category":${a.category},"extra":"${a.extra}"}`;
  }

  #bidJson(b: Bid): string {
    return `{"auction":${b.auction},"bidder":${b.bidder},"price":${b.price},"channel":"${b.channel}","url":"${b.url}","dateTime":"${this.timestampText(b.dateTime)}","extra":"${b.extra}"}`;
  }

  /** `yyyy-MM-dd HH:mm:ss.SSS` (UTC) of epoch ms. */
  timestampText(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.#cachedSecond) {
      this.#cachedSecond = second;
      this.#cachedSecondText = new Date(second * 1000).toISOString().slice(0, 19).replace('T', ' ');
    }
    const milli = ms - second * 1000;
    return `${this.#cachedSecondText}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}`;
  }

  /** JSON lines of events from..to-1. */
  *lines(from: number, to: number): Generator<string> {
    for (let n = from; n < to; n++) yield this.jsonLine(n);
  }
}
