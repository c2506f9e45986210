// Tags of the ingest worker's latency samples (SampleRing tag word), so the sidecar can tell
// segments apart when it folds samples into histograms.
export const IngestLatencyTag = {
  /**
   * From the ingest stamp of a publish group's first message to the group's ring publish, ns
   * (TCP: stamped per message, published per PUBLISH_GROUP or end of read; replay: per batch).
   */
  INGEST_TO_PUBLISH: 1,
} as const;
