// Public API of @ringside/marketgen: a seeded, self-consistent synthetic ITCH 5.0 market (books
// that never cross) for feed-sim, the hot path's generator source and benchmarks. Named exports only.
export { SyntheticBookSource, SYNTHETIC_START_NS } from './synthetic-book-source.ts';
export type { SyntheticBookOptions } from './synthetic-book-source.ts';
export { SeededRandom } from './seeded-random.ts';
export type { FeedSource } from './feed-source.ts';
