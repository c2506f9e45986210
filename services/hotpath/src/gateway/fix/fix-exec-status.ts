/**
 * What the FIX adapter tells the gateway: completion statuses (the names ARCHITECTURE.md
 * gives completions), the execution event, and the codes sendNew / sendCancel return.
 */

/** Completion status of one execution event. Stable numbers. */
export const FixExecStatus = {
  ACCEPTED: 1,
  REJECTED: 2,
  FILLED: 3,
  PARTIALLY_FILLED: 4,
  CANCELED: 5,
  /** OrderCancelReject (9): the order lives on; not terminal. */
  CANCEL_REJECTED: 6,
} as const;
export type FixExecStatusCode = (typeof FixExecStatus)[keyof typeof FixExecStatus];

/** FILLED, REJECTED and CANCELED end an order: the adapter forgets it afterwards. */
export function isTerminalStatus(status: number): boolean {
  return (
    status === FixExecStatus.FILLED || status === FixExecStatus.REJECTED || status === FixExecStatus.CANCELED
  );
}

/** sendNew / sendCancel results: >= 0 taken, < 0 refused (never thrown). */
export const FixSendResult = {
  SENT: 0,
  /** Session down: kept, sent after the next logon. */
  QUEUED: 1,
  DUPLICATE_ID: -1,
  UNKNOWN_ORDER: -2,
  STOPPED: -3,
  CANCEL_PENDING: -4,
} as const;
export type FixSendResultCode = (typeof FixSendResult)[keyof typeof FixSendResult];

/**
 * One execution event. The adapter reuses a single instance: it is valid only during the
 * callback (copy what you keep), so a report costs no event allocation of ours.
 */
export interface FixExecutionEvent {
  /** The order concerned (for a cancel: the order that was canceled). */
  clientOrderId: number;
  /** The id of the request answered: = clientOrderId, or the cancel request's id. */
  requestId: number;
  status: FixExecStatusCode;
  /** The order's quantity. */
  quantity: number;
  lastQty: number;
  lastPx: number;
  cumQty: number;
  leavesQty: number;
  avgPx: number;
  /** Venue text (58): the reject or cancel-reject reason; '' when absent. */
  text: string;
  /** OrdRejReason (103) of a reject, 0 when absent. */
  rejectCode: number;
  venueOrderId: string;
  /** Learned from an order-status reply after a reconnect, not from a live report. */
  recovered: boolean;
}

export function newExecutionEvent(): FixExecutionEvent {
  return {
    clientOrderId: 0,
    requestId: 0,
    status: FixExecStatus.ACCEPTED,
    quantity: 0,
    lastQty: 0,
    lastPx: 0,
    cumQty: 0,
    leavesQty: 0,
    avgPx: 0,
    text: '',
    rejectCode: 0,
    venueOrderId: '',
    recovered: false,
  };
}
