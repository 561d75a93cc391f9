/** The Nexmark generator's public pieces (see nexmark-generator.ts). */
export { NexmarkConfig, type NexmarkOptions } from './nexmark-config.js';
export { NexmarkGenerator } from './nexmark-generator.js';
export type { Auction, Bid, NexmarkEvent, Person } from './nexmark-model.js';
export { NEXMARK_DDL, NEXMARK_SCHEMA } from './nexmark-schema.js';
