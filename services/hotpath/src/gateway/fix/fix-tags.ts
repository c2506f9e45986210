/**
 * FIX 4.4 tag numbers and code values the gateway reads or writes, spelled once. jspurefix
 * ships its own TypeScript enums; we keep `as const` objects (our house style, and type
 * stripping forbids enums in our own code).
 */

export const FixTag = {
  AVG_PX: 6,
  CL_ORD_ID: 11,
  CUM_QTY: 14,
  EXEC_ID: 17,
  LAST_PX: 31,
  LAST_QTY: 32,
  ORDER_ID: 37,
  ORDER_QTY: 38,
  ORD_STATUS: 39,
  ORIG_CL_ORD_ID: 41,
  POSS_DUP_FLAG: 43,
  PRICE: 44,
  SIDE: 54,
  SYMBOL: 55,
  TEXT: 58,
  POSS_RESEND: 97,
  CXL_REJ_REASON: 102,
  ORD_REJ_REASON: 103,
  EXEC_TYPE: 150,
  LEAVES_QTY: 151,
} as const;

export const FixMsgType = {
  EXECUTION_REPORT: '8',
  ORDER_CANCEL_REJECT: '9',
  NEW_ORDER_SINGLE: 'D',
  ORDER_CANCEL_REQUEST: 'F',
  ORDER_STATUS_REQUEST: 'H',
} as const;

/** ExecType (150). */
export const ExecType = {
  NEW: '0',
  CANCELED: '4',
  REJECTED: '8',
  TRADE: 'F',
  ORDER_STATUS: 'I',
} as const;

/** OrdStatus (39). */
export const OrdStatus = {
  NEW: '0',
  PARTIALLY_FILLED: '1',
  FILLED: '2',
  CANCELED: '4',
  REJECTED: '8',
} as const;

/** OrdRejReason (103) 5 = unknown order: the venue's answer to a status request for an order it never saw. */
export const ORD_REJ_UNKNOWN_ORDER = 5;

/** Side (54). */
export const FixSide = {
  BUY: '1',
  SELL: '2',
} as const;

/** OrdType (40) 2 = limit: the only kind the gateway sends. */
export const ORD_TYPE_LIMIT = '2';
