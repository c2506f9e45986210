// Public API of @ringside/feed-sim (for tests and the testkit). Named exports only.
export { startFeedSim } from './feed-sim.ts';
export type { FeedSimHandle, FeedSimStats } from './feed-sim.ts';
export { parseFeedSimConfig, feedSimConfigSchema, FeedSimError, FeedSimErrorCode } from './config.ts';
export type { FeedSimConfig, FeedSimConfigInput } from './config.ts';
export type { FinishReason } from './feed-pacer.ts';
export { SyntheticBookSource, SYNTHETIC_START_NS } from './synthetic-book-source.ts';
export type { SyntheticBookOptions } from './synthetic-book-source.ts';
export { FileFeedSource } from './file-source.ts';
export type { FeedSource } from './feed-source.ts';
