// Counter type ids: what a counter counts. Stored in each metadata record so the sidecar can
// export counters by kind without parsing labels. Ids below USER_COUNTER_TYPE_BASE are ours;
// services add their own at or above it (extensible without touching this list).

export const COUNTER_TYPE = {
  /** Events read from the feed by ingest. */
  EVENTS_IN: 1,
  /** Events a consumer lost because the producer lapped it. */
  EVENTS_LOST: 2,
  /** Orders handed to the gateway. */
  ORDERS_SENT: 3,
  /** Acknowledgements received from the venue. */
  ORDERS_ACKED: 4,
  /** Orders rejected, by the venue or locally. */
  ORDERS_REJECTED: 5,
  /** Offers refused by a full queue (backpressure made visible). */
  QUEUE_FULL: 6,
  /** Events or orders shed on purpose under load. */
  LOAD_SHED: 7,
  /** Errors caught and survived by an agent loop. */
  ERRORS: 8,
  /** Latency samples a sample-ring reader missed (lossy by design, counted). */
  SAMPLES_MISSED: 9,
  /** A level rather than a count, e.g. a consumer's lag in events. */
  GAUGE: 10,
} as const;

export type CounterTypeId = (typeof COUNTER_TYPE)[keyof typeof COUNTER_TYPE];

/** First type id free for services' own counter kinds. */
export const USER_COUNTER_TYPE_BASE = 1000;
