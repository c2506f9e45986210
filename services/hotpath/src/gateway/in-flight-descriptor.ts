/**
 * Layout of the gateway's in-flight table, declared once. The table is private to the gateway
 * worker (plain ArrayBuffers, nobody else reads it), allocated at INIT:
 *
 *   records  capacity × 128 B: a copy of each live order's command, byte for byte in the
 *            order-command layout (orders/order-command-descriptor.ts), so a completion is
 *            built with CompletionWriter.copyOrder straight from the record.
 *
 *            record r at byte r × 128:
 *            ┌──────────── 0 .. 96: the order command (kind, ids, stamps, order fields) ────┐
 *            ├──────────── 96 .. 128: the command's reserved bytes, used by the gateway: ──┤
 *            │ 96  SENT_NS    f64  order written to the venue socket                     │
 *            │ 104 ACKED_NS   f64  first answer (accept / reject) read, 0 until then      │
 *            │ 112 CANCEL_ID  f64  REQUEST_ID of the pending CANCEL, 0 when none          │
 *            │ 120 STATE i32 (InFlightState) │ 124 LEAVES i32 shares still open           │
 *            └─────────────────────────────────────────────────────────────────────────────┘
 *   flags    Int32[capacity]  InFlightFlag bits
 *   gen      Int32[capacity]  bumped on every release: deadline entries for an old tenant of
 *                             the record are recognised and skipped
 *   index    open addressing, linear probing, 2^k ≥ 2 × capacity cells:
 *            KEY_HI / KEY_LO Int32[cells] (client order id halves), REC Int32[cells]
 *            (record + 1; 0 = empty). Deletion shifts back (no tombstones).
 *   deadlines FIFO ring of (record, gen, kind, due f64): one entry per order / cancel sent,
 *            in send order. Every entry has the same timeout, so due times are ascending
 *            and the head is the next to expire.
 */
export const InFlightDescriptor = {
  RECORD_BYTES: 128,
  SENT_NS_OFFSET: 96,
  ACKED_NS_OFFSET: 104,
  CANCEL_ID_OFFSET: 112,
  STATE_OFFSET: 120,
  LEAVES_OFFSET: 124,
} as const;

/** Where an order is in its life, as the gateway knows it. */
export const InFlightState = {
  FREE: 0,
  /** Sent, no answer yet. */
  SENT: 1,
  /** Accepted, resting (or about to be executed / canceled). */
  OPEN: 2,
} as const;

/** Bits of flags[record]: how the order's completions must be marked. */
export const InFlightFlag = {
  /** A TIMEOUT completion was delivered; the next answer is marked late. */
  TIMED_OUT: 1,
  /** An UNKNOWN completion was delivered (session lost); the next answer is marked reconciled. */
  UNKNOWN: 2,
  /** A CANCEL is pending at the venue. */
  CANCEL_PENDING: 4,
  /** The CANCEL's TIMEOUT was delivered. */
  CANCEL_TIMED_OUT: 8,
} as const;
