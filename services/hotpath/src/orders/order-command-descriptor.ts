/**
 * The order command: one decision worker → gateway instruction in one SpscQueue slot (128
 * bytes), declared once. One queue per decision worker; the worker writes (OrderCommandWriter),
 * the gateway reads (OrderCommandReader); both address fields only through this module.
 * The SpscQueue has no per-slot header: byte 0 of the slot is byte 0 below.
 *
 *   byte 0   ┌──────────────────────┬──────────────────────┐
 *            │ KIND  i32 NEW/CANCEL │ WORKER_ID  i32       │
 *   byte 8   ├──────────────────────┴──────────────────────┤
 *            │ CLIENT_ORDER_ID   f64  the order this command concerns (for CANCEL: the order │
 *            │                        to cancel). See client-order-id.ts for its structure.  │
 *   byte 16  ├─────────────────────────────────────────────┤
 *            │ REQUEST_ID        f64  this command's own id: = CLIENT_ORDER_ID for NEW, a     │
 *            │                        fresh id from the same counter for CANCEL (FIX         │
 *            │                        ClOrdID of the cancel request, OrigClOrdID = above)    │
 *   byte 24  ├─────────────────────────────────────────────┤
 *            │ STOCK_KEY         f64  8 ASCII bytes as @ringside/protocols `stockKey`        │
 *   byte 32  ├─────────────────────────────────────────────┤
 *            │ INGEST_NS         f64  stamp: feed bytes read (from the triggering event)     │
 *   byte 40  ├─────────────────────────────────────────────┤
 *            │ PUBLISH_NS        f64  stamp: ring publish (= INGEST_NS when not recorded)    │
 *   byte 48  ├─────────────────────────────────────────────┤
 *            │ DECISION_READ_NS  f64  stamp: the decision worker read the event's batch      │
 *   byte 56  ├─────────────────────────────────────────────┤
 *            │ ENQUEUED_NS       f64  stamp: the command was written, just before publish    │
 *   byte 64  ├──────────────────────┬──────────────────────┤
 *            │ STRATEGY_ID  i32     │ LOCATE  i32 (u16)    │
 *   byte 72  ├──────────────────────┼──────────────────────┤
 *            │ SIDE  i32 'B'/'S'    │ PRICE  i32 Price(4)  │
 *   byte 80  ├──────────────────────┼──────────────────────┤
 *            │ QUANTITY  i32 (u32   │ TIME_IN_FORCE  i32   │
 *            │  bits, `>>> 0`)      │  (TimeInForce)       │
 *   byte 88  ├──────────────────────┴──────────────────────┤
 *            │ FEED_SEQUENCE     f64  feed sequence of the triggering market event (traces)  │
 *   byte 96  ├─────────────────────────────────────────────┤
 *            │ reserved, written 0 (32 bytes)                                              │
 *   byte 128 └─────────────────────────────────────────────┘
 *
 * Why this shape:
 * - Doubles first, then int32 pairs: every field sits at a multiple of its width from an
 *   8-aligned slot, so the SpscQueue's whole-buffer Int32Array / Float64Array views address it
 *   with one shift (`>> 2`, `>> 3`); no DataView, no byte order dependence.
 * - Stamps are doubles (nowNs / stampNs ns, exact below 2^53) and ids need 53 bits.
 * - 128 bytes (two cache lines) leave room for the gateway's needs without a layout change;
 *   the writer zeroes every field of every command because slots are reused each lap.
 * - For CANCEL, SIDE / PRICE / QUANTITY / LOCATE / STOCK_KEY repeat the original order's values
 *   (FIX OrderCancelRequest needs them; OUCH ignores them) — the worker knows them, the gateway
 *   need not keep a table.
 */

/** KIND word. Stable numbers. */
export const OrderKind = {
  NEW: 1,
  CANCEL: 2,
} as const;
export type OrderKindCode = (typeof OrderKind)[keyof typeof OrderKind];

/** SIDE word: the ASCII byte, as in market events and OUCH. */
export const OrderSide = {
  BUY: 0x42, // 'B'
  SELL: 0x53, // 'S'
} as const;
export type OrderSideCode = (typeof OrderSide)[keyof typeof OrderSide];

/**
 * TIME_IN_FORCE word: FIX tag 59 values, so a FIX gateway copies them. An OUCH gateway maps
 * DAY → 99998 (market hours), IOC → 0; GTC / FOK it refuses (VENUE_REJECT / LOCAL_REJECT).
 */
export const TimeInForce = {
  DAY: 0,
  GTC: 1,
  IOC: 3,
  FOK: 4,
} as const;
export type TimeInForceCode = (typeof TimeInForce)[keyof typeof TimeInForce];

export const OrderCommandDescriptor = {
  /** The SpscQueue slot size this layout fills. */
  SLOT_BYTES: 128,
  KIND_OFFSET: 0,
  WORKER_ID_OFFSET: 4,
  CLIENT_ORDER_ID_OFFSET: 8,
  REQUEST_ID_OFFSET: 16,
  STOCK_KEY_OFFSET: 24,
  INGEST_NS_OFFSET: 32,
  PUBLISH_NS_OFFSET: 40,
  DECISION_READ_NS_OFFSET: 48,
  ENQUEUED_NS_OFFSET: 56,
  STRATEGY_ID_OFFSET: 64,
  LOCATE_OFFSET: 68,
  SIDE_OFFSET: 72,
  PRICE_OFFSET: 76,
  QUANTITY_OFFSET: 80,
  TIME_IN_FORCE_OFFSET: 84,
  FEED_SEQUENCE_OFFSET: 88,
  RESERVED_OFFSET: 96,
  END_OFFSET: 128,
} as const;

/** Control plane: the name of an order kind. */
export function orderKindName(kind: number): string {
  for (const [name, code] of Object.entries(OrderKind)) if (code === kind) return name;
  return `UNKNOWN(${kind})`;
}
