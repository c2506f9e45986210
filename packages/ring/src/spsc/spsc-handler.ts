/**
 * Consumer callback for SpscQueue.poll. Implement it on a long-lived object (the agent itself):
 * poll passes the same views every time plus the slot's byte offset, so nothing is allocated per
 * event. Read `i32[offset >> 2]`, `f64[offset >> 3]`, `bytes[offset]`, or `dv.getX(offset)`.
 * The slot may be reused by the producer as soon as poll returns: copy what you keep.
 */
export interface SpscHandler {
  onEvent(bytes: Uint8Array, i32: Int32Array, f64: Float64Array, dv: DataView, offset: number): void;
}
