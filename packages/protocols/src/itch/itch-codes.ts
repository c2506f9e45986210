// Values of the ITCH 5.0 enumerated alpha fields, as byte codes (the hot path never builds a
// string), and the sets of values the validators accept. A set is a 256-entry table so checking
// a byte is one indexed load.

const c = (s: string): number => s.charCodeAt(0);

export const Side = { BUY: c('B'), SELL: c('S') } as const;

export const SystemEventCode = {
  START_OF_MESSAGES: c('O'),
  START_OF_SYSTEM_HOURS: c('S'),
  START_OF_MARKET_HOURS: c('Q'),
  END_OF_MARKET_HOURS: c('M'),
  END_OF_SYSTEM_HOURS: c('E'),
  END_OF_MESSAGES: c('C'),
} as const;

export const TradingState = {
  HALTED: c('H'),
  PAUSED: c('P'),
  QUOTATION_ONLY: c('Q'),
  TRADING: c('T'),
} as const;

export const CrossType = {
  OPENING: c('O'),
  CLOSING: c('C'),
  HALT_OR_IPO: c('H'),
  /** Intraday / post-close cross: in older 5.0 revisions of the Cross Trade message. */
  INTRADAY: c('I'),
  /** Extended Trading Close: NOII only (2022 revision). */
  EXTENDED_TRADING_CLOSE: c('A'),
} as const;

export const ImbalanceDirection = {
  BUY: c('B'),
  SELL: c('S'),
  NONE: c('N'),
  INSUFFICIENT_ORDERS: c('O'),
  PAUSED: c('P'),
} as const;

/** Accepted characters per enumerated field, for validators, generators and tests. */
export const VALID_CHARS = {
  SIDE: 'BS',
  YES_NO: 'YN',
  YES_NO_SPACE: 'YN ',
  EVENT_CODE: 'OSQMEC',
  MARKET_CATEGORY: 'QGSNAPZV ',
  FINANCIAL_STATUS: 'DEQSGHJKCN ',
  ISSUE_CLASSIFICATION: 'ABCFILNOPQRSTUVW',
  AUTHENTICITY: 'PT',
  LULD_TIER: '12 ',
  TRADING_STATE: 'HPQT',
  REG_SHO_ACTION: '012',
  MARKET_MAKER_MODE: 'NPSRL',
  PARTICIPANT_STATE: 'AEWSD',
  BREACHED_LEVEL: '123',
  IPO_RELEASE_QUALIFIER: 'AC',
  MARKET_CODE: 'QBX',
  HALT_ACTION: 'HT',
  CROSS_TYPE_TRADE: 'OCHI',
  CROSS_TYPE_NOII: 'OCHA',
  IMBALANCE_DIRECTION: 'BSNOP',
  PRICE_VARIATION: 'L123456789ABC ',
  INTEREST_FLAG: 'BSAN',
} as const;

type ValidTables = { readonly [K in keyof typeof VALID_CHARS]: Uint8Array };

/** Byte-indexed membership tables built from VALID_CHARS (1 = valid). */
export const Valid: ValidTables = (() => {
  const out: Record<string, Uint8Array> = {};
  for (const [name, chars] of Object.entries(VALID_CHARS)) {
    const t = new Uint8Array(256);
    for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
    out[name] = t;
  }
  return out as ValidTables;
})();
