// Decodes one ITCH 5.0 message in place and writes it as one market event into the next ring
// slot (layout: events/market-event-descriptor.ts). The hot path of every ingest source:
// nothing is allocated, nothing thrown; the result is the event type, or why there is none.
//
// Published: A F → ADD, E C → EXECUTE, X → CANCEL, D → DELETE, U → REPLACE, P → TRADE,
// Q → CROSS, B → BROKEN_TRADE, S → SYSTEM, R → DIRECTORY, H → TRADING_ACTION,
// Y L V W K J h → ADMIN (generic: locate, timestamp, ITCH type).
// Only counted (per type, never published): I (NOII), N (RPII), O (DLCR) — auction
// information no book or decision worker consumes yet. Malformed messages are counted by kind
// by the decoder and not published.
//
// No double crosses a call here: the feed sequence and the ingest stamp travel in `context` (a
// Float64Array the source fills), normalize() passes small integers only, and the per-type
// writers (itch-event-writers.ts) read the message's doubles and store them in one function.
import { BroadcastStatus } from '@ringside/ring';
import type { BroadcastProducer } from '@ringside/ring';
import { ItchDecoder } from '@ringside/protocols';
import { MarketEventType } from '../events/market-event-descriptor.ts';
import { MarketEventWriter } from '../events/market-event-writer.ts';
import { IngestTallies, IngestTally } from './ingest-counters.ts';
import { EVENT_TYPE_BY_ITCH_TYPE, itchEventWriters } from './itch-event-writers.ts';
import type { ItchEventWriter } from './itch-event-writers.ts';

/** Results of normalize() besides a published MarketEventType (> 0). */
export const NormalizeStatus = {
  /** A valid message of a type that is only counted (I, N, O). */
  COUNTED_ONLY: 0,
} as const;

/** Indexes of ItchNormalizer.context, which the source sets before normalize(). */
export const NormalizerContext = {
  /** Feed sequence number of the message. */
  FEED_SEQUENCE: 0,
  /** Ingest stamp (nowNs): of the message (TCP), of its batch (replay). */
  INGEST_NS: 1,
} as const;

export class ItchNormalizer {
  readonly decoder: ItchDecoder;
  readonly tallies: IngestTallies;
  readonly producer: BroadcastProducer;
  /** [FEED_SEQUENCE, INGEST_NS] of the message about to be normalized. */
  readonly context = new Float64Array(2);
  private readonly out: MarketEventWriter;
  private readonly writers: (ItchEventWriter | undefined)[];
  private readonly scalars: Float64Array;
  private readonly byType: Float64Array;

  constructor(producer: BroadcastProducer, decoder: ItchDecoder = new ItchDecoder()) {
    this.producer = producer;
    this.decoder = decoder;
    this.tallies = new IngestTallies(decoder.errors.counts);
    this.out = new MarketEventWriter(producer.i32, producer.f64);
    this.writers = itchEventWriters(decoder, this.out, this.context);
    this.scalars = this.tallies.scalars;
    this.byType = this.tallies.byType;
  }

  /**
   * Normalizes `b[o .. o+len)` (one ITCH message) with the feed sequence and ingest stamp in
   * `context`. Returns the MarketEventType published, NormalizeStatus.COUNTED_ONLY, or the
   * negative ItchStatus of a malformed message (counted by kind in decoder.errors).
   */
  normalize(b: Uint8Array, o: number, len: number): number {
    this.scalars[IngestTally.MESSAGES_IN]++;
    const t = this.decoder.decode(b, o, len);
    if (t < 0) return t;
    this.byType[t]++;
    const writer = this.writers[t];
    if (writer === undefined) {
      this.scalars[IngestTally.COUNTED_ONLY]++;
      return NormalizeStatus.COUNTED_ONLY;
    }
    const type = EVENT_TYPE_BY_ITCH_TYPE[t]!;
    this.out.begin(this.claim(), type, t, this.context);
    writer.write();
    return type;
  }

  /**
   * Publishes a GAP event: feed messages [fromSequence, fromSequence + count) will never arrive
   * (stamped with context's INGEST_NS). Counted in GAPS / GAP_MESSAGES. Gaps are rare: the
   * double arguments may box here.
   */
  publishGap(fromSequence: number, count: number): void {
    this.scalars[IngestTally.GAPS]++;
    this.scalars[IngestTally.GAP_MESSAGES] += count;
    const out = this.out;
    out.begin(this.claim(), MarketEventType.GAP, 0, this.context);
    out.setFeedSequence(fromSequence);
    out.setRef2(count);
  }

  /** Makes every event written since the last publish visible (once per read / batch). */
  publish(): number {
    return this.producer.publish();
  }

  /** The next slot's byte offset; if half the ring is pending, publishes first (never fails). */
  private claim(): number {
    const producer = this.producer;
    let offset = producer.claim();
    if (offset === BroadcastStatus.BATCH_FULL) {
      // One read held more events than half the ring: publish what we have and go on. The
      // producer never waits, so the second claim cannot fail.
      this.scalars[IngestTally.BATCH_SPLITS]++;
      producer.publish();
      offset = producer.claim();
    }
    this.scalars[IngestTally.EVENTS_PUBLISHED]++;
    return offset;
  }
}
