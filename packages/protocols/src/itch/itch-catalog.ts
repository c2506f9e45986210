// A catalogue of the 23 ITCH 5.0 messages: name, type byte, length, each field's kind, the
// encoder and the decoder's flyweight. For code that handles messages generically — logging,
// replay tools, generators and property tests — never for the hot path (use the typed
// encoders and `ItchDecoder` flyweights there).
import type { VALID_CHARS } from './itch-codes.ts';
import { ItchLength, ItchType } from './itch-descriptor.ts';
import type { ItchDecoder } from './itch-decoder.ts';
import * as admin from './itch-encode-admin.ts';
import * as orders from './itch-encode-orders.ts';
import type { ItchFlyweight } from './itch-flyweight.ts';

/**
 * What a field holds. Integers: u8/u16/u32, u64 (< 2^53), timestamp (ns < 24 h), seconds
 * (< 86400), price4 (Price(4) <= 200,000.0000), price8 (Price(8), < 2^53); stock (stock key);
 * alpha2/alpha4 (2/4 ASCII bytes as u16/u32); or the name of an enumerated set in VALID_CHARS.
 */
export type ItchFieldKind =
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 'timestamp'
  | 'seconds'
  | 'price4'
  | 'price8'
  | 'stock'
  | 'alpha2'
  | 'alpha4'
  | keyof typeof VALID_CHARS;

export type ItchFieldRecord = Record<string, number>;

export interface ItchMessageSpec {
  readonly name: keyof typeof ItchType;
  readonly type: number;
  readonly length: number;
  /** Field name → kind, header fields first, in wire order. */
  readonly fields: Readonly<Record<string, ItchFieldKind>>;
  readonly encode: (b: Uint8Array, o: number, f: ItchFieldRecord) => number;
  /** The decoder's flyweight for this type (wrapped after `decode` returned `type`). */
  readonly flyweight: (d: ItchDecoder) => ItchFlyweight;
}

const HEADER = { stockLocate: 'u16', trackingNumber: 'u16', timestamp: 'timestamp' } as const;

function spec<F>(
  name: keyof typeof ItchType,
  fields: Record<string, ItchFieldKind>,
  encode: (b: Uint8Array, o: number, f: F) => number,
  flyweight: (d: ItchDecoder) => ItchFlyweight,
): ItchMessageSpec {
  return {
    name,
    type: ItchType[name],
    length: ItchLength[name],
    fields: { ...HEADER, ...fields },
    // Safe: the record carries every field `fields` names, which are exactly F's keys.
    encode: encode as unknown as ItchMessageSpec['encode'],
    flyweight,
  };
}

const ADD = { orderRef: 'u64', side: 'SIDE', shares: 'u32', stock: 'stock', price: 'price4' } as const;
const EXEC = { orderRef: 'u64', executedShares: 'u32', matchNumber: 'u64' } as const;

export const ITCH_CATALOG: readonly ItchMessageSpec[] = [
  spec('SYSTEM_EVENT', { eventCode: 'EVENT_CODE' }, admin.encodeSystemEvent, (d) => d.systemEvent),
  spec(
    'STOCK_DIRECTORY',
    {
      stock: 'stock',
      marketCategory: 'MARKET_CATEGORY',
      financialStatus: 'FINANCIAL_STATUS',
      roundLotSize: 'u32',
      roundLotsOnly: 'YES_NO',
      issueClassification: 'ISSUE_CLASSIFICATION',
      issueSubType: 'alpha2',
      authenticity: 'AUTHENTICITY',
      shortSaleThreshold: 'YES_NO_SPACE',
      ipoFlag: 'YES_NO_SPACE',
      luldTier: 'LULD_TIER',
      etpFlag: 'YES_NO_SPACE',
      etpLeverageFactor: 'u32',
      inverseIndicator: 'YES_NO',
    },
    admin.encodeStockDirectory,
    (d) => d.stockDirectory,
  ),
  spec(
    'STOCK_TRADING_ACTION',
    { stock: 'stock', tradingState: 'TRADING_STATE', reserved: 'u8', reason: 'alpha4' },
    admin.encodeStockTradingAction,
    (d) => d.stockTradingAction,
  ),
  spec(
    'REG_SHO_RESTRICTION',
    { stock: 'stock', regShoAction: 'REG_SHO_ACTION' },
    admin.encodeRegShoRestriction,
    (d) => d.regShoRestriction,
  ),
  spec(
    'MARKET_PARTICIPANT_POSITION',
    {
      mpid: 'alpha4',
      stock: 'stock',
      primaryMarketMaker: 'YES_NO',
      marketMakerMode: 'MARKET_MAKER_MODE',
      participantState: 'PARTICIPANT_STATE',
    },
    admin.encodeMarketParticipantPosition,
    (d) => d.marketParticipantPosition,
  ),
  spec(
    'MWCB_DECLINE_LEVEL',
    { level1: 'price8', level2: 'price8', level3: 'price8' },
    admin.encodeMwcbDeclineLevel,
    (d) => d.mwcbDeclineLevel,
  ),
  spec('MWCB_STATUS', { breachedLevel: 'BREACHED_LEVEL' }, admin.encodeMwcbStatus, (d) => d.mwcbStatus),
  spec(
    'IPO_QUOTING_PERIOD',
    { stock: 'stock', releaseTime: 'seconds', releaseQualifier: 'IPO_RELEASE_QUALIFIER', ipoPrice: 'u32' },
    admin.encodeIpoQuotingPeriod,
    (d) => d.ipoQuotingPeriod,
  ),
  spec(
    'LULD_AUCTION_COLLAR',
    { stock: 'stock', referencePrice: 'u32', upperPrice: 'u32', lowerPrice: 'u32', extension: 'u32' },
    admin.encodeLuldAuctionCollar,
    (d) => d.luldAuctionCollar,
  ),
  spec(
    'OPERATIONAL_HALT',
    { stock: 'stock', marketCode: 'MARKET_CODE', haltAction: 'HALT_ACTION' },
    admin.encodeOperationalHalt,
    (d) => d.operationalHalt,
  ),
  spec('ADD_ORDER', ADD, orders.encodeAddOrder, (d) => d.addOrder),
  spec('ADD_ORDER_MPID', { ...ADD, attribution: 'alpha4' }, orders.encodeAddOrderMpid, (d) => d.addOrderMpid),
  spec('ORDER_EXECUTED', EXEC, orders.encodeOrderExecuted, (d) => d.orderExecuted),
  spec(
    'ORDER_EXECUTED_WITH_PRICE',
    { ...EXEC, printable: 'YES_NO', executionPrice: 'price4' },
    orders.encodeOrderExecutedWithPrice,
    (d) => d.orderExecutedWithPrice,
  ),
  spec(
    'ORDER_CANCEL',
    { orderRef: 'u64', cancelledShares: 'u32' },
    orders.encodeOrderCancel,
    (d) => d.orderCancel,
  ),
  spec('ORDER_DELETE', { orderRef: 'u64' }, orders.encodeOrderDelete, (d) => d.orderDelete),
  spec(
    'ORDER_REPLACE',
    { originalRef: 'u64', newRef: 'u64', shares: 'u32', price: 'price4' },
    orders.encodeOrderReplace,
    (d) => d.orderReplace,
  ),
  spec('TRADE', { ...ADD, matchNumber: 'u64' }, orders.encodeTrade, (d) => d.trade),
  spec(
    'CROSS_TRADE',
    { shares: 'u64', stock: 'stock', price: 'price4', matchNumber: 'u64', crossType: 'CROSS_TYPE_TRADE' },
    orders.encodeCrossTrade,
    (d) => d.crossTrade,
  ),
  spec('BROKEN_TRADE', { matchNumber: 'u64' }, orders.encodeBrokenTrade, (d) => d.brokenTrade),
  spec(
    'NOII',
    {
      pairedShares: 'u64',
      imbalanceShares: 'u64',
      imbalanceDirection: 'IMBALANCE_DIRECTION',
      stock: 'stock',
      farPrice: 'u32',
      nearPrice: 'u32',
      currentReferencePrice: 'u32',
      crossType: 'CROSS_TYPE_NOII',
      priceVariation: 'PRICE_VARIATION',
    },
    admin.encodeNoii,
    (d) => d.noii,
  ),
  spec('RPII', { stock: 'stock', interestFlag: 'INTEREST_FLAG' }, admin.encodeRpii, (d) => d.rpii),
  spec(
    'DLCR_PRICE_DISCOVERY',
    {
      stock: 'stock',
      openEligibility: 'YES_NO',
      minAllowablePrice: 'u32',
      maxAllowablePrice: 'u32',
      nearExecutionPrice: 'u32',
      nearExecutionTime: 'u64',
      lowerPriceCollar: 'u32',
      upperPriceCollar: 'u32',
    },
    admin.encodeDlcrPriceDiscovery,
    (d) => d.dlcrPriceDiscovery,
  ),
];

const BY_TYPE: (ItchMessageSpec | undefined)[] = new Array<ItchMessageSpec | undefined>(256);
for (const s of ITCH_CATALOG) BY_TYPE[s.type] = s;

/** The catalogue entry of a type byte, or undefined. */
export function itchSpecOf(type: number): ItchMessageSpec | undefined {
  return BY_TYPE[type & 0xff];
}

/**
 * Control plane (allocates): the fields of the message `decoder.decode` just returned `type`
 * for, as a plain record keyed like the encoders' field records. Undefined for a non-type.
 */
export function readItchFields(decoder: ItchDecoder, type: number): ItchFieldRecord | undefined {
  const s = itchSpecOf(type);
  if (s === undefined) return undefined;
  const fw = s.flyweight(decoder) as unknown as Record<string, number>;
  const out: ItchFieldRecord = {};
  for (const name of Object.keys(s.fields)) out[name] = fw[name]!;
  return out;
}
