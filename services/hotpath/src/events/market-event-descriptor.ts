/**
 * The market event: one normalized feed message in one BroadcastRing slot (64 bytes), declared
 * once. The ingest worker writes it (MarketEventWriter), decision workers read it from their
 * private batch copy (MarketEventReader); both address fields only through this module.
 *
 *   byte 0  ┌──────────────────────┬──────────────────────┐  (ring-owned header,
 *           │ SEQUENCE  i32 (ring) │ TYPE  i32 event type │   broadcast-descriptor.ts)
 *   byte 8  ├──────────────────────┴──────────────────────┤
 *           │ FEED_SEQUENCE  f64  SoupBinTCP sequence number / file message index (1-based) │
 *   byte 16 ├─────────────────────────────────────────────┤
 *           │ INGEST_NS      f64  nowNs() when the bytes of this message's read arrived     │
 *   byte 24 ├─────────────────────────────────────────────┤
 *           │ EXCHANGE_NS    f64  ITCH timestamp, ns since midnight (48 bits, exact)       │
 *   byte 32 ├─────────────────────────────────────────────┤
 *           │ ORDER_REF      f64  order reference number (< 2^53, exact)                   │
 *   byte 40 ├─────────────────────────────────────────────┤
 *           │ REF2           f64  per type: NEW_ORDER_REF (REPLACE), MATCH_NUMBER (EXECUTE, │
 *           │                     TRADE, CROSS, BROKEN_TRADE), STOCK_KEY (DIRECTORY,       │
 *           │                     TRADING_ACTION), missing count (GAP); else 0            │
 *   byte 48 ├──────────────────────┬──────────────────────┤
 *           │ PRICE  i32 Price(4)  │ QUANTITY  u32 shares │  (QUANTITY stored as int32 bits,
 *   byte 56 ├──────────────────────┼──────────────────────┤   read with `>>> 0`)
 *           │ META   i32           │ AUX  i32             │
 *           │  bits 0..15  locate  │  per type, see AUX   │
 *           │  bits 16..23 side    │  below               │
 *           │  bits 24..31 ITCH    │                      │
 *           │        type byte     │                      │
 *   byte 64 └──────────────────────┴──────────────────────┘
 *
 * Why this shape:
 * - Every field sits at a multiple of its own width from an 8-aligned slot start, so the
 *   producer's Int32Array / Float64Array views over the whole ring address it with one shift
 *   (`offset >> 2`, `offset >> 3`) and no DataView; nothing is written byte by byte.
 * - Quantities that need 53 bits (refs, match numbers, sequences, stamps) are doubles; prices
 *   fit Price(4)'s 200,000.0000 (2e9 < 2^31) in an int32.
 * - Locate, side and ITCH type share one word (META), written with one store and decoded with
 *   shifts, so the layout does not depend on the platform's byte order.
 * - The writer writes every field of every event: a slot is reused each lap, so a field left
 *   alone would show the previous lap's value.
 */
import { BroadcastRingDescriptor } from '@ringside/ring';

/** Event types, in the slot's TYPE word. Stable numbers (consumers switch on them). */
export const MarketEventType = {
  /** ITCH A, F: a new displayed order. ORDER_REF, side, PRICE, QUANTITY. */
  ADD: 1,
  /** ITCH E, C: an order executed. ORDER_REF, QUANTITY executed, REF2 match number; for C PRICE
   *  is the execution price and AUX the printable flag ('Y'/'N'), else PRICE 0, AUX 0. */
  EXECUTE: 2,
  /** ITCH X: shares cancelled from an order. ORDER_REF, QUANTITY cancelled. */
  CANCEL: 3,
  /** ITCH D: an order removed. ORDER_REF. */
  DELETE: 4,
  /** ITCH U: ORDER_REF (original) leaves, REF2 (new ref) enters with PRICE, QUANTITY. */
  REPLACE: 5,
  /** ITCH P: a trade against a non-displayed order. side, PRICE, QUANTITY, REF2 match number. */
  TRADE: 6,
  /** ITCH Q: a cross. PRICE, QUANTITY (saturated at 2^32-1), REF2 match number, AUX cross type. */
  CROSS: 7,
  /** ITCH B: a trade broken. REF2 match number. */
  BROKEN_TRADE: 8,
  /** ITCH S: AUX the event code ('O' start of messages, 'Q' market open, 'C' end, ...). */
  SYSTEM: 9,
  /** ITCH R: a stock's locate is announced. REF2 stock key, AUX round lot size. */
  DIRECTORY: 10,
  /** ITCH H: trading state of a stock. REF2 stock key, AUX trading state ('H','P','Q','T'). */
  TRADING_ACTION: 11,
  /** ITCH Y L V W K J h: other administrative messages; META's ITCH type tells which. */
  ADMIN: 12,
  /** Not from the feed: FEED_SEQUENCE..FEED_SEQUENCE+REF2-1 will never arrive (counted). */
  GAP: 13,
} as const;
export type MarketEventTypeCode = (typeof MarketEventType)[keyof typeof MarketEventType];

/** Number of event types + 1 (for arrays indexed by type). */
export const MARKET_EVENT_TYPE_SLOTS = 14;

const P = BroadcastRingDescriptor.PAYLOAD_OFFSET;

export const MarketEventDescriptor = {
  /** The ring slot size this layout fills exactly. */
  SLOT_BYTES: 64,
  /** Byte offsets inside a slot (add the offset claim() returned). */
  SEQUENCE_OFFSET: BroadcastRingDescriptor.SEQUENCE_OFFSET,
  TYPE_OFFSET: BroadcastRingDescriptor.TYPE_OFFSET,
  FEED_SEQUENCE_OFFSET: P,
  INGEST_NS_OFFSET: P + 8,
  EXCHANGE_NS_OFFSET: P + 16,
  ORDER_REF_OFFSET: P + 24,
  REF2_OFFSET: P + 32,
  PRICE_OFFSET: P + 40,
  QUANTITY_OFFSET: P + 44,
  META_OFFSET: P + 48,
  AUX_OFFSET: P + 52,
  END_OFFSET: P + 56,
  /** META word bit fields. */
  LOCATE_MASK: 0xffff,
  SIDE_SHIFT: 16,
  ITCH_TYPE_SHIFT: 24,
  /** Largest QUANTITY; larger counts (only Q's 8-byte shares could be) are saturated. */
  MAX_QUANTITY: 0xffffffff,
} as const;

/** Control plane: the name of an event type ('UNKNOWN(n)' for none). */
export function marketEventTypeName(type: number): string {
  for (const [name, code] of Object.entries(MarketEventType)) if (code === type) return name;
  return `UNKNOWN(${type})`;
}
