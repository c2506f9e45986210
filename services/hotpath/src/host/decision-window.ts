// Per-window decision latency for the conductor: drains the decision workers' sample rings
// (tag INGEST_TO_ENQUEUED: the triggering event's ingest stamp → the order enqueued) into one
// preallocated array, and closes a window into its p50/p99. Main thread, control plane: the
// sort at window close is the only real work, on at most `capacity` samples.
import { SampleRingReader } from '@ringside/counters';
import { DecisionLatencyTag } from '../decision/decision-latency.ts';

export interface DecisionWindow {
  /** Decision samples (orders enqueued) in the window, and how many did not fit the buffer. */
  readonly samples: number;
  readonly overflow: number;
  readonly p50Ns: number;
  readonly p99Ns: number;
  readonly startNs: number;
  readonly endNs: number;
}

export class DecisionWindowSampler {
  readonly #readers: SampleRingReader[];
  readonly #values: Float64Array;
  #count = 0;
  #overflow = 0;
  #startNs: number;
  readonly #collect = (valueNs: number, tag: number): void => {
    if (tag !== DecisionLatencyTag.INGEST_TO_ENQUEUED) return;
    if (this.#count < this.#values.length) this.#values[this.#count++] = valueNs;
    else this.#overflow++;
  };

  constructor(sampleRings: readonly SharedArrayBuffer[], startNs: number, capacity = 1 << 16) {
    // From the tail: a window only holds what happened after the conductor started looking.
    this.#readers = sampleRings.map((b) => SampleRingReader.attach(b, { fromTail: true }));
    this.#values = new Float64Array(capacity);
    this.#startNs = startNs;
  }

  get startNs(): number {
    return this.#startNs;
  }

  /** Drains every ring (bounded per call). */
  poll(): void {
    for (const r of this.#readers) for (let i = 0; i < 64 && r.poll(this.#collect) > 0; i++);
  }

  /** Samples the workers overwrote before the conductor read them. */
  get missed(): number {
    return this.#readers.reduce((a, r) => a + r.missed, 0);
  }

  /** Ends the current window at `nowNs` and starts the next. */
  close(nowNs: number): DecisionWindow {
    this.poll();
    const n = this.#count;
    const sorted = this.#values.subarray(0, n).sort();
    const at = (q: number): number => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.ceil(q * n) - 1)]!);
    const window: DecisionWindow = {
      samples: n,
      overflow: this.#overflow,
      p50Ns: at(0.5),
      p99Ns: at(0.99),
      startNs: this.#startNs,
      endNs: nowNs,
    };
    this.#count = 0;
    this.#overflow = 0;
    this.#startNs = nowNs;
    return window;
  }
}
