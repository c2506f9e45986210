// Tags of the decision worker's latency samples (SampleRing tag word), in nanoseconds.
export const DecisionLatencyTag = {
  /** Decision latency: the triggering event's ingest stamp → the order command enqueued. */
  INGEST_TO_ENQUEUED: 1,
  /**
   * Ring transit: ingest stamp of a batch's oldest event → this worker read the batch. Market
   * events carry no publish stamp (market-event-descriptor.ts), so this segment starts at
   * ingest; the ingest worker's INGEST_TO_PUBLISH samples give the part before the publish.
   */
  INGEST_TO_READ: 2,
  /** Execution latency: enqueued → the venue's first answer (ACCEPTED / REJECTED of a NEW). */
  ENQUEUED_TO_ACKED: 3,
  /**
   * Processed-event latency: an event's ingest stamp → the end of the drained batch that
   * applied it (so an upper bound for each event of the batch). One sample per processed event
   * (dropped ones excluded, conflated ones included), only when the agent's
   * sampleProcessedLatency option is on: it is what the shed controller's windows and the
   * capacity bench measure, and it would crowd the other tags out of a small sample ring.
   */
  INGEST_TO_PROCESSED: 4,
} as const;
