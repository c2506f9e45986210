/**
 * Layout of one command slot in a CommandQueue (an SpscQueue with 32-byte slots). Offsets are
 * relative to the slot's byte offset returned by SpscQueue.claim / passed to a handler.
 *
 *   +0   ┌ i32 OPCODE   (caller-defined, e.g. ISOLATE_CONSUMER = 1)
 *   +4   │ i32 reserved (0)
 *   +8   │ f64 ARG0
 *   +16  │ f64 ARG1
 *   +24  │ f64 ARG2
 *   +32  └
 *
 * Arguments are doubles so ids, sequence numbers (< 2^53) and prices fit without conversion.
 */
export const CommandDescriptor = {
  SLOT_BYTES: 32,
  OPCODE_OFFSET: 0,
  ARG0_OFFSET: 8,
  ARG1_OFFSET: 16,
  ARG2_OFFSET: 24,
  /** Default number of commands an agent drains per duty cycle (Aeron's command limit). */
  DEFAULT_DRAIN_LIMIT: 10,
} as const;
