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
} as const;
