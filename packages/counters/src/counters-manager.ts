// Control-plane owner of a counters set (Agrona's CountersManager): creates the two shared
// buffers at INIT, allocates and frees counter ids, and writes their metadata. One thread only
// (the conductor); workers receive `buffers` and attach a CountersWriterView or CountersReader.
import { ATOMIC_LONG } from './atomic-long-descriptor.ts';
import { Counter } from './counter.ts';
import {
  COUNTERS_LAYOUT,
  RECORD_STATE,
  countersBufferLengths,
  metadataIndex,
  valueIndex,
} from './counters-descriptor.ts';
import type { CountersBuffers } from './counters-descriptor.ts';
import { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';
import { encodeLabel } from './label-codec.ts';

const L = COUNTERS_LAYOUT;

export interface CountersManagerOptions {
  /** Number of counter ids (slots). Fixed for the life of the set. */
  readonly capacity: number;
}

export class CountersManager {
  readonly capacity: number;
  readonly buffers: CountersBuffers;
  readonly #metadata: Int32Array;
  readonly #metadataBytes: Uint8Array;
  readonly #values: Int32Array;
  /** Ids below this were allocated at least once; above it every record is still FREE. */
  #nextFreshId = 0;

  private constructor(capacity: number) {
    const lengths = countersBufferLengths(capacity);
    this.capacity = capacity;
    this.buffers = {
      metadata: new SharedArrayBuffer(lengths.metadata),
      values: new SharedArrayBuffer(lengths.values),
    };
    this.#metadata = new Int32Array(this.buffers.metadata);
    this.#metadataBytes = new Uint8Array(this.buffers.metadata);
    this.#values = new Int32Array(this.buffers.values);
  }

  static create(options: CountersManagerOptions): CountersManager {
    const { capacity } = options;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1 << 20) {
      throw new CountersError(
        COUNTERS_ERROR_CODE.INVALID_CAPACITY,
        `capacity ${capacity} is not in [1, 2^20]`,
      );
    }
    return new CountersManager(capacity);
  }

  /**
   * Allocate a counter and return its id. Never-used ids go first so a freed id (whose old
   * writer might still hold a handle) is reused as late as possible. The value starts at 0.
   * Throws INVALID_TYPE_ID, INVALID_LABEL, LABEL_TOO_LONG, KEY_TOO_LONG or FULL.
   */
  allocate(label: string, typeId: number, key?: Uint8Array): number {
    if (!Number.isInteger(typeId) || typeId < -0x80000000 || typeId > 0x7fffffff) {
      throw new CountersError(COUNTERS_ERROR_CODE.INVALID_TYPE_ID, `type id ${typeId} is not an int32`);
    }
    const labelBytes = encodeLabel(label, L.MAX_LABEL_LENGTH);
    const keyBytes = key ?? new Uint8Array(0);
    if (keyBytes.length > L.MAX_KEY_LENGTH) {
      throw new CountersError(
        COUNTERS_ERROR_CODE.KEY_TOO_LONG,
        `key is ${keyBytes.length} bytes, the limit is ${L.MAX_KEY_LENGTH}`,
      );
    }
    const id = this.#takeId();
    this.#writeRecord(id, typeId, keyBytes, labelBytes);
    return id;
  }

  /** Allocate a counter and return a writer handle for it on this thread. */
  newCounter(label: string, typeId: number, key?: Uint8Array): Counter {
    return new Counter(this.buffers.values, this.allocate(label, typeId, key));
  }

  /** Mark a counter RECLAIMED; its id may be reused once no never-used id is left. */
  free(id: number): void {
    const at = this.#checkAllocated(id);
    const generation = this.#metadata[at + L.GENERATION_INDEX];
    Atomics.store(this.#metadata, at + L.GENERATION_INDEX, generation + 1);
    Atomics.store(this.#metadata, at + L.RECORD_STATE_INDEX, RECORD_STATE.RECLAIMED);
    Atomics.store(this.#metadata, at + L.GENERATION_INDEX, generation + 2);
  }

  #takeId(): number {
    if (this.#nextFreshId < this.capacity) return this.#nextFreshId++;
    for (let id = 0; id < this.capacity; id++) {
      if (this.#metadata[metadataIndex(id) + L.RECORD_STATE_INDEX] === RECORD_STATE.RECLAIMED) return id;
    }
    throw new CountersError(COUNTERS_ERROR_CODE.FULL, `all ${this.capacity} counters are allocated`);
  }

  #checkAllocated(id: number): number {
    if (!Number.isInteger(id) || id < 0 || id >= this.capacity) {
      throw new CountersError(
        COUNTERS_ERROR_CODE.INVALID_ID,
        `counter id ${id} is not in [0, ${this.capacity})`,
      );
    }
    const at = metadataIndex(id);
    if (this.#metadata[at + L.RECORD_STATE_INDEX] !== RECORD_STATE.ALLOCATED) {
      throw new CountersError(COUNTERS_ERROR_CODE.NOT_ALLOCATED, `counter ${id} is not allocated`);
    }
    return at;
  }

  // Seqlock write of one record: GENERATION odd, fields, value reset, state, GENERATION even.
  #writeRecord(id: number, typeId: number, key: Uint8Array, label: Uint8Array): void {
    const words = this.#metadata;
    const at = metadataIndex(id);
    const byteAt = id * L.METADATA_LENGTH;
    const generation = words[at + L.GENERATION_INDEX];
    Atomics.store(words, at + L.GENERATION_INDEX, generation + 1);
    words[at + L.TYPE_ID_INDEX] = typeId;
    words[at + L.KEY_LENGTH_INDEX] = key.length;
    this.#metadataBytes.fill(0, byteAt + L.KEY_OFFSET, byteAt + L.KEY_OFFSET + L.MAX_KEY_LENGTH);
    this.#metadataBytes.set(key, byteAt + L.KEY_OFFSET);
    words[at + L.LABEL_LENGTH_INDEX] = label.length;
    this.#metadataBytes.fill(0, byteAt + L.LABEL_OFFSET, byteAt + L.METADATA_LENGTH);
    this.#metadataBytes.set(label, byteAt + L.LABEL_OFFSET);
    this.#resetValue(id);
    Atomics.store(words, at + L.RECORD_STATE_INDEX, RECORD_STATE.ALLOCATED);
    Atomics.store(words, at + L.GENERATION_INDEX, generation + 2);
  }

  // Zero the value under its own seqlock so a reader never pairs an old HI with the new LO.
  #resetValue(id: number): void {
    const values = this.#values;
    const at = valueIndex(id);
    const version = values[at + ATOMIC_LONG.VERSION_INDEX];
    Atomics.store(values, at + ATOMIC_LONG.VERSION_INDEX, version + 1);
    Atomics.store(values, at + ATOMIC_LONG.LO_INDEX, 0);
    Atomics.store(values, at + ATOMIC_LONG.HI_INDEX, 0);
    Atomics.store(values, at + ATOMIC_LONG.VERSION_INDEX, version + 2);
  }
}
