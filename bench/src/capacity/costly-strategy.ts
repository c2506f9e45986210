// A shipped strategy (latency probe or top of book) plus a fixed amount of busy work per
// market-event callback, so that a decision worker saturates at a rate a 2-core machine can
// offer. The work is a calibrated arithmetic loop (no allocation, no clock reads per call);
// calibrate() measures loop iterations per microsecond in the worker thread at start.
import type { Books } from '@ringside/book';
import { nowNs } from '@ringside/ring';
import type { CompletionReader, DecisionContext, MarketEventReader, Strategy } from '@ringside/hotpath';

export class CostlyStrategy implements Strategy {
  readonly inner: Strategy;
  readonly iterations: number;
  /** Keeps the loop's result alive (no dead-code elimination), never read on the hot path. */
  private readonly sink = new Float64Array(1);

  constructor(inner: Strategy, iterations: number) {
    this.inner = inner;
    this.iterations = iterations;
  }

  onMarketEvent(event: MarketEventReader, books: Books, ctx: DecisionContext): void {
    this.sink[0] = burn(this.iterations);
    this.inner.onMarketEvent(event, books, ctx);
  }

  onCompletion(completion: CompletionReader, ctx: DecisionContext): void {
    this.inner.onCompletion(completion, ctx);
  }
}

function burn(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x += (i & 7) * 0.5;
  return x;
}

/** Loop iterations per nanosecond in this thread (control plane: warms burn() up first). */
export function calibrateBurn(): number {
  let keep = 0;
  for (let r = 0; r < 50; r++) keep += burn(20_000);
  const iterations = 2_000_000;
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 5; r++) {
    const t0 = nowNs();
    keep += burn(iterations);
    const dt = nowNs() - t0;
    if (dt < best) best = dt;
  }
  return keep >= 0 ? iterations / best : 0;
}
