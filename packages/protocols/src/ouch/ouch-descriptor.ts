// NASDAQ OUCH 4.2 message layouts, declared once. Every offset the encoders, decoders and
// validators use comes from here. Source: the OUCH 4.2 specification (NASDAQ, 2013 onwards).
// All integers big-endian and unsigned; alpha fields ASCII, left justified, space padded.
// OUCH messages travel as the payload of SoupBinTCP packets: inbound (client → venue) as
// Unsequenced Data, outbound (venue → client) as Sequenced Data. Types 'U' and 'M' exist in
// both directions with different layouts, so each direction has its own type/length table.
//
// Inbound (client → venue) — no timestamp:
//
//  O Enter Order (49)
//    0    1               15   16     20         28     32     36     40   41   42   43     47   48  49
//   +----+---------------+----+------+----------+------+------+------+----+----+----+------+----+----+
//   |'O' | order token   |B/S |shares|  stock   |price | TIF  | firm |disp|capa|ISO |minQty|xTyp|cust|
//   +----+---------------+----+------+----------+------+------+------+----+----+----+------+----+----+
//          14 alpha        1    u32    8 alpha   Pr(4)   u32  4 alpha  1    1    1    u32    1    1
//
//  U Replace Order (47):  0 'U'  1:14 existing token  15:14 replacement token  29:4 shares
//                         33:4 price  37:4 TIF  41:1 display  42:1 ISO  43:4 min qty
//  X Cancel Order (19):   0 'X'  1:14 token  15:4 shares (new intended size; 0 = cancel all)
//  M Modify Order (20):   0 'M'  1:14 token  15:1 buy/sell  16:4 shares
//
// Outbound (venue → client) — every message: type, then a u64 timestamp (ns since midnight):
//
//    0    1                 9
//   +----+-----------------+------------
//   |type| timestamp (u64) | body ...
//   +----+-----------------+------------
//
//  S System Event (10):     9:1 event code
//  A Accepted (66):
//    9               23   24     28         36     40     44     48   49          57   58   59     63   64   65  66
//   +---------------+----+------+----------+------+------+------+----+-----------+----+----+------+----+----+----+
//   | order token   |B/S |shares|  stock   |price | TIF  | firm |disp| order ref |capa|ISO |minQty|xTyp|stat|BBO |
//   +---------------+----+------+----------+------+------+------+----+-----------+----+----+------+----+----+----+
//  U Replaced (80):         as Accepted 9..65 (token = replacement token), then 65:14 previous token,
//                           79:1 BBO weight indicator
//  C Canceled (28):         9:14 token  23:4 decrement shares  27:1 reason
//  D AIQ Canceled (37):     9:14 token  23:4 decrement shares  27:1 reason  28:4 quantity prevented
//                           from trading  32:4 execution price  36:1 liquidity flag
//  E Executed (40):         9:14 token  23:4 executed shares  27:4 execution price  31:1 liquidity
//                           flag  32:8 match number
//  B Broken Trade (32):     9:14 token  23:8 match number  31:1 reason
//  J Rejected (24):         9:14 token  23:1 reason
//  P Cancel Pending (23):   9:14 token
//  I Cancel Reject (23):    9:14 token
//  T Order Priority Update (36): 9:14 token  23:4 price  27:1 display  28:8 order ref
//  M Order Modified (28):   9:14 token  23:1 buy/sell  24:4 shares

/** Width of an order token. */
export const OUCH_TOKEN_LENGTH = 14;

/** Inbound (client → venue) type bytes. */
export const OuchInboundType = {
  ENTER_ORDER: 0x4f, // 'O'
  REPLACE_ORDER: 0x55, // 'U'
  CANCEL_ORDER: 0x58, // 'X'
  MODIFY_ORDER: 0x4d, // 'M'
} as const;
export type OuchInboundTypeCode = (typeof OuchInboundType)[keyof typeof OuchInboundType];

export const OuchInboundLength = {
  ENTER_ORDER: 49,
  REPLACE_ORDER: 47,
  CANCEL_ORDER: 19,
  MODIFY_ORDER: 20,
} as const satisfies Record<keyof typeof OuchInboundType, number>;

/** Outbound (venue → client) type bytes. */
export const OuchOutboundType = {
  SYSTEM_EVENT: 0x53, // 'S'
  ACCEPTED: 0x41, // 'A'
  REPLACED: 0x55, // 'U'
  CANCELED: 0x43, // 'C'
  AIQ_CANCELED: 0x44, // 'D'
  EXECUTED: 0x45, // 'E'
  BROKEN_TRADE: 0x42, // 'B'
  REJECTED: 0x4a, // 'J'
  CANCEL_PENDING: 0x50, // 'P'
  CANCEL_REJECT: 0x49, // 'I'
  ORDER_PRIORITY_UPDATE: 0x54, // 'T'
  ORDER_MODIFIED: 0x4d, // 'M'
} as const;
export type OuchOutboundTypeCode = (typeof OuchOutboundType)[keyof typeof OuchOutboundType];

export const OuchOutboundLength = {
  SYSTEM_EVENT: 10,
  ACCEPTED: 66,
  REPLACED: 80,
  CANCELED: 28,
  AIQ_CANCELED: 37,
  EXECUTED: 40,
  BROKEN_TRADE: 32,
  REJECTED: 24,
  CANCEL_PENDING: 23,
  CANCEL_REJECT: 23,
  ORDER_PRIORITY_UPDATE: 36,
  ORDER_MODIFIED: 28,
} as const satisfies Record<keyof typeof OuchOutboundType, number>;

function lengthTable(types: Record<string, number>, lengths: Record<string, number>): Uint8Array {
  const t = new Uint8Array(256);
  for (const name of Object.keys(types)) t[types[name]!] = lengths[name]!;
  return t;
}

/** Inbound type byte → official length; 0 for a byte that is no inbound OUCH 4.2 type. */
export const OUCH_INBOUND_LENGTH_BY_TYPE: Uint8Array = lengthTable(OuchInboundType, OuchInboundLength);
/** Outbound type byte → official length; 0 for a byte that is no outbound OUCH 4.2 type. */
export const OUCH_OUTBOUND_LENGTH_BY_TYPE: Uint8Array = lengthTable(OuchOutboundType, OuchOutboundLength);

/** Longest OUCH 4.2 message (Replaced), for scratch buffers. */
export const OUCH_MAX_LENGTH = 80;

// ---- inbound ----
export const ENTER_ORDER = {
  TOKEN: 1,
  SIDE: 15,
  SHARES: 16,
  STOCK: 20,
  PRICE: 28,
  TIME_IN_FORCE: 32,
  FIRM: 36,
  DISPLAY: 40,
  CAPACITY: 41,
  INTERMARKET_SWEEP: 42,
  MINIMUM_QUANTITY: 43,
  CROSS_TYPE: 47,
  CUSTOMER_TYPE: 48,
} as const;

export const REPLACE_ORDER = {
  EXISTING_TOKEN: 1,
  REPLACEMENT_TOKEN: 15,
  SHARES: 29,
  PRICE: 33,
  TIME_IN_FORCE: 37,
  DISPLAY: 41,
  INTERMARKET_SWEEP: 42,
  MINIMUM_QUANTITY: 43,
} as const;

export const CANCEL_ORDER = { TOKEN: 1, SHARES: 15 } as const;

export const MODIFY_ORDER = { TOKEN: 1, SIDE: 15, SHARES: 16 } as const;

// ---- outbound ----
export const OUT_HEADER = { TYPE: 0, TIMESTAMP: 1, LENGTH: 9 } as const;

export const SYSTEM_EVENT = { EVENT_CODE: 9 } as const;

/** Accepted; Replaced shares 9..64 and puts the previous token and BBO weight after it. */
export const ACCEPTED = {
  TOKEN: 9,
  SIDE: 23,
  SHARES: 24,
  STOCK: 28,
  PRICE: 36,
  TIME_IN_FORCE: 40,
  FIRM: 44,
  DISPLAY: 48,
  ORDER_REF: 49,
  CAPACITY: 57,
  INTERMARKET_SWEEP: 58,
  MINIMUM_QUANTITY: 59,
  CROSS_TYPE: 63,
  ORDER_STATE: 64,
  BBO_WEIGHT: 65,
} as const;

export const REPLACED = { ...ACCEPTED, PREVIOUS_TOKEN: 65, BBO_WEIGHT: 79 } as const;

export const CANCELED = { TOKEN: 9, DECREMENT_SHARES: 23, REASON: 27 } as const;

export const AIQ_CANCELED = {
  TOKEN: 9,
  DECREMENT_SHARES: 23,
  REASON: 27,
  QUANTITY_PREVENTED: 28,
  EXECUTION_PRICE: 32,
  LIQUIDITY_FLAG: 36,
} as const;

export const EXECUTED = {
  TOKEN: 9,
  EXECUTED_SHARES: 23,
  EXECUTION_PRICE: 27,
  LIQUIDITY_FLAG: 31,
  MATCH_NUMBER: 32,
} as const;

export const BROKEN_TRADE = { TOKEN: 9, MATCH_NUMBER: 23, REASON: 31 } as const;

export const REJECTED = { TOKEN: 9, REASON: 23 } as const;

/** Cancel Pending and Cancel Reject: the token only. */
export const TOKEN_ONLY = { TOKEN: 9 } as const;

export const ORDER_PRIORITY_UPDATE = { TOKEN: 9, PRICE: 23, DISPLAY: 27, ORDER_REF: 28 } as const;

export const ORDER_MODIFIED = { TOKEN: 9, SIDE: 23, SHARES: 24 } as const;

/** Largest Price(4) value: 0x7FFFFFFF (214,748.3647) is the spec's "market" price for crosses. */
export const OUCH_MAX_PRICE = 0x7fffffff;

/** Largest time in force: 99,998 = market hours, 99,999 = system hours (0 = IOC, else seconds). */
export const OUCH_MAX_TIME_IN_FORCE = 99_999;
