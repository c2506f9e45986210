// One small writer per ITCH message type: copies the fields of the message the decoder just
// wrapped into the market event the normalizer has begun (MarketEventWriter.begin), and the
// ITCH type → event type map.
//
// Why a table of little classes and not one switch: a double (order ref, match number, exchange
// timestamp) returned from a flyweight getter that TurboFan did not inline is boxed into a new
// HeapNumber. One big function runs out of V8's inlining budget (920 bytecodes cumulative) long
// before it has inlined every getter, and allocates per event (measured: 13-35 scavenges per
// 10 M messages). Called through a table, the call site sees more than four classes, goes
// megamorphic and is never inlined, so each write() is optimized on its own, with a budget its
// handful of getters fits in (the largest, U, needs about 750 of 920), and no double ever
// crosses a call boundary. begin() (216 bytecodes) stays in the normalizer for that reason.
import { ItchType } from '@ringside/protocols';
import type {
  AddOrderMessage,
  AddOrderMpidMessage,
  BrokenTradeMessage,
  CrossTradeMessage,
  ItchDecoder,
  ItchFlyweight,
  OrderCancelMessage,
  OrderDeleteMessage,
  OrderExecutedMessage,
  OrderExecutedWithPriceMessage,
  OrderReplaceMessage,
  StockDirectoryMessage,
  StockTradingActionMessage,
  SystemEventMessage,
  TradeMessage,
} from '@ringside/protocols';
import { MarketEventDescriptor, MarketEventType } from '../events/market-event-descriptor.ts';
import type { MarketEventWriter } from '../events/market-event-writer.ts';

/** Administrative types published as the generic ADMIN event. */
const ADMIN_TYPES: readonly number[] = [
  ItchType.REG_SHO_RESTRICTION,
  ItchType.MARKET_PARTICIPANT_POSITION,
  ItchType.MWCB_DECLINE_LEVEL,
  ItchType.MWCB_STATUS,
  ItchType.IPO_QUOTING_PERIOD,
  ItchType.LULD_AUCTION_COLLAR,
  ItchType.OPERATIONAL_HALT,
];

export interface ItchEventWriter {
  /** Fills the begun event with the fields of the decoder's wrapped message of this type. */
  write(): void;
}

abstract class BaseWriter<M> implements ItchEventWriter {
  protected readonly m: M;
  protected readonly out: MarketEventWriter;
  /** [feed sequence, ingest stamp] of the message being normalized. */
  protected readonly feed: Float64Array;

  constructor(m: M, out: MarketEventWriter, feed: Float64Array) {
    this.m = m;
    this.out = out;
    this.feed = feed;
  }

  abstract write(): void;
}

class AddOrderWriter extends BaseWriter<AddOrderMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, m.side);
    out.setExchangeNs(m.timestamp);
    out.setOrderRef(m.orderRef);
    out.setPrice(m.price);
    out.setQuantity(m.shares);
  }
}

class AddOrderMpidWriter extends BaseWriter<AddOrderMpidMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, m.side);
    out.setExchangeNs(m.timestamp);
    out.setOrderRef(m.orderRef);
    out.setPrice(m.price);
    out.setQuantity(m.shares);
    out.setAux(m.attribution | 0);
  }
}

class ExecutedWriter extends BaseWriter<OrderExecutedMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setOrderRef(m.orderRef);
    out.setRef2(m.matchNumber);
    out.setQuantity(m.executedShares);
  }
}

class ExecutedWithPriceWriter extends BaseWriter<OrderExecutedWithPriceMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setOrderRef(m.orderRef);
    out.setRef2(m.matchNumber);
    out.setQuantity(m.executedShares);
    out.setPrice(m.executionPrice);
    out.setAux(m.printable);
  }
}

class CancelWriter extends BaseWriter<OrderCancelMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setOrderRef(m.orderRef);
    out.setQuantity(m.cancelledShares);
  }
}

class DeleteWriter extends BaseWriter<OrderDeleteMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setOrderRef(m.orderRef);
  }
}

class ReplaceWriter extends BaseWriter<OrderReplaceMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setOrderRef(m.originalRef);
    out.setRef2(m.newRef);
    out.setPrice(m.price);
    out.setQuantity(m.shares);
  }
}

class TradeWriter extends BaseWriter<TradeMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, m.side);
    out.setExchangeNs(m.timestamp);
    out.setOrderRef(m.orderRef);
    out.setRef2(m.matchNumber);
    out.setPrice(m.price);
    out.setQuantity(m.shares);
  }
}

class CrossWriter extends BaseWriter<CrossTradeMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setRef2(m.matchNumber);
    out.setPrice(m.price);
    const shares = m.shares;
    out.setQuantity(
      shares > MarketEventDescriptor.MAX_QUANTITY ? MarketEventDescriptor.MAX_QUANTITY : shares,
    );
    out.setAux(m.crossType);
  }
}

class BrokenTradeWriter extends BaseWriter<BrokenTradeMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setRef2(m.matchNumber);
  }
}

class SystemEventWriter extends BaseWriter<SystemEventMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setAux(m.eventCode);
  }
}

class DirectoryWriter extends BaseWriter<StockDirectoryMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setRef2(m.stock);
    out.setAux(m.roundLotSize | 0);
  }
}

class TradingActionWriter extends BaseWriter<StockTradingActionMessage> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
    out.setRef2(m.stock);
    out.setAux(m.tradingState);
  }
}

/** Y L V W K J h: the generic ADMIN event (locate, timestamp, ITCH type), one per type. */
class AdminWriter extends BaseWriter<ItchFlyweight> {
  write(): void {
    const m = this.m;
    const out = this.out;
    out.setInstrument(m.stockLocate, 0);
    out.setExchangeNs(m.timestamp);
  }
}

/** ITCH type byte → MarketEventType (0: not published — counted only, or no such type). */
export const EVENT_TYPE_BY_ITCH_TYPE: Uint8Array = (() => {
  const t = new Uint8Array(256);
  t[ItchType.ADD_ORDER] = MarketEventType.ADD;
  t[ItchType.ADD_ORDER_MPID] = MarketEventType.ADD;
  t[ItchType.ORDER_EXECUTED] = MarketEventType.EXECUTE;
  t[ItchType.ORDER_EXECUTED_WITH_PRICE] = MarketEventType.EXECUTE;
  t[ItchType.ORDER_CANCEL] = MarketEventType.CANCEL;
  t[ItchType.ORDER_DELETE] = MarketEventType.DELETE;
  t[ItchType.ORDER_REPLACE] = MarketEventType.REPLACE;
  t[ItchType.TRADE] = MarketEventType.TRADE;
  t[ItchType.CROSS_TRADE] = MarketEventType.CROSS;
  t[ItchType.BROKEN_TRADE] = MarketEventType.BROKEN_TRADE;
  t[ItchType.SYSTEM_EVENT] = MarketEventType.SYSTEM;
  t[ItchType.STOCK_DIRECTORY] = MarketEventType.DIRECTORY;
  t[ItchType.STOCK_TRADING_ACTION] = MarketEventType.TRADING_ACTION;
  for (const a of ADMIN_TYPES) t[a] = MarketEventType.ADMIN;
  return t;
})();

/**
 * The writer of each ITCH type byte (index), bound to the decoder's flyweights; undefined for
 * the types that are only counted (I, N, O) and for bytes that are no ITCH type.
 */
export function itchEventWriters(
  d: ItchDecoder,
  out: MarketEventWriter,
  feed: Float64Array,
): (ItchEventWriter | undefined)[] {
  const table = new Array<ItchEventWriter | undefined>(256).fill(undefined);
  table[ItchType.ADD_ORDER] = new AddOrderWriter(d.addOrder, out, feed);
  table[ItchType.ADD_ORDER_MPID] = new AddOrderMpidWriter(d.addOrderMpid, out, feed);
  table[ItchType.ORDER_EXECUTED] = new ExecutedWriter(d.orderExecuted, out, feed);
  table[ItchType.ORDER_EXECUTED_WITH_PRICE] = new ExecutedWithPriceWriter(
    d.orderExecutedWithPrice,
    out,
    feed,
  );
  table[ItchType.ORDER_CANCEL] = new CancelWriter(d.orderCancel, out, feed);
  table[ItchType.ORDER_DELETE] = new DeleteWriter(d.orderDelete, out, feed);
  table[ItchType.ORDER_REPLACE] = new ReplaceWriter(d.orderReplace, out, feed);
  table[ItchType.TRADE] = new TradeWriter(d.trade, out, feed);
  table[ItchType.CROSS_TRADE] = new CrossWriter(d.crossTrade, out, feed);
  table[ItchType.BROKEN_TRADE] = new BrokenTradeWriter(d.brokenTrade, out, feed);
  table[ItchType.SYSTEM_EVENT] = new SystemEventWriter(d.systemEvent, out, feed);
  table[ItchType.STOCK_DIRECTORY] = new DirectoryWriter(d.stockDirectory, out, feed);
  table[ItchType.STOCK_TRADING_ACTION] = new TradingActionWriter(d.stockTradingAction, out, feed);
  const admin: ItchFlyweight[] = [
    d.regShoRestriction,
    d.marketParticipantPosition,
    d.mwcbDeclineLevel,
    d.mwcbStatus,
    d.ipoQuotingPeriod,
    d.luldAuctionCollar,
    d.operationalHalt,
  ];
  ADMIN_TYPES.forEach((type, i) => (table[type] = new AdminWriter(admin[i]!, out, feed)));
  return table;
}
