// Decoders of the auction and retail-interest messages: I (NOII), N (RPII), O (DLCR price
// discovery).
import { isSafeU64, readU32, readU64 } from './itch-bytes.ts';
import { Valid } from './itch-codes.ts';
import { DLCR_PRICE_DISCOVERY, ItchLength, ItchType, NOII, RPII } from './itch-descriptor.ts';
import { checkFrame, checkStock, ItchStockFlyweight } from './itch-flyweight.ts';
import { ItchStatus } from './itch-status.ts';

const OK = ItchStatus.OK;
const BAD = ItchStatus.BAD_FIELD_VALUE;

/** 'I' net order imbalance indicator. */
export class NoiiMessage extends ItchStockFlyweight {
  constructor() {
    super(NOII.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.NOII, ItchLength.NOII);
    if (s !== OK) return s;
    if (!isSafeU64(b, o + NOII.PAIRED_SHARES) || !isSafeU64(b, o + NOII.IMBALANCE_SHARES)) {
      return ItchStatus.UNSAFE_INTEGER;
    }
    const good =
      Valid.IMBALANCE_DIRECTION[b[o + NOII.IMBALANCE_DIRECTION]!] === 1 &&
      Valid.CROSS_TYPE_NOII[b[o + NOII.CROSS_TYPE]!] === 1 &&
      Valid.PRICE_VARIATION[b[o + NOII.PRICE_VARIATION]!] === 1;
    if (!good) return BAD;
    const v = checkStock(b, o + NOII.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  get pairedShares(): number {
    return readU64(this.buffer, this.offset + NOII.PAIRED_SHARES);
  }
  get imbalanceShares(): number {
    return readU64(this.buffer, this.offset + NOII.IMBALANCE_SHARES);
  }
  get imbalanceDirection(): number {
    return this.buffer[this.offset + NOII.IMBALANCE_DIRECTION]!;
  }
  /** Price(4). */
  get farPrice(): number {
    return readU32(this.buffer, this.offset + NOII.FAR_PRICE);
  }
  get nearPrice(): number {
    return readU32(this.buffer, this.offset + NOII.NEAR_PRICE);
  }
  get currentReferencePrice(): number {
    return readU32(this.buffer, this.offset + NOII.CURRENT_REFERENCE_PRICE);
  }
  get crossType(): number {
    return this.buffer[this.offset + NOII.CROSS_TYPE]!;
  }
  get priceVariation(): number {
    return this.buffer[this.offset + NOII.PRICE_VARIATION]!;
  }
}

/** 'N' retail price improvement indicator. */
export class RpiiMessage extends ItchStockFlyweight {
  constructor() {
    super(RPII.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const s = checkFrame(b, o, len, ItchType.RPII, ItchLength.RPII);
    if (s !== OK) return s;
    if (Valid.INTEREST_FLAG[b[o + RPII.INTEREST_FLAG]!] !== 1) return BAD;
    const v = checkStock(b, o + RPII.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  get interestFlag(): number {
    return this.buffer[this.offset + RPII.INTEREST_FLAG]!;
  }
}

/** 'O' direct listing with capital raise: price discovery. */
export class DlcrPriceDiscoveryMessage extends ItchStockFlyweight {
  constructor() {
    super(DLCR_PRICE_DISCOVERY.STOCK);
  }

  wrap(b: Uint8Array, o: number, len: number): number {
    const L = DLCR_PRICE_DISCOVERY;
    const s = checkFrame(b, o, len, ItchType.DLCR_PRICE_DISCOVERY, ItchLength.DLCR_PRICE_DISCOVERY);
    if (s !== OK) return s;
    if (!isSafeU64(b, o + L.NEAR_EXECUTION_TIME)) return ItchStatus.UNSAFE_INTEGER;
    if (Valid.YES_NO[b[o + L.OPEN_ELIGIBILITY]!] !== 1) return BAD;
    const v = checkStock(b, o + L.STOCK);
    return v !== OK ? v : this.attach(b, o);
  }

  get openEligibility(): number {
    return this.buffer[this.offset + DLCR_PRICE_DISCOVERY.OPEN_ELIGIBILITY]!;
  }
  get minAllowablePrice(): number {
    return readU32(this.buffer, this.offset + DLCR_PRICE_DISCOVERY.MIN_ALLOWABLE_PRICE);
  }
  get maxAllowablePrice(): number {
    return readU32(this.buffer, this.offset + DLCR_PRICE_DISCOVERY.MAX_ALLOWABLE_PRICE);
  }
  get nearExecutionPrice(): number {
    return readU32(this.buffer, this.offset + DLCR_PRICE_DISCOVERY.NEAR_EXECUTION_PRICE);
  }
  /** Nanoseconds (8-byte field, exact below 2^53). */
  get nearExecutionTime(): number {
    return readU64(this.buffer, this.offset + DLCR_PRICE_DISCOVERY.NEAR_EXECUTION_TIME);
  }
  get lowerPriceCollar(): number {
    return readU32(this.buffer, this.offset + DLCR_PRICE_DISCOVERY.LOWER_PRICE_COLLAR);
  }
  get upperPriceCollar(): number {
    return readU32(this.buffer, this.offset + DLCR_PRICE_DISCOVERY.UPPER_PRICE_COLLAR);
  }
}
