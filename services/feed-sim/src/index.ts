// Public API of @ringside/feed-sim (for tests and the testkit). Named exports only. The
// synthetic generator lives in @ringside/marketgen.
export { startFeedSim } from './feed-sim.ts';
export type { FeedSimHandle, FeedSimStats } from './feed-sim.ts';
export { parseFeedSimConfig, feedSimConfigSchema, FeedSimError, FeedSimErrorCode } from './config.ts';
export type { FeedSimConfig, FeedSimConfigInput } from './config.ts';
export type { FinishReason } from './feed-pacer.ts';
export { FileFeedSource } from './file-source.ts';
