// Values of the OUCH 4.2 enumerated alpha fields, as byte codes (no strings on the hot path),
// and the sets of values the validators accept, as 256-entry tables (one indexed load per check).
// Inbound fields are checked strictly against the spec's lists. Outbound reason codes and
// liquidity flags are only required to be ASCII letters or digits: NASDAQ adds new ones between
// revisions, and a client must not drop an execution because its flag is new.

const c = (s: string): number => s.charCodeAt(0);

export const OuchSide = {
  BUY: c('B'),
  SELL: c('S'),
  SELL_SHORT: c('T'),
  SELL_SHORT_EXEMPT: c('E'),
} as const;

export const OuchDisplay = {
  ATTRIBUTABLE: c('A'),
  ANONYMOUS: c('Y'),
  NON_DISPLAY: c('N'),
  POST_ONLY: c('P'),
  IMBALANCE_ONLY: c('I'),
  MIDPOINT_PEG: c('M'),
  MIDPOINT_PEG_POST_ONLY: c('W'),
  POST_ONLY_ATTRIBUTABLE: c('L'),
  RETAIL_TYPE_1: c('O'),
  RETAIL_TYPE_2: c('T'),
  RETAIL_PRICE_IMPROVEMENT: c('Q'),
} as const;

export const OuchCapacity = { AGENCY: c('A'), PRINCIPAL: c('P'), RISKLESS: c('R'), OTHER: c('O') } as const;

export const OuchIntermarketSweep = { ELIGIBLE: c('Y'), NOT_ELIGIBLE: c('N'), TRADE_AT: c('y') } as const;

export const OuchCrossType = {
  CONTINUOUS: c('N'),
  OPENING: c('O'),
  CLOSING: c('C'),
  HALT_IPO: c('H'),
  SUPPLEMENTAL: c('S'),
  RETAIL: c('R'),
  EXTENDED_LIFE: c('E'),
  AFTER_HOURS_CLOSE: c('A'),
} as const;

export const OuchCustomerType = { RETAIL: c('R'), NOT_RETAIL: c('N'), DEFAULT: c(' ') } as const;

export const OuchOrderState = { LIVE: c('L'), DEAD: c('D') } as const;

export const OuchEventCode = { START_OF_DAY: c('S'), END_OF_DAY: c('E') } as const;

/** Time in force values with a meaning of their own (others: seconds). */
export const OuchTimeInForce = { IOC: 0, MARKET_HOURS: 99_998, SYSTEM_HOURS: 99_999 } as const;

export const OuchCancelReason = {
  USER_REQUESTED: c('U'),
  IMMEDIATE_OR_CANCEL: c('I'),
  TIMEOUT: c('T'),
  SUPERVISORY: c('S'),
  REGULATORY_RESTRICTION: c('D'),
  SELF_MATCH_PREVENTION: c('Q'),
  SYSTEM_CANCEL: c('Z'),
  CROSS_CANCELED: c('C'),
  MARKET_COLLARS: c('K'),
  HALTED: c('H'),
  OPEN_PROTECTION: c('X'),
  CLOSED: c('E'),
} as const;

export const OuchRejectReason = {
  TEST_MODE: c('T'),
  HALTED: c('H'),
  SHARES_EXCEED_THRESHOLD: c('Z'),
  INVALID_STOCK: c('S'),
  INVALID_DISPLAY: c('D'),
  CLOSED: c('C'),
  FIRM_NOT_AUTHORIZED: c('L'),
  OUTSIDE_PERMITTED_TIMES: c('M'),
  NOT_ALLOWED_NOW: c('R'),
  INVALID_PRICE: c('X'),
  INVALID_MINIMUM_QUANTITY: c('N'),
  OTHER: c('O'),
  INVALID_MIDPOINT_POST_ONLY_PRICE: c('W'),
} as const;

export const OuchBrokenTradeReason = {
  ERRONEOUS: c('E'),
  CONSENT: c('C'),
  SUPERVISORY: c('S'),
  EXTERNAL: c('X'),
} as const;

export const OuchLiquidityFlag = { ADDED: c('A'), REMOVED: c('R') } as const;

const LETTERS_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Accepted characters per enumerated field, for validators, generators and tests. */
export const OUCH_VALID_CHARS = {
  SIDE: 'BSTE',
  DISPLAY: 'AYNPIMWLOTQ',
  CAPACITY: 'APRO',
  INTERMARKET_SWEEP: 'YNy',
  CROSS_TYPE: 'NOCHSREA',
  CUSTOMER_TYPE: 'RN ',
  ORDER_STATE: 'LD',
  EVENT_CODE: 'SE',
  /** Outbound reasons and liquidity flags (see the note at the top). */
  CODE: LETTERS_DIGITS,
  /** BBO weight indicator: 0..3, S, N, or space. */
  BBO_WEIGHT: '0123SN ',
} as const;

type ValidTables = { readonly [K in keyof typeof OUCH_VALID_CHARS]: Uint8Array };

/** Byte-indexed membership tables built from OUCH_VALID_CHARS (1 = valid). */
export const OuchValid: ValidTables = (() => {
  const out: Record<string, Uint8Array> = {};
  for (const [name, chars] of Object.entries(OUCH_VALID_CHARS)) {
    const t = new Uint8Array(256);
    for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
    out[name] = t;
  }
  return out as ValidTables;
})();
