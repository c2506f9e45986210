// The synthetic warm-up traffic (control plane builds it; the refill / doWork paths run in the
// warm-up ingest worker and only touch preallocated memory):
//   - WarmUpGeneratorSource: marketgen's SyntheticBookSource over the decision instruments'
//     own locates and symbols (locate i+1 = symbols[i]; locates not configured get a filler
//     symbol), framed NASDAQ-style into one preallocated chunk per refill, endless;
//   - PacedAgent: holds any replay agent to `messagesPerSecond` — it only runs the inner agent
//     when a whole batch is due, and otherwise reports no work so the idle strategy parks. A
//     warm-up source must look like a feed, not flood the ring faster than any feed could.
import { SyntheticBookSource } from '@ringside/marketgen';
import { ITCH_MAX_LENGTH, NasdaqFrameWriter } from '@ringside/protocols';
import type { Agent } from '@ringside/ring';
import type { FramedSource } from '../ingest/framed-source.ts';

const CHUNK_MESSAGES = 1024;
const NS_PER_MESSAGE = 1000;

/** Symbols by locate for the generator: index i is locate i+1. */
export function warmUpSymbols(
  instruments: readonly { locate: number; symbol?: string | undefined }[],
): string[] {
  let max = 0;
  for (const i of instruments) max = Math.max(max, i.locate);
  const symbols = Array.from({ length: max }, (_, i) => `WU${i + 1}`);
  for (const i of instruments) if (i.symbol !== undefined) symbols[i.locate - 1] = i.symbol;
  return symbols;
}

export class WarmUpGeneratorSource implements FramedSource {
  readonly kind = 'generator';
  readonly buffer: Uint8Array;
  private readonly writer: NasdaqFrameWriter;
  private readonly generator: SyntheticBookSource;
  private readonly clock = new Float64Array(1);

  constructor(symbols: readonly string[], seed: number) {
    this.buffer = new Uint8Array(CHUNK_MESSAGES * (2 + ITCH_MAX_LENGTH));
    this.writer = new NasdaqFrameWriter(this.buffer);
    this.generator = new SyntheticBookSource({
      symbols: [...symbols],
      seed: seed >>> 0,
      depth: 20,
      startPrice: 100,
    });
  }

  refill(): number {
    const w = this.writer;
    const g = this.generator;
    const clock = this.clock;
    w.reset();
    for (let k = 0; k < CHUNK_MESSAGES; k++) {
      clock[0] = clock[0]! + NS_PER_MESSAGE;
      const len = g.next(clock[0]!);
      if (len <= 0) break;
      w.append(g.bytes, g.offset, len);
    }
    return w.written;
  }
}

const START_MS = 0;
const SENT = 1;

export class PacedAgent implements Agent {
  readonly roleName: string;
  private readonly inner: Agent;
  private readonly perMs: number;
  private readonly batch: number;
  private readonly state = new Float64Array(2);

  constructor(inner: Agent, messagesPerSecond: number, batchMessages: number) {
    this.roleName = `${inner.roleName}-paced`;
    this.inner = inner;
    this.perMs = messagesPerSecond / 1000;
    this.batch = batchMessages;
    this.state[START_MS] = performance.now();
  }

  doWork(): number {
    const state = this.state;
    const due = (performance.now() - state[START_MS]!) * this.perMs;
    if (state[SENT]! + this.batch > due) return 0;
    // After a stall (GC, a busy machine) catch up at most 100 ms worth, not in one burst.
    const floor = due - this.perMs * 100;
    if (state[SENT]! < floor) state[SENT] = floor;
    const n = this.inner.doWork();
    state[SENT] = state[SENT]! + n;
    return n;
  }
}
