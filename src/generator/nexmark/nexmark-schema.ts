/**
 * The schema of the `nexmark` source and of `sluice generate nexmark` JSON lines: Flink nexmark's
 * `datagen` table — `event_type INT`, the ROW columns `person`, `auction`, `bid` (only the
 * event's own is non-null) and the event time `dateTime` (Flink's computed column). The
 * `bid`/`person`/`auction` views select the struct fields where event_type is 2/0/1.
 */
import {
  IntegerType,
  LongType,
  StringType,
  type StructType,
  structField,
  structType,
  TimestampType,
} from '../../types/data-type.js';

const f = (name: string, t: Parameters<typeof structField>[1]) => structField(name, t, true);

export const PERSON_TYPE: StructType = structType([
  f('id', LongType),
  f('name', StringType),
  f('emailAddress', StringType),
  f('creditCard', StringType),
  f('city', StringType),
  f('state', StringType),
  f('dateTime', TimestampType),
  f('extra', StringType),
]);

export const AUCTION_TYPE: StructType = structType([
  f('id', LongType),
  f('itemName', StringType),
  f('description', StringType),
  f('initialBid', LongType),
  f('reserve', LongType),
  f('dateTime', TimestampType),
  f('expires', TimestampType),
  f('seller', LongType),
  f('category', LongType),
  f('extra', StringType),
]);

export const BID_TYPE: StructType = structType([
  f('auction', LongType),
  f('bidder', LongType),
  f('price', LongType),
  f('channel', StringType),
  f('url', StringType),
  f('dateTime', TimestampType),
  f('extra', StringType),
]);

export const NEXMARK_SCHEMA: StructType = structType([
  f('event_type', IntegerType),
  f('person', PERSON_TYPE),
  f('auction', AUCTION_TYPE),
  f('bid', BID_TYPE),
  f('dateTime', TimestampType),
]);

/** The same schema as a DDL string, for from_json / readStream.schema in Sluice and Spark. */
export const NEXMARK_DDL =
  'event_type INT, ' +
  'person STRUCT<id: BIGINT, name: STRING, emailAddress: STRING, creditCard: STRING, city: STRING, state: STRING, dateTime: TIMESTAMP, extra: STRING>, ' +
  'auction STRUCT<id: BIGINT, itemName: STRING, description: STRING, initialBid: BIGINT, reserve: BIGINT, dateTime: TIMESTAMP, expires: TIMESTAMP, seller: BIGINT, category: BIGINT, extra: STRING>, ' +
  'bid STRUCT<auction: BIGINT, bidder: BIGINT, price: BIGINT, channel: STRING, url: STRING, dateTime: TIMESTAMP, extra: STRING>, ' +
  'dateTime TIMESTAMP';
