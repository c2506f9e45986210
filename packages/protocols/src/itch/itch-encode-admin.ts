// Encoders of the system, stock-administration and auction messages (S R H Y L V W K J h I N O).
// Same contract as itch-encode-orders.ts: write at `o`, return the length or ItchStatus.NO_ROOM,
// allocate nothing, leave validation to the decoder.
import { writeStockKey, writeU16, writeU32, writeU64 } from './itch-bytes.ts';
import {
  DLCR_PRICE_DISCOVERY,
  IPO_QUOTING_PERIOD,
  ItchLength,
  ItchType,
  LULD_AUCTION_COLLAR,
  MARKET_PARTICIPANT_POSITION,
  MWCB_DECLINE_LEVEL,
  MWCB_STATUS,
  NOII,
  OPERATIONAL_HALT,
  REG_SHO_RESTRICTION,
  RPII,
  STOCK_DIRECTORY,
  STOCK_TRADING_ACTION,
  SYSTEM_EVENT,
} from './itch-descriptor.ts';
import type {
  DlcrPriceDiscoveryFields,
  IpoQuotingPeriodFields,
  LuldAuctionCollarFields,
  MarketParticipantPositionFields,
  MwcbDeclineLevelFields,
  MwcbStatusFields,
  NoiiFields,
  OperationalHaltFields,
  RegShoRestrictionFields,
  RpiiFields,
  StockDirectoryFields,
  StockTradingActionFields,
  SystemEventFields,
} from './itch-fields.ts';
import { ItchStatus } from './itch-status.ts';
import { hasRoom, writeHeader } from './itch-encode-header.ts';

/** 'S' system event (12 bytes). */
export function encodeSystemEvent(b: Uint8Array, o: number, f: SystemEventFields): number {
  const len = ItchLength.SYSTEM_EVENT;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.SYSTEM_EVENT, f);
  b[o + SYSTEM_EVENT.EVENT_CODE] = f.eventCode;
  return len;
}

/** 'R' stock directory (39 bytes). */
export function encodeStockDirectory(b: Uint8Array, o: number, f: StockDirectoryFields): number {
  const len = ItchLength.STOCK_DIRECTORY;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  const L = STOCK_DIRECTORY;
  writeHeader(b, o, ItchType.STOCK_DIRECTORY, f);
  writeStockKey(b, o + L.STOCK, f.stock);
  b[o + L.MARKET_CATEGORY] = f.marketCategory;
  b[o + L.FINANCIAL_STATUS] = f.financialStatus;
  writeU32(b, o + L.ROUND_LOT_SIZE, f.roundLotSize);
  b[o + L.ROUND_LOTS_ONLY] = f.roundLotsOnly;
  b[o + L.ISSUE_CLASSIFICATION] = f.issueClassification;
  writeU16(b, o + L.ISSUE_SUB_TYPE, f.issueSubType);
  b[o + L.AUTHENTICITY] = f.authenticity;
  b[o + L.SHORT_SALE_THRESHOLD] = f.shortSaleThreshold;
  b[o + L.IPO_FLAG] = f.ipoFlag;
  b[o + L.LULD_TIER] = f.luldTier;
  b[o + L.ETP_FLAG] = f.etpFlag;
  writeU32(b, o + L.ETP_LEVERAGE_FACTOR, f.etpLeverageFactor);
  b[o + L.INVERSE_INDICATOR] = f.inverseIndicator;
  return len;
}

/** 'H' stock trading action (25 bytes). */
export function encodeStockTradingAction(b: Uint8Array, o: number, f: StockTradingActionFields): number {
  const len = ItchLength.STOCK_TRADING_ACTION;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.STOCK_TRADING_ACTION, f);
  writeStockKey(b, o + STOCK_TRADING_ACTION.STOCK, f.stock);
  b[o + STOCK_TRADING_ACTION.TRADING_STATE] = f.tradingState;
  b[o + STOCK_TRADING_ACTION.RESERVED] = f.reserved;
  writeU32(b, o + STOCK_TRADING_ACTION.REASON, f.reason);
  return len;
}

/** 'Y' Reg SHO short sale price test restricted indicator (20 bytes). */
export function encodeRegShoRestriction(b: Uint8Array, o: number, f: RegShoRestrictionFields): number {
  const len = ItchLength.REG_SHO_RESTRICTION;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.REG_SHO_RESTRICTION, f);
  writeStockKey(b, o + REG_SHO_RESTRICTION.STOCK, f.stock);
  b[o + REG_SHO_RESTRICTION.ACTION] = f.regShoAction;
  return len;
}

/** 'L' market participant position (26 bytes). */
export function encodeMarketParticipantPosition(
  b: Uint8Array,
  o: number,
  f: MarketParticipantPositionFields,
): number {
  const len = ItchLength.MARKET_PARTICIPANT_POSITION;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  const L = MARKET_PARTICIPANT_POSITION;
  writeHeader(b, o, ItchType.MARKET_PARTICIPANT_POSITION, f);
  writeU32(b, o + L.MPID, f.mpid);
  writeStockKey(b, o + L.STOCK, f.stock);
  b[o + L.PRIMARY_MARKET_MAKER] = f.primaryMarketMaker;
  b[o + L.MARKET_MAKER_MODE] = f.marketMakerMode;
  b[o + L.PARTICIPANT_STATE] = f.participantState;
  return len;
}

/** 'V' MWCB decline level (35 bytes), Price(8) levels. */
export function encodeMwcbDeclineLevel(b: Uint8Array, o: number, f: MwcbDeclineLevelFields): number {
  const len = ItchLength.MWCB_DECLINE_LEVEL;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.MWCB_DECLINE_LEVEL, f);
  writeU64(b, o + MWCB_DECLINE_LEVEL.LEVEL_1, f.level1);
  writeU64(b, o + MWCB_DECLINE_LEVEL.LEVEL_2, f.level2);
  writeU64(b, o + MWCB_DECLINE_LEVEL.LEVEL_3, f.level3);
  return len;
}

/** 'W' MWCB status (12 bytes). */
export function encodeMwcbStatus(b: Uint8Array, o: number, f: MwcbStatusFields): number {
  const len = ItchLength.MWCB_STATUS;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.MWCB_STATUS, f);
  b[o + MWCB_STATUS.BREACHED_LEVEL] = f.breachedLevel;
  return len;
}

/** 'K' IPO quoting period update (28 bytes). */
export function encodeIpoQuotingPeriod(b: Uint8Array, o: number, f: IpoQuotingPeriodFields): number {
  const len = ItchLength.IPO_QUOTING_PERIOD;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.IPO_QUOTING_PERIOD, f);
  writeStockKey(b, o + IPO_QUOTING_PERIOD.STOCK, f.stock);
  writeU32(b, o + IPO_QUOTING_PERIOD.RELEASE_TIME, f.releaseTime);
  b[o + IPO_QUOTING_PERIOD.RELEASE_QUALIFIER] = f.releaseQualifier;
  writeU32(b, o + IPO_QUOTING_PERIOD.IPO_PRICE, f.ipoPrice);
  return len;
}

/** 'J' LULD auction collar (35 bytes). */
export function encodeLuldAuctionCollar(b: Uint8Array, o: number, f: LuldAuctionCollarFields): number {
  const len = ItchLength.LULD_AUCTION_COLLAR;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.LULD_AUCTION_COLLAR, f);
  writeStockKey(b, o + LULD_AUCTION_COLLAR.STOCK, f.stock);
  writeU32(b, o + LULD_AUCTION_COLLAR.REFERENCE_PRICE, f.referencePrice);
  writeU32(b, o + LULD_AUCTION_COLLAR.UPPER_PRICE, f.upperPrice);
  writeU32(b, o + LULD_AUCTION_COLLAR.LOWER_PRICE, f.lowerPrice);
  writeU32(b, o + LULD_AUCTION_COLLAR.EXTENSION, f.extension);
  return len;
}

/** 'h' operational halt (21 bytes). */
export function encodeOperationalHalt(b: Uint8Array, o: number, f: OperationalHaltFields): number {
  const len = ItchLength.OPERATIONAL_HALT;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.OPERATIONAL_HALT, f);
  writeStockKey(b, o + OPERATIONAL_HALT.STOCK, f.stock);
  b[o + OPERATIONAL_HALT.MARKET_CODE] = f.marketCode;
  b[o + OPERATIONAL_HALT.HALT_ACTION] = f.haltAction;
  return len;
}

/** 'I' net order imbalance indicator (50 bytes). */
export function encodeNoii(b: Uint8Array, o: number, f: NoiiFields): number {
  const len = ItchLength.NOII;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.NOII, f);
  writeU64(b, o + NOII.PAIRED_SHARES, f.pairedShares);
  writeU64(b, o + NOII.IMBALANCE_SHARES, f.imbalanceShares);
  b[o + NOII.IMBALANCE_DIRECTION] = f.imbalanceDirection;
  writeStockKey(b, o + NOII.STOCK, f.stock);
  writeU32(b, o + NOII.FAR_PRICE, f.farPrice);
  writeU32(b, o + NOII.NEAR_PRICE, f.nearPrice);
  writeU32(b, o + NOII.CURRENT_REFERENCE_PRICE, f.currentReferencePrice);
  b[o + NOII.CROSS_TYPE] = f.crossType;
  b[o + NOII.PRICE_VARIATION] = f.priceVariation;
  return len;
}

/** 'N' retail price improvement indicator (20 bytes). */
export function encodeRpii(b: Uint8Array, o: number, f: RpiiFields): number {
  const len = ItchLength.RPII;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  writeHeader(b, o, ItchType.RPII, f);
  writeStockKey(b, o + RPII.STOCK, f.stock);
  b[o + RPII.INTEREST_FLAG] = f.interestFlag;
  return len;
}

/** 'O' direct listing with capital raise price discovery (48 bytes). */
export function encodeDlcrPriceDiscovery(b: Uint8Array, o: number, f: DlcrPriceDiscoveryFields): number {
  const len = ItchLength.DLCR_PRICE_DISCOVERY;
  if (!hasRoom(b, o, len)) return ItchStatus.NO_ROOM;
  const L = DLCR_PRICE_DISCOVERY;
  writeHeader(b, o, ItchType.DLCR_PRICE_DISCOVERY, f);
  writeStockKey(b, o + L.STOCK, f.stock);
  b[o + L.OPEN_ELIGIBILITY] = f.openEligibility;
  writeU32(b, o + L.MIN_ALLOWABLE_PRICE, f.minAllowablePrice);
  writeU32(b, o + L.MAX_ALLOWABLE_PRICE, f.maxAllowablePrice);
  writeU32(b, o + L.NEAR_EXECUTION_PRICE, f.nearExecutionPrice);
  writeU64(b, o + L.NEAR_EXECUTION_TIME, f.nearExecutionTime);
  writeU32(b, o + L.LOWER_PRICE_COLLAR, f.lowerPriceCollar);
  writeU32(b, o + L.UPPER_PRICE_COLLAR, f.upperPriceCollar);
  return len;
}
