import { describe, expect, it } from 'vitest';
import { reverseBits32 } from '../../src/generator/nexmark/bid-generator.js';
import { NexmarkGenerator } from '../../src/generator/nexmark/index.js';
import type { Auction, Bid, Person } from '../../src/generator/nexmark/nexmark-model.js';

const N = 50_000;

function collect(gen: NexmarkGenerator, n = N) {
  const people: Person[] = [];
  const auctions: Auction[] = [];
  const bids: Bid[] = [];
  for (let i = 0; i < n; i++) {
    const e = gen.event(i);
    if (e.eventType === 0) people.push(e.person);
    else if (e.eventType === 1) auctions.push(e.auction);
    else bids.push(e.bid);
  }
  return { people, auctions, bids };
}

describe('Nexmark generator', () => {
  it('is deterministic for a seed and random access', () => {
    const a = new NexmarkGenerator({ seed: 7 });
    const b = new NexmarkGenerator({ seed: 7 });
    const forward = Array.from({ length: 200 }, (_, i) => a.jsonLine(i));
    const backward = Array.from({ length: 200 }, (_, i) => b.jsonLine(199 - i)).reverse();
    expect(backward).toEqual(forward);
    const other = new NexmarkGenerator({ seed: 8 });
    expect(Array.from({ length: 200 }, (_, i) => other.jsonLine(i))).not.toEqual(forward);
  });

  it('emits person, auction and bid events in proportions 1:3:46 with ids derived from the event number', () => {
    const { people, auctions, bids } = collect(new NexmarkGenerator());
    expect([people.length, auctions.length, bids.length]).toEqual([N / 50, (N / 50) * 3, (N / 50) * 46]);
    expect(people.map((p) => p.id)).toEqual(people.map((_, k) => 1000 + k));
    expect(auctions.map((a) => a.id)).toEqual(auctions.map((_, k) => 1000 + k));
    const g = new NexmarkGenerator();
    expect([0, 1, 2, 3, 4, 49, 50].map((i) => g.event(i).eventType)).toEqual([0, 1, 1, 1, 2, 2, 0]);
  });

  it('derives event times from the rate: base time + n / rate', () => {
    const g = new NexmarkGenerator({ eventsPerSecond: 1000, baseTimeMs: Date.UTC(2024, 0, 1) });
    const t = (i: number) => {
      const e = g.event(i);
      return e.eventType === 0 ? e.person.dateTime : e.eventType === 1 ? e.auction.dateTime : e.bid.dateTime;
    };
    expect(t(0)).toBe(Date.UTC(2024, 0, 1));
    expect(t(1500)).toBe(Date.UTC(2024, 0, 1) + 1500);
    const slow = new NexmarkGenerator({ eventsPerSecond: 3, baseTimeMs: 0 });
    expect(slow.row(4)[4]).toBe(1_333_000); // ⌊4 · 333,333.33 µs⌋ → 1333 ms
  });

  it('concentrates bids on hot auctions and hot bidders, and auctions on hot sellers', () => {
    const { auctions, bids } = collect(new NexmarkGenerator());
    // hot auction = the first of the current batch of 100 auctions; chosen with p = 1 - 1/2
    const hotAuction = bids.filter((b) => (b.auction - 1000) % 100 === 0).length / bids.length;
    expect(hotAuction).toBeGreaterThan(0.48);
    expect(hotAuction).toBeLessThan(0.53);
    // hot bidder = the second person of the current batch of 100; p = 1 - 1/4
    const hotBidder = bids.filter((b) => (b.bidder - 1000) % 100 === 1).length / bids.length;
    expect(hotBidder).toBeGreaterThan(0.73);
    expect(hotBidder).toBeLessThan(0.78);
    // hot seller = the first person of the batch; p = 1 - 1/4
    const hotSeller = auctions.filter((a) => (a.seller - 1000) % 100 === 0).length / auctions.length;
    expect(hotSeller).toBeGreaterThan(0.72);
    expect(hotSeller).toBeLessThan(0.79);
    // half the bids come from the four hot channels
    const hot = bids.filter((b) => ['Google', 'Facebook', 'Baidu', 'Apple'].includes(b.channel)).length;
    expect(hot / bids.length).toBeGreaterThan(0.48);
    expect(hot / bids.length).toBeLessThan(0.52);
    // bids never name an auction or person far beyond the last one created
    const g = new NexmarkGenerator();
    for (let i = 0; i < 5000; i++) {
      const e = g.event(i);
      if (e.eventType === 2) {
        expect(e.bid.auction).toBeLessThanOrEqual(1000 + Math.floor(i / 50) * 3 + 2 + 10);
        expect(e.bid.bidder).toBeLessThanOrEqual(1000 + Math.floor(i / 50) + 10);
      }
    }
  });

  it('formats fields as the standard generator does and pads events to the average sizes', () => {
    const { people, auctions, bids } = collect(new NexmarkGenerator({ seed: 3 }));
    for (const p of people.slice(0, 200)) {
      expect(p.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(p.emailAddress).toMatch(/^[a-z ]*[a-z]@[a-z ]*[a-z]?\.com$/);
      expect(p.creditCard).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
      expect(['AZ', 'CA', 'ID', 'OR', 'WA', 'WY']).toContain(p.state);
    }
    for (const a of auctions.slice(0, 200)) {
      expect(a.category).toBeGreaterThanOrEqual(10);
      expect(a.category).toBeLessThanOrEqual(14);
      expect(a.reserve).toBeGreaterThanOrEqual(a.initialBid);
      expect(a.expires).toBeGreaterThan(a.dateTime);
    }
    const hotChannels = ['Google', 'Facebook', 'Baidu', 'Apple'];
    const badBids = bids.filter(
      (b) =>
        b.price < 100 ||
        b.price > 100_000_000 ||
        !/^https:\/\/www\.nexmark\.com\/[a-z_]+\/[a-z_]+\/[a-z_]+\/item\.htm\?query=1(&channel_id=\d+)?$/.test(
          b.url,
        ) ||
        !(hotChannels.includes(b.channel) || /^channel-\d+$/.test(b.channel)),
    );
    expect(badBids).toEqual([]);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const bidSize = mean(bids.map((b) => 32 + b.extra.length));
    expect(Math.abs(bidSize - 100)).toBeLessThan(2);
    const auctionSize = mean(
      auctions.map((a) => 48 + a.itemName.length + a.description.length + a.extra.length),
    );
    expect(Math.abs(auctionSize - 500)).toBeLessThan(10);
    expect(reverseBits32(1)).toBe(-2147483648);
    expect(Math.abs(reverseBits32(3))).toBe(1073741824);
  });

  it('writes JSON lines in the Flink/RisingWave layout', () => {
    const g = new NexmarkGenerator({ baseTimeMs: Date.UTC(2024, 10, 21, 10, 0, 0) });
    const person = JSON.parse(g.jsonLine(0));
    expect(Object.keys(person)).toEqual(['event_type', 'person', 'auction', 'bid', 'dateTime']);
    expect(person.event_type).toBe(0);
    expect(person.auction).toBeNull();
    expect(person.person.dateTime).toBe('2024-11-21 10:00:00.000');
    const bid = JSON.parse(g.jsonLine(1234));
    expect(bid.event_type).toBe(2);
    expect(Object.keys(bid.bid)).toEqual([
      'auction',
      'bidder',
      'price',
      'channel',
      'url',
      'dateTime',
      'extra',
    ]);
    expect(bid.dateTime).toBe('2024-11-21 10:00:00.123');
    expect(g.row(1234)).toEqual([
      2,
      null,
      null,
      [
        bid.bid.auction,
        bid.bid.bidder,
        bid.bid.price,
        bid.bid.channel,
        bid.bid.url,
        Date.UTC(2024, 10, 21, 10, 0, 0, 123) * 1000,
        bid.bid.extra,
      ],
      Date.UTC(2024, 10, 21, 10, 0, 0, 123) * 1000,
    ]);
  });
});
