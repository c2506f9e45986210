// The single writer's handle on one counter (Agrona's AtomicCounter, single-writer flavour), and
// the view a worker attaches to obtain handles. Counter calls are hot-path: no allocation, no
// lock, no throw; failures are negative COUNTER_STATUS codes (counter values are never negative).
import { ATOMIC_LONG } from './atomic-long-descriptor.ts';
import { peekLong, storeLong } from './atomic-long.ts';
import {
  COUNTERS_LAYOUT,
  RECORD_STATE,
  countersCapacityOf,
  metadataIndex,
  valueIndex,
} from './counters-descriptor.ts';
import type { CountersBuffers } from './counters-descriptor.ts';
import { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';

// Updates return a status, not the new value: a value above 2^30 is not a V8 small integer,
// and returning one from a call the optimiser did not inline allocates a heap number (measured
// in test/zero-alloc.test.ts). Read the value with get() or, from other threads, CountersReader.
export const COUNTER_STATUS = {
  OK: 0,
  /** The result would leave [0, 2^53) or is not an integer; the counter is unchanged. */
  OUT_OF_RANGE: -1,
} as const;

export type CounterStatus = (typeof COUNTER_STATUS)[keyof typeof COUNTER_STATUS];

const LO = ATOMIC_LONG.LO_INDEX;
const HI = ATOMIC_LONG.HI_INDEX;
const HI_WEIGHT = ATOMIC_LONG.HI_WEIGHT;
const MAX_VALUE = ATOMIC_LONG.MAX_VALUE;

/**
 * Write access to one counter. Exactly one thread may hold a Counter for a given id (the
 * single-writer rule is what lets updates skip read-modify-write atomics); any thread reads the
 * value through a CountersReader.
 */
export class Counter {
  readonly id: number;
  readonly #words: Int32Array;
  readonly #at: number;

  constructor(values: SharedArrayBuffer, id: number) {
    this.id = id;
    this.#words = new Int32Array(values);
    this.#at = valueIndex(id);
  }

  /** Add one. The common path is a single Atomics.store (HI unchanged). */
  increment(): CounterStatus {
    const words = this.#words;
    const at = this.#at;
    const lo = (words[at + LO] >>> 0) + 1;
    if (lo <= 0xffffffff) {
      Atomics.store(words, at + LO, lo | 0);
      return COUNTER_STATUS.OK;
    }
    return this.set(words[at + HI] * HI_WEIGHT + lo);
  }

  /** Add an integer `delta` (may be negative). */
  add(delta: number): CounterStatus {
    return this.set(peekLong(this.#words, this.#at) + delta);
  }

  /** Set the value: an integer in [0, 2^53). */
  set(value: number): CounterStatus {
    // `value !== Math.floor(value)` also rejects NaN; the comparisons reject the infinities.
    if (!(value >= 0 && value <= MAX_VALUE) || value !== Math.floor(value)) {
      return COUNTER_STATUS.OUT_OF_RANGE;
    }
    storeLong(this.#words, this.#at, value);
    return COUNTER_STATUS.OK;
  }

  /**
   * The current value, as this writer last stored it (plain loads: writer thread only; other
   * threads use CountersReader). Not for per-event use once values can exceed 2^30 (see above).
   */
  get(): number {
    return peekLong(this.#words, this.#at);
  }
}

/** A worker's attachment to a counters set, for obtaining Counter handles by id. */
export class CountersWriterView {
  readonly capacity: number;
  readonly #buffers: CountersBuffers;
  readonly #metadata: Int32Array;

  private constructor(buffers: CountersBuffers, capacity: number) {
    this.capacity = capacity;
    this.#buffers = buffers;
    this.#metadata = new Int32Array(buffers.metadata);
  }

  /** Attach to buffers received from the conductor (e.g. through workerData). */
  static attach(buffers: CountersBuffers): CountersWriterView {
    return new CountersWriterView(buffers, countersCapacityOf(buffers));
  }

  /** The writer handle for an allocated counter. Throws INVALID_ID or NOT_ALLOCATED. */
  counter(id: number): Counter {
    if (!Number.isInteger(id) || id < 0 || id >= this.capacity) {
      throw new CountersError(
        COUNTERS_ERROR_CODE.INVALID_ID,
        `counter id ${id} is not in [0, ${this.capacity})`,
      );
    }
    const state = Atomics.load(this.#metadata, metadataIndex(id) + COUNTERS_LAYOUT.RECORD_STATE_INDEX);
    if (state !== RECORD_STATE.ALLOCATED) {
      throw new CountersError(COUNTERS_ERROR_CODE.NOT_ALLOCATED, `counter ${id} is not allocated`);
    }
    return new Counter(this.#buffers.values, id);
  }
}
