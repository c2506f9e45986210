// The synthetic ITCH generator (SyntheticBookSource from @ringside/marketgen) as a
// FramedSource: each refill frames the next CHUNK_MESSAGES generated messages (NASDAQ framing)
// into one preallocated chunk, until the configured count is reached; the day is closed (the
// generator's closing system events) within the count. Timestamps advance 1 µs per message
// from the synthetic open.
import { SyntheticBookSource } from '@ringside/marketgen';
import { ITCH_MAX_LENGTH, NasdaqFrameWriter } from '@ringside/protocols';
import type { GeneratorSourceConfig } from './ingest-config.ts';
import type { FramedSource } from './framed-source.ts';

const CHUNK_MESSAGES = 4096;
/** The generator's closing events: end of market hours, end of system hours, end of messages. */
const EPILOGUE_MESSAGES = 3;
const NS_PER_MESSAGE = 1000;

export class GeneratorFramedSource implements FramedSource {
  readonly kind = 'generator';
  readonly buffer: Uint8Array;
  private readonly writer: NasdaqFrameWriter;
  private readonly generator: SyntheticBookSource;
  private readonly messages: number;
  private produced = 0;
  private finishing = false;

  constructor(config: Pick<GeneratorSourceConfig, 'seed' | 'messages' | 'instruments'>) {
    this.buffer = new Uint8Array(CHUNK_MESSAGES * (2 + ITCH_MAX_LENGTH));
    this.writer = new NasdaqFrameWriter(this.buffer);
    this.messages = config.messages;
    const symbols = Array.from({ length: config.instruments }, (_, i) => `SYM${i + 1}`);
    this.generator = new SyntheticBookSource({
      symbols,
      seed: config.seed >>> 0,
      depth: 20,
      startPrice: 100,
    });
  }

  refill(): number {
    const w = this.writer;
    const g = this.generator;
    w.reset();
    for (let k = 0; k < CHUNK_MESSAGES && this.produced < this.messages; k++) {
      if (!this.finishing && this.messages - this.produced <= EPILOGUE_MESSAGES) {
        this.finishing = true;
        g.finish();
      }
      const len = g.next(this.produced * NS_PER_MESSAGE);
      if (len <= 0) {
        this.produced = this.messages;
        break;
      }
      w.append(g.bytes, g.offset, len);
      this.produced++;
    }
    return w.written;
  }
}
