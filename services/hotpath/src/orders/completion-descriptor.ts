/**
 * The completion: one gateway → decision worker report about an order command, in one
 * SpscQueue slot (128 bytes), declared once. One queue per decision worker; the gateway (or
 * the SinkGateway, or the worker itself for local refusals) writes (CompletionWriter), the
 * decision worker reads (CompletionReader) and hands it to the strategy's onCompletion.
 *
 *   byte 0   ┌──────────────────────┬──────────────────────┐
 *            │ STATUS  i32          │ REASON  i32          │
 *            │  (CompletionStatus)  │  (CompletionReason)  │
 *   byte 8   ├──────────────────────┴──────────────────────┤
 *            │ CLIENT_ORDER_ID   f64  the order (for a CANCEL command: the order cancelled)  │
 *   byte 16  ├─────────────────────────────────────────────┤
 *            │ REQUEST_ID        f64  the command answered (order command REQUEST_ID)        │
 *   byte 24  ├─────────────────────────────────────────────┤
 *            │ VENUE_REF         f64  ACCEPTED: venue order reference; FILLED /              │
 *            │                        PARTIALLY_FILLED: match number; else 0                 │
 *   byte 32  ├─────────────────────────────────────────────┤
 *            │ INGEST_NS         f64  ┐                                                      │
 *   byte 40  │ PUBLISH_NS        f64  │ copied from the order command                        │
 *   byte 48  │ DECISION_READ_NS  f64  │                                                      │
 *   byte 56  │ ENQUEUED_NS       f64  ┘ (LOCAL_REJECT by the worker: when it refused)        │
 *   byte 64  │ SENT_NS           f64  gateway wrote the order to the venue socket (0: never) │
 *   byte 72  │ ACKED_NS          f64  gateway read the venue's answer (0: never)             │
 *   byte 80  ├──────────────────────┬──────────────────────┤
 *            │ FILLED_QTY  i32      │ LEAVES_QTY  i32      │  FILLED_QTY: this execution's
 *   byte 88  ├──────────────────────┼──────────────────────┤  shares (not cumulative)
 *            │ FILL_PRICE  i32 P(4) │ VENUE_REJECT_CODE i32│  the venue's reject reason byte
 *   byte 96  ├──────────────────────┼──────────────────────┤  (OUCH 'H', 'S', ...), else 0
 *            │ COMMAND_KIND  i32    │ WORKER_ID  i32       │  OrderKind of the command answered
 *   byte 104 ├──────────────────────┼──────────────────────┤
 *            │ STRATEGY_ID  i32     │ LOCATE  i32          │  ┐ copied from the order
 *   byte 112 ├──────────────────────┼──────────────────────┤  │ command, so a strategy needs
 *            │ SIDE  i32            │ PRICE  i32 Price(4)  │  │ no table to interpret it
 *   byte 120 ├──────────────────────┼──────────────────────┤  │
 *            │ QUANTITY  i32        │ reserved, 0          │  ┘
 *   byte 128 └──────────────────────┴──────────────────────┘
 *
 * Attribution: ingest ≤ publish ≤ decision read ≤ enqueued ≤ sent ≤ acked for every order that
 * reached the venue (all on the one nowNs time base). Decision latency = ENQUEUED − INGEST;
 * execution latency = ACKED − ENQUEUED.
 * Same alignment rules as the order command (order-command-descriptor.ts): doubles first, int32
 * pairs after, every field addressed with one shift; every field written for every completion.
 */
import { OrderKind } from './order-command-descriptor.ts';

/** STATUS word. Stable numbers (strategies and the sidecar switch on them). */
export const CompletionStatus = {
  /** The venue accepted the order (or, for CANCEL, the cancel request is pending). */
  ACCEPTED: 1,
  /** The venue refused the command (VENUE_REJECT_CODE says why). */
  REJECTED: 2,
  /** Fully executed; LEAVES_QTY 0. */
  FILLED: 3,
  PARTIALLY_FILLED: 4,
  /** The order is out of the book (by our CANCEL or by the venue). */
  CANCELED: 5,
  /** No answer from the venue in time: the order's state is unknown, it may be live. */
  TIMEOUT: 6,
  /** The gateway lost track (session reset, unknown answer): treat as possibly live. */
  UNKNOWN: 7,
  /** Refused before reaching the venue (by the worker's risk checks, the queue, the gateway). */
  LOCAL_REJECT: 8,
} as const;
export type CompletionStatusCode = (typeof CompletionStatus)[keyof typeof CompletionStatus];
/** Number of statuses + 1 (arrays indexed by status). */
export const COMPLETION_STATUS_SLOTS = 9;

/** REASON word. Stable numbers. */
export const CompletionReason = {
  NONE: 0,
  /** The order queue to the gateway was full (execution backlog): refused at once. */
  EXEC_BACKLOG: 1,
  /** Load shedding is active: new orders refused. */
  SHED: 2,
  /** Kill switch: trading halted. */
  HALTED: 3,
  RISK_MAX_SIZE: 4,
  RISK_MAX_NOTIONAL: 5,
  RISK_MAX_OPEN: 6,
  /** Limit price too far from the book's top (or no top to compare with). */
  RISK_PRICE_BAND: 7,
  VENUE_REJECT: 8,
  TIMEOUT: 9,
  SESSION_DOWN: 10,
  /** Malformed request: zero quantity, price <= 0, bad side, unknown locate or TIF. */
  BAD_ORDER: 11,
  /** CANCEL of an id that is not open. */
  UNKNOWN_ORDER: 12,
  /** The gateway / venue does not support this (e.g. TIF). */
  UNSUPPORTED: 13,
} as const;
export type CompletionReasonCode = (typeof CompletionReason)[keyof typeof CompletionReason];
/** Number of reasons + 1 (arrays indexed by reason). */
export const COMPLETION_REASON_SLOTS = 14;

export const CompletionDescriptor = {
  /** The SpscQueue slot size this layout fills. */
  SLOT_BYTES: 128,
  STATUS_OFFSET: 0,
  REASON_OFFSET: 4,
  CLIENT_ORDER_ID_OFFSET: 8,
  REQUEST_ID_OFFSET: 16,
  VENUE_REF_OFFSET: 24,
  INGEST_NS_OFFSET: 32,
  PUBLISH_NS_OFFSET: 40,
  DECISION_READ_NS_OFFSET: 48,
  ENQUEUED_NS_OFFSET: 56,
  SENT_NS_OFFSET: 64,
  ACKED_NS_OFFSET: 72,
  FILLED_QTY_OFFSET: 80,
  LEAVES_QTY_OFFSET: 84,
  FILL_PRICE_OFFSET: 88,
  VENUE_REJECT_CODE_OFFSET: 92,
  COMMAND_KIND_OFFSET: 96,
  WORKER_ID_OFFSET: 100,
  STRATEGY_ID_OFFSET: 104,
  LOCATE_OFFSET: 108,
  SIDE_OFFSET: 112,
  PRICE_OFFSET: 116,
  QUANTITY_OFFSET: 120,
  RESERVED_OFFSET: 124,
  END_OFFSET: 128,
} as const;

/**
 * Whether this completion ends the order's life (it no longer counts as open):
 * FILLED and CANCELED always; REJECTED and LOCAL_REJECT when they answer the NEW (a refused
 * CANCEL leaves the order live). TIMEOUT and UNKNOWN keep it open: it may be live at the venue,
 * and risk must count it until a later completion settles it.
 */
export function isTerminalCompletion(status: number, commandKind: number): boolean {
  return (
    status === CompletionStatus.FILLED ||
    status === CompletionStatus.CANCELED ||
    (commandKind === OrderKind.NEW &&
      (status === CompletionStatus.REJECTED || status === CompletionStatus.LOCAL_REJECT))
  );
}

/** Control plane: the name of a status. */
export function completionStatusName(status: number): string {
  for (const [name, code] of Object.entries(CompletionStatus)) if (code === status) return name;
  return `UNKNOWN_STATUS(${status})`;
}

/** Control plane: the name of a reason. */
export function completionReasonName(reason: number): string {
  for (const [name, code] of Object.entries(CompletionReason)) if (code === reason) return name;
  return `UNKNOWN_REASON(${reason})`;
}
