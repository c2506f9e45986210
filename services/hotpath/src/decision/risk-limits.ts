// Pre-trade risk limits, kept in a Float64Array so a SET_RISK_LIMIT command changes them in
// place (no objects) and the checks read them with one indexed load.

/** Index of each limit in RiskLimits.values. */
export const RiskLimit = {
  /** Largest quantity of one order (shares). */
  MAX_ORDER_QTY: 0,
  /** Largest price × quantity of one order, in Price(4) units × shares (dollars × 10^4). */
  MAX_NOTIONAL_P4: 1,
  /** Most orders open at once (sent, not yet finished) per worker. */
  MAX_OPEN_ORDERS: 2,
  /** Largest distance of a limit price from the reference (mid, or the one side present), bps. */
  PRICE_BAND_BPS: 3,
} as const;
export const RISK_LIMIT_COUNT = 4;

export interface RiskLimitsInput {
  readonly maxOrderQty: number;
  /** Dollars. */
  readonly maxNotional: number;
  readonly maxOpenOrders: number;
  readonly priceBandBps: number;
}

export function riskLimitValues(input: RiskLimitsInput): Float64Array {
  const v = new Float64Array(RISK_LIMIT_COUNT);
  v[RiskLimit.MAX_ORDER_QTY] = input.maxOrderQty;
  v[RiskLimit.MAX_NOTIONAL_P4] = input.maxNotional * 10_000;
  v[RiskLimit.MAX_OPEN_ORDERS] = input.maxOpenOrders;
  v[RiskLimit.PRICE_BAND_BPS] = input.priceBandBps;
  return v;
}
