// The SoupBinTCP client's message sink: the ingest hot path for a TCP feed. The client reads
// into its one static buffer (net.Socket onread), reassembles packets across reads and calls
// onMessage for each sequenced message, then onReadComplete once per read. Here each message is
// checked against the expected sequence (no duplicate, gaps announced), normalized into a ring
// slot with the read's ingest stamp, and the whole read is published with one store.
//
// The stamp is taken at the first message a read completes, not at the top of the read: the
// read callback belongs to the client. The difference is the frame decoder finding the first
// packet boundary (well under a microsecond); a read that completes no message (a heartbeat, a
// partial packet) takes no stamp — its bytes are stamped by the read that completes them.
import { stampNs } from '@ringside/ring';
import type { SampleRing } from '@ringside/counters';
import type { SoupSequencedHandler } from '@ringside/protocols';
import { IngestTally } from './ingest-counters.ts';
import type { IngestCountersPublisher } from './ingest-counters.ts';
import { IngestLatencyTag } from './ingest-latency.ts';
import { FeedSequenceTracker } from './feed-sequence-tracker.ts';
import { NormalizerContext } from './itch-normalizer.ts';
import type { ItchNormalizer } from './itch-normalizer.ts';

const SEQ = NormalizerContext.FEED_SEQUENCE;
const NS = NormalizerContext.INGEST_NS;

export class SoupIngestHandler implements SoupSequencedHandler {
  readonly tracker: FeedSequenceTracker;
  private readonly normalizer: ItchNormalizer;
  private readonly publisher: IngestCountersPublisher;
  private readonly samples: SampleRing;
  private readonly scalars: Float64Array;
  /** The normalizer's [FEED_SEQUENCE, INGEST_NS]: this read's stamp lives in it. */
  private readonly context: Float64Array;
  /** [0] = when the read's events were published (ns). */
  private readonly published = new Float64Array(1);
  private stamped = false;

  constructor(
    normalizer: ItchNormalizer,
    publisher: IngestCountersPublisher,
    samples: SampleRing,
    firstSequence: number,
  ) {
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.samples = samples;
    this.scalars = normalizer.tallies.scalars;
    this.context = normalizer.context;
    this.tracker = new FeedSequenceTracker(normalizer, firstSequence);
  }

  onMessage(bytes: Uint8Array, offset: number, length: number, sequenceNumber: number): void {
    const context = this.context;
    if (!this.stamped) {
      stampNs(context, NS);
      this.stamped = true;
    }
    if (this.tracker.accept(sequenceNumber) < 0) return;
    context[SEQ] = sequenceNumber;
    this.normalizer.normalize(bytes, offset, length);
  }

  onReadComplete(bytesRead: number): void {
    const scalars = this.scalars;
    scalars[IngestTally.READS]++;
    scalars[IngestTally.BYTES] += bytesRead;
    if (this.stamped) {
      this.stamped = false;
      if (this.normalizer.publish() > 0) {
        const published = this.published;
        stampNs(published, 0);
        this.samples.record(published[0]! - this.context[NS]!, IngestLatencyTag.INGEST_TO_PUBLISH);
      }
    }
    this.publisher.flush();
  }
}
