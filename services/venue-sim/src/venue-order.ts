// What the venue engine works with, independent of the wire: orders, the commands that change
// them, and the sink a transport (OUCH, FIX) gives the engine to hear about them. Codes are the
// OUCH 4.2 characters (side 'B'/'S'/'T'/'E', reasons, liquidity flags); another transport maps
// them to its own. The simulator is a test counterparty, not hot path: it may allocate.

/** A transport's ear: every event about an order goes to the sink of the session that sent it. */
export interface VenueEventSink {
  accepted(order: VenueOrder): void;
  rejected(owner: string, token: string, reason: string): void;
  /** `liquidity`: 'A' added (the resting side), 'R' removed. */
  executed(order: VenueOrder, shares: number, price: number, matchNumber: number, liquidity: string): void;
  canceled(order: VenueOrder, decrementShares: number, reason: string): void;
  replaced(order: VenueOrder, previousToken: string): void;
  modified(order: VenueOrder): void;
  cancelRejected(owner: string, token: string): void;
}

export const OrderStatus = {
  OPEN: 'open',
  FILLED: 'filled',
  CANCELED: 'canceled',
  REPLACED: 'replaced',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export interface VenueOrder {
  readonly sink: VenueEventSink;
  /** The user (login) the order belongs to: tokens are unique per owner. */
  readonly owner: string;
  token: string;
  side: string;
  /** Shares as entered (or as replaced). */
  shares: number;
  /** Shares still open. */
  openShares: number;
  executedShares: number;
  symbol: string;
  /** Price(4): 4 implied decimals. */
  price: number;
  timeInForce: number;
  orderRef: number;
  status: OrderStatus;
  /** Arrival order, for time priority. */
  seq: number;
  // Echoed back in acknowledgements (OUCH Accepted); other transports may leave the defaults.
  firm: string;
  display: string;
  capacity: string;
  intermarketSweep: string;
  minimumQuantity: number;
  crossType: string;
  customerType: string;
}

/** A new order as a transport hands it over. */
export interface EnterCommand {
  kind: 'enter';
  sink: VenueEventSink;
  owner: string;
  token: string;
  side: string;
  shares: number;
  symbol: string;
  price: number;
  timeInForce: number;
  firm: string;
  display: string;
  capacity: string;
  intermarketSweep: string;
  minimumQuantity: number;
  crossType: string;
  customerType: string;
}

export interface CancelCommand {
  kind: 'cancel';
  sink: VenueEventSink;
  owner: string;
  token: string;
  /** New intended size: 0 cancels everything open. */
  shares: number;
}

export interface ReplaceCommand {
  kind: 'replace';
  sink: VenueEventSink;
  owner: string;
  token: string;
  newToken: string;
  shares: number;
  price: number;
  timeInForce: number;
  display: string;
  intermarketSweep: string;
  minimumQuantity: number;
}

export interface ModifyCommand {
  kind: 'modify';
  sink: VenueEventSink;
  owner: string;
  token: string;
  side: string;
  shares: number;
}

/** A transport found the message malformed but could name its token: answer with Rejected. */
export interface InvalidCommand {
  kind: 'invalid';
  sink: VenueEventSink;
  owner: string;
  token: string;
  reason: string;
}

export type VenueCommand = EnterCommand | CancelCommand | ReplaceCommand | ModifyCommand | InvalidCommand;

/** 'B' buys; 'S', 'T' (short), 'E' (short exempt) sell. */
export function isBuy(side: string): boolean {
  return side === 'B';
}
