// NASDAQ TotalView-ITCH 5.0 message layouts, declared once. Every offset the encoders, decoders
// and validators use comes from here. Source: the TotalView-ITCH 5.0 specification (revision of
// April 2023, which added the DLCR 'O' message and the NOII "P" imbalance direction).
// All integers big-endian and unsigned; alpha fields ASCII, left justified, space padded.
//
// Common header of every message (11 bytes):
//
//    0      1      3      5                      11
//   +------+------+------+----------------------+-----------
//   | type |locate|track |  timestamp (48 bit)  | body ...
//   +------+------+------+----------------------+-----------
//     u8    u16    u16    ns since midnight
//
// Bodies below: offset:width name. Price(4) = u32 with 4 implied decimals; Price(8) = u64 with 8.

/** Message type bytes (ASCII codes of the spec's type letters). */
export const ItchType = {
  SYSTEM_EVENT: 0x53, // 'S'
  STOCK_DIRECTORY: 0x52, // 'R'
  STOCK_TRADING_ACTION: 0x48, // 'H'
  REG_SHO_RESTRICTION: 0x59, // 'Y'
  MARKET_PARTICIPANT_POSITION: 0x4c, // 'L'
  MWCB_DECLINE_LEVEL: 0x56, // 'V'
  MWCB_STATUS: 0x57, // 'W'
  IPO_QUOTING_PERIOD: 0x4b, // 'K'
  LULD_AUCTION_COLLAR: 0x4a, // 'J'
  OPERATIONAL_HALT: 0x68, // 'h'
  ADD_ORDER: 0x41, // 'A'
  ADD_ORDER_MPID: 0x46, // 'F'
  ORDER_EXECUTED: 0x45, // 'E'
  ORDER_EXECUTED_WITH_PRICE: 0x43, // 'C'
  ORDER_CANCEL: 0x58, // 'X'
  ORDER_DELETE: 0x44, // 'D'
  ORDER_REPLACE: 0x55, // 'U'
  TRADE: 0x50, // 'P'
  CROSS_TRADE: 0x51, // 'Q'
  BROKEN_TRADE: 0x42, // 'B'
  NOII: 0x49, // 'I'
  RPII: 0x4e, // 'N'
  DLCR_PRICE_DISCOVERY: 0x4f, // 'O'
} as const;
export type ItchTypeCode = (typeof ItchType)[keyof typeof ItchType];

/** Official total length of each message, type byte included. */
export const ItchLength = {
  SYSTEM_EVENT: 12,
  STOCK_DIRECTORY: 39,
  STOCK_TRADING_ACTION: 25,
  REG_SHO_RESTRICTION: 20,
  MARKET_PARTICIPANT_POSITION: 26,
  MWCB_DECLINE_LEVEL: 35,
  MWCB_STATUS: 12,
  IPO_QUOTING_PERIOD: 28,
  LULD_AUCTION_COLLAR: 35,
  OPERATIONAL_HALT: 21,
  ADD_ORDER: 36,
  ADD_ORDER_MPID: 40,
  ORDER_EXECUTED: 31,
  ORDER_EXECUTED_WITH_PRICE: 36,
  ORDER_CANCEL: 23,
  ORDER_DELETE: 19,
  ORDER_REPLACE: 35,
  TRADE: 44,
  CROSS_TRADE: 40,
  BROKEN_TRADE: 19,
  NOII: 50,
  RPII: 20,
  DLCR_PRICE_DISCOVERY: 48,
} as const satisfies Record<keyof typeof ItchType, number>;

/** type byte → official length; 0 for a byte that is no ITCH 5.0 message type. */
export const ITCH_LENGTH_BY_TYPE: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const name of Object.keys(ItchType) as (keyof typeof ItchType)[]) t[ItchType[name]] = ItchLength[name];
  return t;
})();

/** Longest ITCH 5.0 message (NOII), for scratch buffers. */
export const ITCH_MAX_LENGTH = 50;

// ---- common header ----
export const HEADER = { TYPE: 0, LOCATE: 1, TRACKING: 3, TIMESTAMP: 5, LENGTH: 11 } as const;

// S system event:            11:1 event code
export const SYSTEM_EVENT = { EVENT_CODE: 11 } as const;

// R stock directory:
//  11:8 stock  19:1 market category  20:1 financial status  21:4 round lot size
//  25:1 round lots only  26:1 issue classification  27:2 issue sub-type  29:1 authenticity
//  30:1 short sale threshold  31:1 IPO flag  32:1 LULD ref price tier  33:1 ETP flag
//  34:4 ETP leverage factor  38:1 inverse indicator
export const STOCK_DIRECTORY = {
  STOCK: 11,
  MARKET_CATEGORY: 19,
  FINANCIAL_STATUS: 20,
  ROUND_LOT_SIZE: 21,
  ROUND_LOTS_ONLY: 25,
  ISSUE_CLASSIFICATION: 26,
  ISSUE_SUB_TYPE: 27,
  AUTHENTICITY: 29,
  SHORT_SALE_THRESHOLD: 30,
  IPO_FLAG: 31,
  LULD_TIER: 32,
  ETP_FLAG: 33,
  ETP_LEVERAGE_FACTOR: 34,
  INVERSE_INDICATOR: 38,
} as const;

// H stock trading action:    11:8 stock  19:1 trading state  20:1 reserved  21:4 reason
export const STOCK_TRADING_ACTION = { STOCK: 11, TRADING_STATE: 19, RESERVED: 20, REASON: 21 } as const;

// Y Reg SHO restriction:     11:8 stock  19:1 Reg SHO action
export const REG_SHO_RESTRICTION = { STOCK: 11, ACTION: 19 } as const;

// L market participant pos.: 11:4 MPID  15:8 stock  23:1 primary MM  24:1 MM mode  25:1 state
export const MARKET_PARTICIPANT_POSITION = {
  MPID: 11,
  STOCK: 15,
  PRIMARY_MARKET_MAKER: 23,
  MARKET_MAKER_MODE: 24,
  PARTICIPANT_STATE: 25,
} as const;

// V MWCB decline level:      11:8 level 1  19:8 level 2  27:8 level 3   (Price(8) each)
export const MWCB_DECLINE_LEVEL = { LEVEL_1: 11, LEVEL_2: 19, LEVEL_3: 27 } as const;

// W MWCB status:             11:1 breached level
export const MWCB_STATUS = { BREACHED_LEVEL: 11 } as const;

// K IPO quoting period:      11:8 stock  19:4 release time (s since midnight)  23:1 qualifier  24:4 IPO price
export const IPO_QUOTING_PERIOD = {
  STOCK: 11,
  RELEASE_TIME: 19,
  RELEASE_QUALIFIER: 23,
  IPO_PRICE: 24,
} as const;

// J LULD auction collar:     11:8 stock  19:4 reference price  23:4 upper  27:4 lower  31:4 extension
export const LULD_AUCTION_COLLAR = {
  STOCK: 11,
  REFERENCE_PRICE: 19,
  UPPER_PRICE: 23,
  LOWER_PRICE: 27,
  EXTENSION: 31,
} as const;

// h operational halt:        11:8 stock  19:1 market code  20:1 halt action
export const OPERATIONAL_HALT = { STOCK: 11, MARKET_CODE: 19, HALT_ACTION: 20 } as const;

// A add order / F add order with MPID:
//
//   11            19    20       24             32       36         40
//   +-------------+-----+--------+--------------+--------+----------+
//   | order ref   |side | shares |    stock     | price  |attribution| (F only)
//   +-------------+-----+--------+--------------+--------+----------+
//      u64          B/S    u32       8 alpha      Price(4)  4 alpha
export const ADD_ORDER = {
  ORDER_REF: 11,
  SIDE: 19,
  SHARES: 20,
  STOCK: 24,
  PRICE: 32,
  ATTRIBUTION: 36,
} as const;

// E order executed:          11:8 order ref  19:4 executed shares  23:8 match number
// C ... with price:          + 31:1 printable  32:4 execution price
export const ORDER_EXECUTED = {
  ORDER_REF: 11,
  EXECUTED_SHARES: 19,
  MATCH_NUMBER: 23,
  PRINTABLE: 31,
  EXECUTION_PRICE: 32,
} as const;

// X order cancel:            11:8 order ref  19:4 cancelled shares
export const ORDER_CANCEL = { ORDER_REF: 11, CANCELLED_SHARES: 19 } as const;

// D order delete:            11:8 order ref
export const ORDER_DELETE = { ORDER_REF: 11 } as const;

// U order replace:           11:8 original ref  19:8 new ref  27:4 shares  31:4 price
export const ORDER_REPLACE = { ORIGINAL_REF: 11, NEW_REF: 19, SHARES: 27, PRICE: 31 } as const;

// P trade (non-cross):       11:8 order ref  19:1 side  20:4 shares  24:8 stock  32:4 price  36:8 match
export const TRADE = { ORDER_REF: 11, SIDE: 19, SHARES: 20, STOCK: 24, PRICE: 32, MATCH_NUMBER: 36 } as const;

// Q cross trade:             11:8 shares  19:8 stock  27:4 cross price  31:8 match  39:1 cross type
export const CROSS_TRADE = { SHARES: 11, STOCK: 19, PRICE: 27, MATCH_NUMBER: 31, CROSS_TYPE: 39 } as const;

// B broken trade:            11:8 match number
export const BROKEN_TRADE = { MATCH_NUMBER: 11 } as const;

// I NOII:  11:8 paired shares  19:8 imbalance shares  27:1 direction  28:8 stock  36:4 far price
//          40:4 near price  44:4 current reference price  48:1 cross type  49:1 price variation
export const NOII = {
  PAIRED_SHARES: 11,
  IMBALANCE_SHARES: 19,
  IMBALANCE_DIRECTION: 27,
  STOCK: 28,
  FAR_PRICE: 36,
  NEAR_PRICE: 40,
  CURRENT_REFERENCE_PRICE: 44,
  CROSS_TYPE: 48,
  PRICE_VARIATION: 49,
} as const;

// N RPII:                    11:8 stock  19:1 interest flag
export const RPII = { STOCK: 11, INTEREST_FLAG: 19 } as const;

// O DLCR price discovery:    11:8 stock  19:1 open eligibility  20:4 min allowable price
//   24:4 max allowable price  28:4 near execution price  32:8 near execution time (ns)
//   40:4 lower price range collar  44:4 upper price range collar
export const DLCR_PRICE_DISCOVERY = {
  STOCK: 11,
  OPEN_ELIGIBILITY: 19,
  MIN_ALLOWABLE_PRICE: 20,
  MAX_ALLOWABLE_PRICE: 24,
  NEAR_EXECUTION_PRICE: 28,
  NEAR_EXECUTION_TIME: 32,
  LOWER_PRICE_COLLAR: 40,
  UPPER_PRICE_COLLAR: 44,
} as const;

/** Largest Price(4) the spec allows: 200,000.0000. */
export const MAX_PRICE4 = 2_000_000_000;
