/**
 * Consumer callback for BroadcastConsumer.poll, same shape as SpscHandler. Implement it on a
 * long-lived object (the agent itself): the views are the consumer's private batch copy, and
 * `offset` is the byte offset of one event in it (sequence at offset + SEQUENCE_OFFSET, type at
 * + TYPE_OFFSET, payload from + PAYLOAD_OFFSET). The event was validated before the call: it is
 * neither torn nor stale. The copy is reused by the next poll: copy what you keep.
 */
export interface BroadcastHandler {
  onEvent(bytes: Uint8Array, i32: Int32Array, f64: Float64Array, dv: DataView, offset: number): void;
}
