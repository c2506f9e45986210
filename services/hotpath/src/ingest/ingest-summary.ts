// Builds the worker's final IngestSummary from its private tallies (control plane).
import { itchErrorName } from '@ringside/protocols';
import { IngestTally } from './ingest-counters.ts';
import type { IngestSummary } from './ingest-status.ts';
import type { ItchNormalizer } from './itch-normalizer.ts';

export function summarize(
  source: IngestSummary['source'],
  reason: string,
  normalizer: ItchNormalizer,
  nextSequence: number,
  elapsedMs: number,
): IngestSummary {
  const t = normalizer.tallies;
  const s = t.scalars;
  const byType: Record<string, number> = {};
  t.byType.forEach((n, type) => {
    if (n > 0) byType[String.fromCharCode(type)] = n;
  });
  const malformed: Record<string, number> = {};
  t.malformed.forEach((n, i) => {
    if (n > 0) malformed[itchErrorName(-i)] = n;
  });
  return {
    source,
    reason,
    messagesIn: s[IngestTally.MESSAGES_IN]!,
    eventsPublished: s[IngestTally.EVENTS_PUBLISHED]!,
    countedOnly: s[IngestTally.COUNTED_ONLY]!,
    byType,
    malformed,
    malformedTotal: t.malformedTotal(),
    gaps: s[IngestTally.GAPS]!,
    gapMessages: s[IngestTally.GAP_MESSAGES]!,
    duplicates: s[IngestTally.DUPLICATES]!,
    reads: s[IngestTally.READS]!,
    bytes: s[IngestTally.BYTES]!,
    reconnects: s[IngestTally.RECONNECTS]!,
    batchSplits: s[IngestTally.BATCH_SPLITS]!,
    nextSequence,
    ringNextSequence: normalizer.producer.nextSequence,
    elapsedMs,
  };
}
