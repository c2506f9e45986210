// Public API of @ringside/hotpath. Named exports only.

// --- Market events: the ring slot layout shared by ingest (writer) and decision workers (readers)
export {
  MarketEventType,
  MarketEventDescriptor,
  MARKET_EVENT_TYPE_SLOTS,
  marketEventTypeName,
} from './events/market-event-descriptor.ts';
export type { MarketEventTypeCode } from './events/market-event-descriptor.ts';
export { MarketEventWriter } from './events/market-event-writer.ts';
export { MarketEventReader } from './events/market-event-reader.ts';

// --- Ingest worker and its controller
export { startIngest } from './ingest/ingest-controller.ts';
export type { IngestHandle } from './ingest/ingest-controller.ts';
export { parseIngestConfig } from './ingest/ingest-config.ts';
export type {
  IngestConfig,
  IngestConfigInput,
  TcpSourceConfig,
  FileSourceConfig,
  GeneratorSourceConfig,
} from './ingest/ingest-config.ts';
export { IngestError, IngestErrorCode } from './ingest/ingest-error.ts';
export type { IngestErrorCodeValue } from './ingest/ingest-error.ts';
export type { IngestStatusEvent, IngestSummary } from './ingest/ingest-status.ts';
export {
  IngestTally,
  INGEST_TALLY_COUNT,
  IngestCounterType,
  IngestTallies,
  IngestCountersPublisher,
  allocateIngestCounters,
  readIngestCounters,
} from './ingest/ingest-counters.ts';
export type { IngestCounterIds, IngestCountersSnapshot } from './ingest/ingest-counters.ts';
export { IngestLatencyTag } from './ingest/ingest-latency.ts';
export { ItchNormalizer, NormalizeStatus, NormalizerContext } from './ingest/itch-normalizer.ts';
export { FeedSequenceTracker, SequenceVerdict } from './ingest/feed-sequence-tracker.ts';
export { SoupIngestHandler } from './ingest/soup-ingest-handler.ts';
export { ReplayIngestAgent } from './ingest/replay-ingest-agent.ts';
export { BufferFramedSource } from './ingest/framed-source.ts';
export type { FramedSource } from './ingest/framed-source.ts';
export { loadItchFile } from './ingest/open-framed-source.ts';
export { GeneratorFramedSource } from './ingest/generator-framed-source.ts';
