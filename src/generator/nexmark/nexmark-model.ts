/**
 * The three Nexmark event kinds with the standard field lists (Flink nexmark / RisingWave):
 * person(id, name, emailAddress, creditCard, city, state, dateTime, extra), auction(id, itemName,
 * description, initialBid, reserve, dateTime, expires, seller, category, extra) and bid(auction,
 * bidder, price, channel, url, dateTime, extra). Times are epoch milliseconds here; the source
 * turns them into TIMESTAMP values (µs) and JSON into `yyyy-MM-dd HH:mm:ss.SSS` (UTC).
 */

export interface Person {
  readonly id: number;
  readonly name: string;
  readonly emailAddress: string;
  readonly creditCard: string;
  readonly city: string;
  readonly state: string;
  readonly dateTime: number;
  readonly extra: string;
}

export interface Auction {
  readonly id: number;
  readonly itemName: string;
  readonly description: string;
  readonly initialBid: number;
  readonly reserve: number;
  readonly dateTime: number;
  readonly expires: number;
  readonly seller: number;
  readonly category: number;
  readonly extra: string;
}

export interface Bid {
  readonly auction: number;
  readonly bidder: number;
  readonly price: number;
  readonly channel: string;
  readonly url: string;
  readonly dateTime: number;
  readonly extra: string;
}

export type NexmarkEvent =
  | { readonly eventType: 0; readonly person: Person }
  | { readonly eventType: 1; readonly auction: Auction }
  | { readonly eventType: 2; readonly bid: Bid };
