// The replay ingest agent: walks NASDAQ-framed ITCH bytes from a FramedSource (file or
// generator) and normalizes them into the ring, like a socket read per duty cycle: one ingest
// stamp per batch, one ring publish per batch, counters flushed per batch. doWork returns the
// messages it handled (0 = idle, once the source is exhausted), so an AgentRunner with an idle
// strategy drives it; when the source is exhausted it asks its runner to stop.
//
// Feed sequence numbers are message indexes, 1-based, counting every frame (malformed ones too)
// and continuing across refills, so a consumer sees the same numbering as a SoupBinTCP session
// replaying the same file.
import { stampNs } from '@ringside/ring';
import type { Agent, AgentControl } from '@ringside/ring';
import type { SampleRing } from '@ringside/counters';
import { NasdaqFrameReader } from '@ringside/protocols';
import { IngestTally } from './ingest-counters.ts';
import type { IngestCountersPublisher } from './ingest-counters.ts';
import { IngestLatencyTag } from './ingest-latency.ts';
import type { FramedSource } from './framed-source.ts';
import { NormalizerContext } from './itch-normalizer.ts';
import type { ItchNormalizer } from './itch-normalizer.ts';

const SEQ = NormalizerContext.FEED_SEQUENCE;
const NS = NormalizerContext.INGEST_NS;
const PUBLISHED = 1;
const NEXT_SEQUENCE = 2;
/** Position in the chunk up to which bytes were counted. */
const COUNTED_TO = 3;

export class ReplayIngestAgent implements Agent {
  readonly roleName = 'ingest-replay';
  private readonly source: FramedSource;
  private readonly normalizer: ItchNormalizer;
  private readonly publisher: IngestCountersPublisher;
  private readonly samples: SampleRing;
  private readonly control: AgentControl | undefined;
  private readonly reader: NasdaqFrameReader;
  private readonly scalars: Float64Array;
  private readonly batch: number;
  /** Doubles kept in a typed array so updating them never boxes. */
  private readonly state = new Float64Array(4);
  private exhausted = false;
  private chunkLoaded = false;

  constructor(
    source: FramedSource,
    normalizer: ItchNormalizer,
    publisher: IngestCountersPublisher,
    samples: SampleRing,
    batchMessages: number,
    control?: AgentControl,
  ) {
    this.source = source;
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.samples = samples;
    this.batch = batchMessages;
    this.control = control;
    this.reader = new NasdaqFrameReader(normalizer.decoder.errors);
    this.scalars = normalizer.tallies.scalars;
    this.state[NEXT_SEQUENCE] = 1;
  }

  /** True once the source is exhausted and everything was published. */
  get finished(): boolean {
    return this.exhausted;
  }

  /** The feed sequence number the next message will get. */
  get nextSequence(): number {
    return this.state[NEXT_SEQUENCE]!;
  }

  doWork(): number {
    if (this.exhausted) return 0;
    const state = this.state;
    const reader = this.reader;
    const normalizer = this.normalizer;
    const batch = this.batch;
    const context = normalizer.context;
    stampNs(context, NS);
    let n = 0;
    while (n < batch) {
      if (!this.chunkLoaded && !this.loadChunk()) break;
      const len = reader.next();
      if (len < 0) {
        // End of the chunk, or damaged framing (counted by the reader): the rest of the chunk
        // cannot be framed again, so it is skipped whole.
        this.scalars[IngestTally.BYTES] += reader.end - state[COUNTED_TO]!;
        this.chunkLoaded = false;
        continue;
      }
      context[SEQ] = state[NEXT_SEQUENCE]!;
      state[NEXT_SEQUENCE] = context[SEQ]! + 1;
      normalizer.normalize(reader.buffer, reader.messageOffset, len);
      n++;
    }
    if (this.chunkLoaded) {
      this.scalars[IngestTally.BYTES] += reader.position - state[COUNTED_TO]!;
      state[COUNTED_TO] = reader.position;
    }
    this.scalars[IngestTally.READS]++;
    if (normalizer.publish() > 0) {
      stampNs(state, PUBLISHED);
      this.samples.record(state[PUBLISHED]! - context[NS]!, IngestLatencyTag.INGEST_TO_PUBLISH);
    }
    this.publisher.flush();
    if (this.exhausted) this.control?.requestStop();
    return n;
  }

  private loadChunk(): boolean {
    const length = this.source.refill();
    if (length <= 0) {
      this.exhausted = true;
      return false;
    }
    this.reader.reset(this.source.buffer, 0, length);
    this.state[COUNTED_TO] = 0;
    this.chunkLoaded = true;
    return true;
  }
}
