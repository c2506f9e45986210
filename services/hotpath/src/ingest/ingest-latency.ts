// Tags of the ingest worker's latency samples (SampleRing tag word), so the sidecar can tell
// segments apart when it folds samples into histograms.
export const IngestLatencyTag = {
  /** From the ingest stamp of a read (bytes arrived) to the ring publish of its events, in ns. */
  INGEST_TO_PUBLISH: 1,
} as const;
