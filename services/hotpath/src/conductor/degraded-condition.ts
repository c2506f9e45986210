// The named conditions that hold the lifecycle in DEGRADED. Each one is set and cleared with a
// reason; READY needs all of them clear for the configured stable period.
export const DegradedCondition = {
  /** A BroadcastRing consumer is ISOLATED or DROPPED. */
  CONSUMER: 'consumer',
  /** Load shedding is active (level > 0). */
  SHEDDING: 'shedding',
  /** A decision-latency window broke the p99 budget. */
  LATENCY_BUDGET: 'latency-budget',
  FEED_SESSION: 'feed-session',
  /** The venue session is down (disconnected, not logged in). */
  VENUE_SESSION: 'venue-session',
  /**
   * The session is up but execution backs up: orders in flight and no venue answer for the
   * stall time, or the gateway refusing new orders LOCAL_REJECT EXEC_BACKLOG.
   */
  EXEC_BACKLOG: 'exec-backlog',
  /** The feed has a sequence gap that is not filled yet. */
  FEED_GAP: 'feed-gap',
} as const;

export type DegradedConditionName = (typeof DegradedCondition)[keyof typeof DegradedCondition];

export const DEGRADED_CONDITIONS: readonly DegradedConditionName[] = Object.values(DegradedCondition);

/** An active condition: why it is set and since when (monotonic ns). */
export interface ActiveCondition {
  readonly name: DegradedConditionName;
  readonly reason: string;
  readonly sinceNs: number;
}
