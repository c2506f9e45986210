// Plain field records of every OUCH 4.2 message: what an encoder writes and what the matching
// flyweight reads back, under the same names. All numbers: alpha codes as byte codes (see
// ouch-codes.ts), the 4-byte firm as its u32 (`alpha4('FIRM')`), stocks as stock keys
// (`stockKey('AAPL')`), prices as Price(4) integers, timestamps in ns since midnight, 8-byte
// integers below 2^53. Tokens are caller-owned 14-byte arrays (bytes 0..13 are used): fill one
// with `writeTokenBase36(f.token, 0, clientOrderId)`. A sender reuses one record per type and
// mutates it: encoding allocates nothing.

// ---- inbound (client → venue) ----

export interface EnterOrderFields {
  token: Uint8Array;
  side: number;
  shares: number;
  stock: number;
  price: number;
  timeInForce: number;
  firm: number;
  display: number;
  capacity: number;
  intermarketSweep: number;
  minimumQuantity: number;
  crossType: number;
  customerType: number;
}

export interface ReplaceOrderFields {
  existingToken: Uint8Array;
  replacementToken: Uint8Array;
  shares: number;
  price: number;
  timeInForce: number;
  display: number;
  intermarketSweep: number;
  minimumQuantity: number;
}

export interface CancelOrderFields {
  token: Uint8Array;
  /** The new intended order size: 0 cancels the whole order. */
  shares: number;
}

export interface ModifyOrderFields {
  token: Uint8Array;
  side: number;
  shares: number;
}

// ---- outbound (venue → client) ----

export interface OuchOutboundHeaderFields {
  /** Nanoseconds since midnight. */
  timestamp: number;
}

export interface OuchSystemEventFields extends OuchOutboundHeaderFields {
  eventCode: number;
}

export interface AcceptedFields extends OuchOutboundHeaderFields {
  token: Uint8Array;
  side: number;
  shares: number;
  stock: number;
  price: number;
  timeInForce: number;
  firm: number;
  display: number;
  orderRef: number;
  capacity: number;
  intermarketSweep: number;
  minimumQuantity: number;
  crossType: number;
  orderState: number;
  bboWeight: number;
}

/** `token` is the replacement token. */
export interface ReplacedFields extends AcceptedFields {
  previousToken: Uint8Array;
}

export interface CanceledFields extends OuchOutboundHeaderFields {
  token: Uint8Array;
  decrementShares: number;
  reason: number;
}

export interface AiqCanceledFields extends CanceledFields {
  quantityPrevented: number;
  executionPrice: number;
  liquidityFlag: number;
}

export interface ExecutedFields extends OuchOutboundHeaderFields {
  token: Uint8Array;
  executedShares: number;
  executionPrice: number;
  liquidityFlag: number;
  matchNumber: number;
}

export interface OuchBrokenTradeFields extends OuchOutboundHeaderFields {
  token: Uint8Array;
  matchNumber: number;
  reason: number;
}

export interface RejectedFields extends OuchOutboundHeaderFields {
  token: Uint8Array;
  reason: number;
}

/** Cancel Pending and Cancel Reject. */
export interface TokenOnlyFields extends OuchOutboundHeaderFields {
  token: Uint8Array;
}

export interface OrderPriorityUpdateFields extends OuchOutboundHeaderFields {
  token: Uint8Array;
  price: number;
  display: number;
  orderRef: number;
}

export interface OrderModifiedFields extends OuchOutboundHeaderFields {
  token: Uint8Array;
  side: number;
  shares: number;
}
