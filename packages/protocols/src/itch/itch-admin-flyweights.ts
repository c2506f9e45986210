// Decoders of the system and stock-administration messages: S R H Y L V W K J h. Enumerated
// fields are checked against the spec's value lists on wrap; free-form alpha fields (reason,
// MPID, issue sub-type) are returned as integers and not judged.
import { isSafeU64, readU16, readU32, readU64 } from './itch-bytes.ts';
import { Valid } from './itch-codes.ts';
import {
  IPO_QUOTING_PERIOD,
  ItchLength,
  ItchType,
  LULD_AUCTION_COLLAR,
  MARKET_PARTICIPANT_POSITION,
  MWCB_DECLINE_LEVEL,
  MWCB_STATUS,
  OPERATIONAL_HALT,
  REG_SHO_RESTRICTION,
  STOCK_DIRECTORY,
  STOCK_TRADING_ACTION,
  SYSTEM_EVENT,
} from './itch-descriptor.ts';
import { checkFrame, checkStock, ItchFlyweight, ItchStockFlyweight } from './itch-flyweight.ts';
import { ItchStatus } from './itch-status.ts';

const OK = ItchStatus.OK;
const BAD = ItchStatus.BAD_FIELD_VALUE;
const SECONDS_PER_DAY = 86_400;

/** 1 when byte `b[at]` is in `table`. */
function ok(table: Uint8Array, b: Uint8Array, at: number): boolean {
  return table[b[at]!] === 1;
}

/** 'S' system event. */
export class SystemEventMessage extends ItchFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.SYSTEM_EVENT, ItchLength.SYSTEM_EVENT);
    if (s !== OK) return s;
    return ok(Valid.EVENT_CODE, b, o + SYSTEM_EVENT.EVENT_CODE) ? this.attach(b, o) : BAD;
  }

  get eventCode(): number {
    return this.buffer[this.offset + SYSTEM_EVENT.EVENT_CODE]!;
  }
}

function checkDirectory(b: Uint8Array, o: number): number {
  const L = STOCK_DIRECTORY;
  const good =
    ok(Valid.MARKET_CATEGORY, b, o + L.MARKET_CATEGORY) &&
    ok(Valid.FINANCIAL_STATUS, b, o + L.FINANCIAL_STATUS) &&
    ok(Valid.YES_NO, b, o + L.ROUND_LOTS_ONLY) &&
    ok(Valid.ISSUE_CLASSIFICATION, b, o + L.ISSUE_CLASSIFICATION) &&
    ok(Valid.AUTHENTICITY, b, o + L.AUTHENTICITY) &&
    ok(Valid.YES_NO_SPACE, b, o + L.SHORT_SALE_THRESHOLD) &&
    ok(Valid.YES_NO_SPACE, b, o + L.IPO_FLAG) &&
    ok(Valid.LULD_TIER, b, o + L.LULD_TIER) &&
    ok(Valid.YES_NO_SPACE, b, o + L.ETP_FLAG) &&
    ok(Valid.YES_NO, b, o + L.INVERSE_INDICATOR);
  return good ? checkStock(b, o + L.STOCK) : BAD;
}

/** 'R' stock directory. */
export class StockDirectoryMessage extends ItchStockFlyweight {
  constructor() {
    super(STOCK_DIRECTORY.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.STOCK_DIRECTORY, ItchLength.STOCK_DIRECTORY);
    if (s !== OK) return s;
    const v = checkDirectory(b, o);
    return v !== OK ? v : this.attach(b, o);
  }

  get marketCategory(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.MARKET_CATEGORY]!;
  }
  get financialStatus(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.FINANCIAL_STATUS]!;
  }
  get roundLotSize(): number {
    return readU32(this.buffer, this.offset + STOCK_DIRECTORY.ROUND_LOT_SIZE);
  }
  get roundLotsOnly(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.ROUND_LOTS_ONLY]!;
  }
  get issueClassification(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.ISSUE_CLASSIFICATION]!;
  }
  /** 2-byte alpha as u16 (`alpha2ToString` for display). */
  get issueSubType(): number {
    return readU16(this.buffer, this.offset + STOCK_DIRECTORY.ISSUE_SUB_TYPE);
  }
  get authenticity(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.AUTHENTICITY]!;
  }
  get shortSaleThreshold(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.SHORT_SALE_THRESHOLD]!;
  }
  get ipoFlag(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.IPO_FLAG]!;
  }
  get luldTier(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.LULD_TIER]!;
  }
  get etpFlag(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.ETP_FLAG]!;
  }
  get etpLeverageFactor(): number {
    return readU32(this.buffer, this.offset + STOCK_DIRECTORY.ETP_LEVERAGE_FACTOR);
  }
  get inverseIndicator(): number {
    return this.buffer[this.offset + STOCK_DIRECTORY.INVERSE_INDICATOR]!;
  }
}

/** 'H' stock trading action (halt, pause, quotation only, trading). */
export class StockTradingActionMessage extends ItchStockFlyweight {
  constructor() {
    super(STOCK_TRADING_ACTION.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.STOCK_TRADING_ACTION, ItchLength.STOCK_TRADING_ACTION);
    if (s !== OK) return s;
    if (!ok(Valid.TRADING_STATE, b, o + STOCK_TRADING_ACTION.TRADING_STATE)) return BAD;
    const v = checkStock(b, o + STOCK_TRADING_ACTION.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  get tradingState(): number {
    return this.buffer[this.offset + STOCK_TRADING_ACTION.TRADING_STATE]!;
  }
  get reserved(): number {
    return this.buffer[this.offset + STOCK_TRADING_ACTION.RESERVED]!;
  }
  /** 4-byte alpha reason code as u32 (`alpha4ToString` for display). */
  get reason(): number {
    return readU32(this.buffer, this.offset + STOCK_TRADING_ACTION.REASON);
  }
}

/** 'Y' Reg SHO short sale price test restricted indicator. */
export class RegShoRestrictionMessage extends ItchStockFlyweight {
  constructor() {
    super(REG_SHO_RESTRICTION.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.REG_SHO_RESTRICTION, ItchLength.REG_SHO_RESTRICTION);
    if (s !== OK) return s;
    if (!ok(Valid.REG_SHO_ACTION, b, o + REG_SHO_RESTRICTION.ACTION)) return BAD;
    const v = checkStock(b, o + REG_SHO_RESTRICTION.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  get regShoAction(): number {
    return this.buffer[this.offset + REG_SHO_RESTRICTION.ACTION]!;
  }
}

/** 'L' market participant position. */
export class MarketParticipantPositionMessage extends ItchStockFlyweight {
  constructor() {
    super(MARKET_PARTICIPANT_POSITION.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const L = MARKET_PARTICIPANT_POSITION;
    const s = checkFrame(
      b,
      o,
      len,
      ItchType.MARKET_PARTICIPANT_POSITION,
      ItchLength.MARKET_PARTICIPANT_POSITION,
    );
    if (s !== OK) return s;
    const good =
      ok(Valid.YES_NO, b, o + L.PRIMARY_MARKET_MAKER) &&
      ok(Valid.MARKET_MAKER_MODE, b, o + L.MARKET_MAKER_MODE) &&
      ok(Valid.PARTICIPANT_STATE, b, o + L.PARTICIPANT_STATE);
    if (!good) return BAD;
    const v = checkStock(b, o + L.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  /** 4-byte alpha MPID as u32. */
  get mpid(): number {
    return readU32(this.buffer, this.offset + MARKET_PARTICIPANT_POSITION.MPID);
  }
  get primaryMarketMaker(): number {
    return this.buffer[this.offset + MARKET_PARTICIPANT_POSITION.PRIMARY_MARKET_MAKER]!;
  }
  get marketMakerMode(): number {
    return this.buffer[this.offset + MARKET_PARTICIPANT_POSITION.MARKET_MAKER_MODE]!;
  }
  get participantState(): number {
    return this.buffer[this.offset + MARKET_PARTICIPANT_POSITION.PARTICIPANT_STATE]!;
  }
}

/** 'V' MWCB decline levels, Price(8) (8 implied decimals). */
export class MwcbDeclineLevelMessage extends ItchFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const L = MWCB_DECLINE_LEVEL;
    const s = checkFrame(b, o, len, ItchType.MWCB_DECLINE_LEVEL, ItchLength.MWCB_DECLINE_LEVEL);
    if (s !== OK) return s;
    const safe = isSafeU64(b, o + L.LEVEL_1) && isSafeU64(b, o + L.LEVEL_2) && isSafeU64(b, o + L.LEVEL_3);
    return safe ? this.attach(b, o) : ItchStatus.UNSAFE_INTEGER;
  }

  get level1(): number {
    return readU64(this.buffer, this.offset + MWCB_DECLINE_LEVEL.LEVEL_1);
  }
  get level2(): number {
    return readU64(this.buffer, this.offset + MWCB_DECLINE_LEVEL.LEVEL_2);
  }
  get level3(): number {
    return readU64(this.buffer, this.offset + MWCB_DECLINE_LEVEL.LEVEL_3);
  }
}

/** 'W' MWCB status: a level was breached. */
export class MwcbStatusMessage extends ItchFlyweight {
  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.MWCB_STATUS, ItchLength.MWCB_STATUS);
    if (s !== OK) return s;
    return ok(Valid.BREACHED_LEVEL, b, o + MWCB_STATUS.BREACHED_LEVEL) ? this.attach(b, o) : BAD;
  }

  get breachedLevel(): number {
    return this.buffer[this.offset + MWCB_STATUS.BREACHED_LEVEL]!;
  }
}

/** 'K' IPO quoting period update. */
export class IpoQuotingPeriodMessage extends ItchStockFlyweight {
  constructor() {
    super(IPO_QUOTING_PERIOD.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const L = IPO_QUOTING_PERIOD;
    const s = checkFrame(b, o, len, ItchType.IPO_QUOTING_PERIOD, ItchLength.IPO_QUOTING_PERIOD);
    if (s !== OK) return s;
    if (!ok(Valid.IPO_RELEASE_QUALIFIER, b, o + L.RELEASE_QUALIFIER)) return BAD;
    if (readU32(b, o + L.RELEASE_TIME) >= SECONDS_PER_DAY) return BAD;
    const v = checkStock(b, o + L.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  /** Seconds since midnight (0 when cancelled/postponed). */
  get releaseTime(): number {
    return readU32(this.buffer, this.offset + IPO_QUOTING_PERIOD.RELEASE_TIME);
  }
  get releaseQualifier(): number {
    return this.buffer[this.offset + IPO_QUOTING_PERIOD.RELEASE_QUALIFIER]!;
  }
  /** Price(4). */
  get ipoPrice(): number {
    return readU32(this.buffer, this.offset + IPO_QUOTING_PERIOD.IPO_PRICE);
  }
}

/** 'J' LULD auction collar. */
export class LuldAuctionCollarMessage extends ItchStockFlyweight {
  constructor() {
    super(LULD_AUCTION_COLLAR.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.LULD_AUCTION_COLLAR, ItchLength.LULD_AUCTION_COLLAR);
    if (s !== OK) return s;
    const v = checkStock(b, o + LULD_AUCTION_COLLAR.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  get referencePrice(): number {
    return readU32(this.buffer, this.offset + LULD_AUCTION_COLLAR.REFERENCE_PRICE);
  }
  get upperPrice(): number {
    return readU32(this.buffer, this.offset + LULD_AUCTION_COLLAR.UPPER_PRICE);
  }
  get lowerPrice(): number {
    return readU32(this.buffer, this.offset + LULD_AUCTION_COLLAR.LOWER_PRICE);
  }
  get extension(): number {
    return readU32(this.buffer, this.offset + LULD_AUCTION_COLLAR.EXTENSION);
  }
}

/** 'h' operational halt on one NASDAQ market center. */
export class OperationalHaltMessage extends ItchStockFlyweight {
  constructor() {
    super(OPERATIONAL_HALT.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.OPERATIONAL_HALT, ItchLength.OPERATIONAL_HALT);
    if (s !== OK) return s;
    const good =
      ok(Valid.MARKET_CODE, b, o + OPERATIONAL_HALT.MARKET_CODE) &&
      ok(Valid.HALT_ACTION, b, o + OPERATIONAL_HALT.HALT_ACTION);
    if (!good) return BAD;
    const v = checkStock(b, o + OPERATIONAL_HALT.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  get marketCode(): number {
    return this.buffer[this.offset + OPERATIONAL_HALT.MARKET_CODE]!;
  }
  get haltAction(): number {
    return this.buffer[this.offset + OPERATIONAL_HALT.HALT_ACTION]!;
  }
}
