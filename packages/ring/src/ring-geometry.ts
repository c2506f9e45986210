// Geometry checks shared by every slot ring (BroadcastRing, SpscQueue): a power-of-two capacity,
// 8-byte-multiple slots, and a total size a SharedArrayBuffer can hold. Control plane only: each
// structure turns a problem into its own typed error.

export interface RingLimits {
  readonly MIN_CAPACITY: number;
  readonly MAX_CAPACITY: number;
  readonly MIN_SLOT_BYTES: number;
  readonly MAX_SLOT_BYTES: number;
  readonly MAX_BYTE_LENGTH: number;
}

export interface GeometryProblem {
  readonly kind: 'BAD_CAPACITY' | 'BAD_SLOT_BYTES' | 'TOO_LARGE';
  readonly message: string;
}

/** The first thing wrong with (capacity, slotBytes) under `limits`, or undefined when it is fine. */
export function ringGeometryProblem(
  capacity: number,
  slotBytes: number,
  limits: RingLimits,
  byteLength: (capacity: number, slotBytes: number) => number,
): GeometryProblem | undefined {
  const L = limits;
  if (
    !Number.isInteger(capacity) ||
    capacity < L.MIN_CAPACITY ||
    capacity > L.MAX_CAPACITY ||
    (capacity & (capacity - 1)) !== 0
  ) {
    return {
      kind: 'BAD_CAPACITY',
      message: `capacity must be a power of two in [${L.MIN_CAPACITY}, ${L.MAX_CAPACITY}], got ${capacity}`,
    };
  }
  if (
    !Number.isInteger(slotBytes) ||
    slotBytes < L.MIN_SLOT_BYTES ||
    slotBytes > L.MAX_SLOT_BYTES ||
    slotBytes % 8 !== 0
  ) {
    return {
      kind: 'BAD_SLOT_BYTES',
      message: `slotBytes must be a multiple of 8 in [${L.MIN_SLOT_BYTES}, ${L.MAX_SLOT_BYTES}], got ${slotBytes}`,
    };
  }
  if (byteLength(capacity, slotBytes) > L.MAX_BYTE_LENGTH) {
    return {
      kind: 'TOO_LARGE',
      message: `capacity × slotBytes exceeds ${L.MAX_BYTE_LENGTH} bytes (${capacity} × ${slotBytes})`,
    };
  }
  return undefined;
}
