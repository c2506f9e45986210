// Writer (conductor) and reader (sidecar) of the telemetry state block declared in
// telemetry-state-descriptor.ts. Control plane: strings are encoded and decoded here, and the
// reader allocates its snapshot objects.
import { SidecarError, SidecarErrorCode } from './sidecar-error.ts';
import { TELEMETRY_STATE_LAYOUT as L, consumerRecordOffset } from './telemetry-state-descriptor.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const MAX_READ_ATTEMPTS = 64;

export interface TelemetryConsumerState {
  readonly id: number;
  readonly name: string;
  /** ConsumerState (proto numbering: ACTIVE 1, ISOLATED 2, DROPPED 3). */
  readonly state: number;
  readonly lag: number;
  readonly loss: number;
  readonly reason: string;
}

export interface TelemetryState {
  /** LifecycleState (proto numbering). */
  readonly state: number;
  readonly reason: string;
  readonly sinceNs: number;
  readonly trusted: boolean;
  /** Monotonic ns from which data is trusted; +Infinity while untrusted. */
  readonly trustedSinceNs: number;
  readonly shedLevel: number;
  readonly halted: boolean;
  readonly consumers: readonly TelemetryConsumerState[];
}

export function createTelemetryStateBuffer(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(L.BYTE_LENGTH);
  new Float64Array(buffer)[L.TRUSTED_SINCE_F64_INDEX] = Number.POSITIVE_INFINITY;
  Atomics.store(new Int32Array(buffer), L.MAGIC_INDEX, L.MAGIC);
  return buffer;
}

function checkBuffer(buffer: SharedArrayBuffer): void {
  if (
    !(buffer instanceof SharedArrayBuffer) ||
    buffer.byteLength !== L.BYTE_LENGTH ||
    Atomics.load(new Int32Array(buffer), L.MAGIC_INDEX) !== L.MAGIC
  ) {
    throw new SidecarError(SidecarErrorCode.INVALID_BUFFER, 'not a telemetry state block');
  }
}

/** Writes `text` truncated to `max` bytes at `offset`; returns the byte length written. */
function writeText(bytes: Uint8Array, offset: number, max: number, text: string): number {
  const { written } = encoder.encodeInto(text, bytes.subarray(offset, offset + max));
  return written;
}

function readText(bytes: Uint8Array, offset: number, length: number, max: number): string {
  const n = Math.max(0, Math.min(length, max));
  return decoder.decode(bytes.slice(offset, offset + n));
}

/** The conductor's side. One writer at a time; every update is one seqlock section. */
export class TelemetryStateWriter {
  readonly buffer: SharedArrayBuffer;
  readonly #i32: Int32Array;
  readonly #f64: Float64Array;
  readonly #bytes: Uint8Array;
  readonly #dv: DataView;

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.#i32 = new Int32Array(buffer);
    this.#f64 = new Float64Array(buffer);
    this.#bytes = new Uint8Array(buffer);
    this.#dv = new DataView(buffer);
  }

  static create(): TelemetryStateWriter {
    return new TelemetryStateWriter(createTelemetryStateBuffer());
  }

  /** Throws SidecarError INVALID_BUFFER. */
  static attach(buffer: SharedArrayBuffer): TelemetryStateWriter {
    checkBuffer(buffer);
    return new TelemetryStateWriter(buffer);
  }

  /** A lifecycle transition; `trusted` is false while warming up. */
  setLifecycle(state: number, reason: string, sinceNs: number, trusted: boolean): void {
    this.#section(() => {
      const wasTrusted = Atomics.load(this.#i32, L.TRUSTED_INDEX) === 1;
      Atomics.store(this.#i32, L.STATE_INDEX, state);
      Atomics.store(this.#i32, L.TRUSTED_INDEX, trusted ? 1 : 0);
      this.#f64[L.SINCE_NS_F64_INDEX] = sinceNs;
      if (!trusted) this.#f64[L.TRUSTED_SINCE_F64_INDEX] = Number.POSITIVE_INFINITY;
      else if (!wasTrusted) this.#f64[L.TRUSTED_SINCE_F64_INDEX] = sinceNs;
      const n = writeText(this.#bytes, L.REASON_OFFSET, L.MAX_REASON, reason);
      Atomics.store(this.#i32, L.REASON_LENGTH_INDEX, n);
    });
  }

  setShedLevel(level: number): void {
    this.#section(() => Atomics.store(this.#i32, L.SHED_LEVEL_INDEX, level));
  }

  setHalted(halted: boolean): void {
    this.#section(() => Atomics.store(this.#i32, L.HALTED_INDEX, halted ? 1 : 0));
  }

  /** Sets consumer record `index` (records 0 .. count-1 are reported). Throws INVALID_ARGUMENT. */
  setConsumer(index: number, consumer: TelemetryConsumerState): void {
    if (!Number.isInteger(index) || index < 0 || index >= L.MAX_CONSUMERS) {
      throw new SidecarError(
        SidecarErrorCode.INVALID_ARGUMENT,
        `consumer index ${index} not in [0, ${L.MAX_CONSUMERS})`,
      );
    }
    const at = consumerRecordOffset(index);
    this.#section(() => {
      const dv = this.#dv;
      dv.setInt32(at + L.C_ID, consumer.id, true);
      dv.setInt32(at + L.C_STATE, consumer.state, true);
      dv.setFloat64(at + L.C_LAG, consumer.lag, true);
      dv.setFloat64(at + L.C_LOSS, consumer.loss, true);
      dv.setInt32(
        at + L.C_NAME_LENGTH,
        writeText(this.#bytes, at + L.C_NAME_OFFSET, L.C_MAX_NAME, consumer.name),
        true,
      );
      dv.setInt32(
        at + L.C_REASON_LENGTH,
        writeText(this.#bytes, at + L.C_REASON_OFFSET, L.C_MAX_REASON, consumer.reason),
        true,
      );
      if (index >= Atomics.load(this.#i32, L.CONSUMER_COUNT_INDEX)) {
        Atomics.store(this.#i32, L.CONSUMER_COUNT_INDEX, index + 1);
      }
    });
  }

  #section(write: () => void): void {
    const generation = Atomics.load(this.#i32, L.GENERATION_INDEX);
    Atomics.store(this.#i32, L.GENERATION_INDEX, generation + 1);
    write();
    Atomics.store(this.#i32, L.GENERATION_INDEX, generation + 2);
  }
}

/** The sidecar's side: consistent copies of the block. */
export class TelemetryStateReader {
  readonly #i32: Int32Array;
  readonly #f64: Float64Array;
  readonly #bytes: Uint8Array;
  readonly #dv: DataView;

  private constructor(buffer: SharedArrayBuffer) {
    this.#i32 = new Int32Array(buffer);
    this.#f64 = new Float64Array(buffer);
    this.#bytes = new Uint8Array(buffer);
    this.#dv = new DataView(buffer);
  }

  /** Throws SidecarError INVALID_BUFFER. */
  static attach(buffer: SharedArrayBuffer): TelemetryStateReader {
    checkBuffer(buffer);
    return new TelemetryStateReader(buffer);
  }

  /** Just the trusted flag (one atomic load: usable every tick). */
  trusted(): boolean {
    return Atomics.load(this.#i32, L.TRUSTED_INDEX) === 1;
  }

  /** A consistent copy, or undefined if the writer was mid-update on every attempt. */
  read(): TelemetryState | undefined {
    for (let attempt = 0; attempt < MAX_READ_ATTEMPTS; attempt++) {
      const generation = Atomics.load(this.#i32, L.GENERATION_INDEX);
      if ((generation & 1) !== 0) continue;
      const copy = this.#copy();
      if (Atomics.load(this.#i32, L.GENERATION_INDEX) === generation) return copy;
    }
    return undefined;
  }

  #copy(): TelemetryState {
    const i32 = this.#i32;
    const dv = this.#dv;
    const count = Math.max(0, Math.min(Atomics.load(i32, L.CONSUMER_COUNT_INDEX), L.MAX_CONSUMERS));
    const consumers: TelemetryConsumerState[] = [];
    for (let i = 0; i < count; i++) {
      const at = consumerRecordOffset(i);
      consumers.push({
        id: dv.getInt32(at + L.C_ID, true),
        state: dv.getInt32(at + L.C_STATE, true),
        lag: dv.getFloat64(at + L.C_LAG, true),
        loss: dv.getFloat64(at + L.C_LOSS, true),
        name: readText(
          this.#bytes,
          at + L.C_NAME_OFFSET,
          dv.getInt32(at + L.C_NAME_LENGTH, true),
          L.C_MAX_NAME,
        ),
        reason: readText(
          this.#bytes,
          at + L.C_REASON_OFFSET,
          dv.getInt32(at + L.C_REASON_LENGTH, true),
          L.C_MAX_REASON,
        ),
      });
    }
    return {
      state: Atomics.load(i32, L.STATE_INDEX),
      reason: readText(this.#bytes, L.REASON_OFFSET, Atomics.load(i32, L.REASON_LENGTH_INDEX), L.MAX_REASON),
      sinceNs: this.#f64[L.SINCE_NS_F64_INDEX],
      trusted: Atomics.load(i32, L.TRUSTED_INDEX) === 1,
      trustedSinceNs: this.#f64[L.TRUSTED_SINCE_F64_INDEX],
      shedLevel: Atomics.load(i32, L.SHED_LEVEL_INDEX),
      halted: Atomics.load(i32, L.HALTED_INDEX) === 1,
      consumers,
    };
  }
}
