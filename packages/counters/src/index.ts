// Public API of @ringside/counters: Aeron-style single-writer counters, lossy latency sample
// rings, and the HdrHistogram folding the sidecar does with them.
export { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';
export type { CountersErrorCode } from './counters-error.ts';

export { ATOMIC_LONG } from './atomic-long-descriptor.ts';
export { LONG_READ_CONTENDED, MAX_LONG_READ_ATTEMPTS, loadLong, peekLong, storeLong } from './atomic-long.ts';

export {
  COUNTERS_LAYOUT,
  NULL_COUNTER_ID,
  RECORD_STATE,
  countersBufferLengths,
  countersCapacityOf,
} from './counters-descriptor.ts';
export type { CountersBuffers, RecordState } from './counters-descriptor.ts';
export { COUNTER_TYPE, USER_COUNTER_TYPE_BASE } from './counter-types.ts';
export type { CounterTypeId } from './counter-types.ts';
export { COUNTER_STATUS, Counter, CountersWriterView } from './counter.ts';
export type { CounterStatus } from './counter.ts';
export { CountersManager } from './counters-manager.ts';
export type { CountersManagerOptions } from './counters-manager.ts';
export { CountersReader } from './counters-reader.ts';
export type { CounterMetadata, CounterVisitor } from './counters-reader.ts';

export {
  SAMPLE_RING_LAYOUT,
  createSampleRingBuffer,
  sampleRingByteLength,
  sampleRingCapacityOf,
} from './sample-ring-descriptor.ts';
export { SampleRing } from './sample-ring.ts';
export { SampleRingReader } from './sample-ring-reader.ts';
export type { SampleHandler, SampleRingReaderOptions } from './sample-ring-reader.ts';

export {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  mergeHistogram,
  resolveHistogramOptions,
  summarize,
} from './latency-histogram.ts';
export type {
  Histogram,
  LatencyHistogramOptions,
  LatencySummary,
  ResolvedHistogramOptions,
  SignificantDigits,
} from './latency-histogram.ts';
export { HistogramFolder } from './histogram-folder.ts';
export { warmUpWriters } from './writer-warm-up.ts';
export type { TagHistogram, TagSummary } from './histogram-folder.ts';
