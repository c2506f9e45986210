// Read access to a counters set from any thread (Agrona's CountersReader). Lock-free: values
// come through loadLong (never torn), metadata through the record's GENERATION seqlock. Not a
// hot-path API: label lookups allocate strings.
import { loadLong } from './atomic-long.ts';
import {
  COUNTERS_LAYOUT,
  NULL_COUNTER_ID,
  RECORD_STATE,
  countersCapacityOf,
  metadataIndex,
  valueIndex,
} from './counters-descriptor.ts';
import type { CountersBuffers, RecordState } from './counters-descriptor.ts';
import { COUNTERS_ERROR_CODE, CountersError } from './counters-error.ts';
import { decodeLabel } from './label-codec.ts';

const L = COUNTERS_LAYOUT;

/** Attempts to copy a record between two equal GENERATION loads before giving up. */
const MAX_METADATA_READ_ATTEMPTS = 64;

export interface CounterMetadata {
  readonly id: number;
  readonly typeId: number;
  readonly label: string;
  readonly key: Uint8Array;
}

export type CounterVisitor = (id: number, typeId: number, label: string, value: number) => void;

export class CountersReader {
  readonly capacity: number;
  readonly #metadata: Int32Array;
  readonly #metadataBytes: Uint8Array;
  readonly #values: Int32Array;

  private constructor(buffers: CountersBuffers, capacity: number) {
    this.capacity = capacity;
    this.#metadata = new Int32Array(buffers.metadata);
    this.#metadataBytes = new Uint8Array(buffers.metadata);
    this.#values = new Int32Array(buffers.values);
  }

  /** Attach to a counters set, on this or any other thread. Throws INVALID_BUFFER. */
  static attach(buffers: CountersBuffers): CountersReader {
    return new CountersReader(buffers, countersCapacityOf(buffers));
  }

  /**
   * The counter's value, or LONG_READ_CONTENDED (-1) if its writer was mid-update on every
   * attempt (best-effort metrics: skip this sample). Throws INVALID_ID.
   */
  getCounterValue(id: number): number {
    this.#checkId(id);
    return loadLong(this.#values, valueIndex(id));
  }

  getCounterState(id: number): RecordState {
    this.#checkId(id);
    return Atomics.load(this.#metadata, metadataIndex(id) + L.RECORD_STATE_INDEX) as RecordState;
  }

  /** A consistent copy of an ALLOCATED counter's metadata, else undefined. */
  getCounterMetadata(id: number): CounterMetadata | undefined {
    this.#checkId(id);
    const words = this.#metadata;
    const at = metadataIndex(id);
    const byteAt = id * L.METADATA_LENGTH;
    for (let attempt = 0; attempt < MAX_METADATA_READ_ATTEMPTS; attempt++) {
      const generation = Atomics.load(words, at + L.GENERATION_INDEX);
      if ((generation & 1) !== 0) continue;
      if (Atomics.load(words, at + L.RECORD_STATE_INDEX) !== RECORD_STATE.ALLOCATED) return undefined;
      const typeId = Atomics.load(words, at + L.TYPE_ID_INDEX);
      const keyLength = Math.min(Atomics.load(words, at + L.KEY_LENGTH_INDEX) >>> 0, L.MAX_KEY_LENGTH);
      const labelLength = Math.min(Atomics.load(words, at + L.LABEL_LENGTH_INDEX) >>> 0, L.MAX_LABEL_LENGTH);
      const key = this.#metadataBytes.slice(byteAt + L.KEY_OFFSET, byteAt + L.KEY_OFFSET + keyLength);
      const label = decodeLabel(this.#metadataBytes, byteAt + L.LABEL_OFFSET, labelLength);
      if (Atomics.load(words, at + L.GENERATION_INDEX) === generation && label !== undefined) {
        return { id, typeId, label, key };
      }
    }
    return undefined;
  }

  getCounterLabel(id: number): string | undefined {
    return this.getCounterMetadata(id)?.label;
  }

  getCounterTypeId(id: number): number | undefined {
    return this.getCounterMetadata(id)?.typeId;
  }

  /** Visit every ALLOCATED counter in id order. A contended value is passed as -1. */
  forEach(visitor: CounterVisitor): void {
    for (let id = 0; id < this.capacity; id++) {
      if (Atomics.load(this.#metadata, metadataIndex(id) + L.RECORD_STATE_INDEX) !== RECORD_STATE.ALLOCATED) {
        continue;
      }
      const meta = this.getCounterMetadata(id);
      if (meta !== undefined) visitor(id, meta.typeId, meta.label, loadLong(this.#values, valueIndex(id)));
    }
  }

  /** Id of the first ALLOCATED counter with this label (and type, if given), else NULL_COUNTER_ID. */
  findByLabel(label: string, typeId?: number): number {
    for (let id = 0; id < this.capacity; id++) {
      const meta = this.#allocatedMetadata(id);
      if (meta !== undefined && meta.label === label && (typeId === undefined || meta.typeId === typeId)) {
        return id;
      }
    }
    return NULL_COUNTER_ID;
  }

  /** Ids of every ALLOCATED counter of this type, in id order. */
  findByType(typeId: number): number[] {
    const ids: number[] = [];
    for (let id = 0; id < this.capacity; id++) {
      if (this.#allocatedMetadata(id)?.typeId === typeId) ids.push(id);
    }
    return ids;
  }

  #allocatedMetadata(id: number): CounterMetadata | undefined {
    if (Atomics.load(this.#metadata, metadataIndex(id) + L.RECORD_STATE_INDEX) !== RECORD_STATE.ALLOCATED) {
      return undefined;
    }
    return this.getCounterMetadata(id);
  }

  #checkId(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.capacity) {
      throw new CountersError(
        COUNTERS_ERROR_CODE.INVALID_ID,
        `counter id ${id} is not in [0, ${this.capacity})`,
      );
    }
  }
}
