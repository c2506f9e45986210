// Plain field records of every ITCH 5.0 message: what an encoder writes and what the matching
// flyweight reads back, under the same names (a flyweight has a getter for each field here).
// All numbers: alpha codes as byte codes (see itch-codes.ts), 4-byte alpha fields (MPID,
// attribution, reason) as u32, the 2-byte issue sub-type as u16, stocks as stock keys
// (itch-bytes.ts), prices as integers with their implied decimals, timestamps in ns since
// midnight, 8-byte integers below 2^53.
// A generator reuses one record per type and mutates it: encoding allocates nothing.

export interface ItchHeaderFields {
  stockLocate: number;
  trackingNumber: number;
  timestamp: number;
}

export interface SystemEventFields extends ItchHeaderFields {
  eventCode: number;
}

export interface StockDirectoryFields extends ItchHeaderFields {
  stock: number;
  marketCategory: number;
  financialStatus: number;
  roundLotSize: number;
  roundLotsOnly: number;
  issueClassification: number;
  issueSubType: number;
  authenticity: number;
  shortSaleThreshold: number;
  ipoFlag: number;
  luldTier: number;
  etpFlag: number;
  etpLeverageFactor: number;
  inverseIndicator: number;
}

export interface StockTradingActionFields extends ItchHeaderFields {
  stock: number;
  tradingState: number;
  reserved: number;
  reason: number;
}

export interface RegShoRestrictionFields extends ItchHeaderFields {
  stock: number;
  regShoAction: number;
}

export interface MarketParticipantPositionFields extends ItchHeaderFields {
  mpid: number;
  stock: number;
  primaryMarketMaker: number;
  marketMakerMode: number;
  participantState: number;
}

export interface MwcbDeclineLevelFields extends ItchHeaderFields {
  /** Price(8). */
  level1: number;
  level2: number;
  level3: number;
}

export interface MwcbStatusFields extends ItchHeaderFields {
  breachedLevel: number;
}

export interface IpoQuotingPeriodFields extends ItchHeaderFields {
  stock: number;
  /** Seconds since midnight. */
  releaseTime: number;
  releaseQualifier: number;
  ipoPrice: number;
}

export interface LuldAuctionCollarFields extends ItchHeaderFields {
  stock: number;
  referencePrice: number;
  upperPrice: number;
  lowerPrice: number;
  extension: number;
}

export interface OperationalHaltFields extends ItchHeaderFields {
  stock: number;
  marketCode: number;
  haltAction: number;
}

export interface AddOrderFields extends ItchHeaderFields {
  orderRef: number;
  side: number;
  shares: number;
  stock: number;
  price: number;
}

export interface AddOrderMpidFields extends AddOrderFields {
  attribution: number;
}

export interface OrderExecutedFields extends ItchHeaderFields {
  orderRef: number;
  executedShares: number;
  matchNumber: number;
}

export interface OrderExecutedWithPriceFields extends OrderExecutedFields {
  printable: number;
  executionPrice: number;
}

export interface OrderCancelFields extends ItchHeaderFields {
  orderRef: number;
  cancelledShares: number;
}

export interface OrderDeleteFields extends ItchHeaderFields {
  orderRef: number;
}

export interface OrderReplaceFields extends ItchHeaderFields {
  originalRef: number;
  newRef: number;
  shares: number;
  price: number;
}

export interface TradeFields extends ItchHeaderFields {
  orderRef: number;
  side: number;
  shares: number;
  stock: number;
  price: number;
  matchNumber: number;
}

export interface CrossTradeFields extends ItchHeaderFields {
  shares: number;
  stock: number;
  price: number;
  matchNumber: number;
  crossType: number;
}

export interface BrokenTradeFields extends ItchHeaderFields {
  matchNumber: number;
}

export interface NoiiFields extends ItchHeaderFields {
  pairedShares: number;
  imbalanceShares: number;
  imbalanceDirection: number;
  stock: number;
  farPrice: number;
  nearPrice: number;
  currentReferencePrice: number;
  crossType: number;
  priceVariation: number;
}

export interface RpiiFields extends ItchHeaderFields {
  stock: number;
  interestFlag: number;
}

export interface DlcrPriceDiscoveryFields extends ItchHeaderFields {
  stock: number;
  openEligibility: number;
  minAllowablePrice: number;
  maxAllowablePrice: number;
  nearExecutionPrice: number;
  nearExecutionTime: number;
  lowerPriceCollar: number;
  upperPriceCollar: number;
}
