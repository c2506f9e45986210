// One decoder per consumer thread: a flyweight per message type, preallocated, and a dispatch
// on the type byte. `decode` validates a message in place and returns its type byte (> 0) with
// the matching flyweight wrapped over it, or a negative ItchStatus that is also counted.
//
//   const t = decoder.decode(buf, off, len);
//   if (t === ItchType.ADD_ORDER) book.add(decoder.addOrder.orderRef, ...);
import { ItchType } from './itch-descriptor.ts';
import { ItchErrorCounters } from './itch-error-counters.ts';
import { ItchStatus } from './itch-status.ts';
import {
  IpoQuotingPeriodMessage,
  LuldAuctionCollarMessage,
  MarketParticipantPositionMessage,
  MwcbDeclineLevelMessage,
  MwcbStatusMessage,
  OperationalHaltMessage,
  RegShoRestrictionMessage,
  StockDirectoryMessage,
  StockTradingActionMessage,
  SystemEventMessage,
} from './itch-admin-flyweights.ts';
import { DlcrPriceDiscoveryMessage, NoiiMessage, RpiiMessage } from './itch-auction-flyweights.ts';
import {
  AddOrderMessage,
  AddOrderMpidMessage,
  OrderCancelMessage,
  OrderDeleteMessage,
  OrderExecutedMessage,
  OrderExecutedWithPriceMessage,
  OrderReplaceMessage,
} from './itch-order-flyweights.ts';
import { BrokenTradeMessage, CrossTradeMessage, TradeMessage } from './itch-trade-flyweights.ts';

export class ItchDecoder {
  readonly systemEvent = new SystemEventMessage();
  readonly stockDirectory = new StockDirectoryMessage();
  readonly stockTradingAction = new StockTradingActionMessage();
  readonly regShoRestriction = new RegShoRestrictionMessage();
  readonly marketParticipantPosition = new MarketParticipantPositionMessage();
  readonly mwcbDeclineLevel = new MwcbDeclineLevelMessage();
  readonly mwcbStatus = new MwcbStatusMessage();
  readonly ipoQuotingPeriod = new IpoQuotingPeriodMessage();
  readonly luldAuctionCollar = new LuldAuctionCollarMessage();
  readonly operationalHalt = new OperationalHaltMessage();
  readonly addOrder = new AddOrderMessage();
  readonly addOrderMpid = new AddOrderMpidMessage();
  readonly orderExecuted = new OrderExecutedMessage();
  readonly orderExecutedWithPrice = new OrderExecutedWithPriceMessage();
  readonly orderCancel = new OrderCancelMessage();
  readonly orderDelete = new OrderDeleteMessage();
  readonly orderReplace = new OrderReplaceMessage();
  readonly trade = new TradeMessage();
  readonly crossTrade = new CrossTradeMessage();
  readonly brokenTrade = new BrokenTradeMessage();
  readonly noii = new NoiiMessage();
  readonly rpii = new RpiiMessage();
  readonly dlcrPriceDiscovery = new DlcrPriceDiscoveryMessage();
  readonly errors: ItchErrorCounters;

  constructor(errors: ItchErrorCounters = new ItchErrorCounters()) {
    this.errors = errors;
  }

  /**
   * Validates the message at `b[o .. o+len)` and wraps its flyweight. Returns the type byte, or a
   * negative ItchStatus (counted in `errors`, detail = the type byte or -1). Never throws and
   * never reads outside the given range.
   */
  decode(b: Uint8Array, o: number, len: number): number {
    if (o < 0 || len < 1 || o + len > b.length) return this.errors.record(ItchStatus.TRUNCATED, -1);
    const type = b[o]!;
    const s = this.wrap(type, b, o, len);
    return s === ItchStatus.OK ? type : this.errors.record(s, type);
  }

  private wrap(type: number, b: Uint8Array, o: number, len: number): number {
    switch (type) {
      case ItchType.ADD_ORDER:
        return this.addOrder.wrap(b, o, len);
      case ItchType.ORDER_DELETE:
        return this.orderDelete.wrap(b, o, len);
      case ItchType.ORDER_EXECUTED:
        return this.orderExecuted.wrap(b, o, len);
      case ItchType.ORDER_CANCEL:
        return this.orderCancel.wrap(b, o, len);
      case ItchType.ORDER_REPLACE:
        return this.orderReplace.wrap(b, o, len);
      case ItchType.ADD_ORDER_MPID:
        return this.addOrderMpid.wrap(b, o, len);
      case ItchType.ORDER_EXECUTED_WITH_PRICE:
        return this.orderExecutedWithPrice.wrap(b, o, len);
      case ItchType.TRADE:
        return this.trade.wrap(b, o, len);
      case ItchType.CROSS_TRADE:
        return this.crossTrade.wrap(b, o, len);
      case ItchType.BROKEN_TRADE:
        return this.brokenTrade.wrap(b, o, len);
      case ItchType.NOII:
        return this.noii.wrap(b, o, len);
      case ItchType.RPII:
        return this.rpii.wrap(b, o, len);
      case ItchType.DLCR_PRICE_DISCOVERY:
        return this.dlcrPriceDiscovery.wrap(b, o, len);
      case ItchType.SYSTEM_EVENT:
        return this.systemEvent.wrap(b, o, len);
      case ItchType.STOCK_DIRECTORY:
        return this.stockDirectory.wrap(b, o, len);
      case ItchType.STOCK_TRADING_ACTION:
        return this.stockTradingAction.wrap(b, o, len);
      case ItchType.REG_SHO_RESTRICTION:
        return this.regShoRestriction.wrap(b, o, len);
      case ItchType.MARKET_PARTICIPANT_POSITION:
        return this.marketParticipantPosition.wrap(b, o, len);
      case ItchType.MWCB_DECLINE_LEVEL:
        return this.mwcbDeclineLevel.wrap(b, o, len);
      case ItchType.MWCB_STATUS:
        return this.mwcbStatus.wrap(b, o, len);
      case ItchType.IPO_QUOTING_PERIOD:
        return this.ipoQuotingPeriod.wrap(b, o, len);
      case ItchType.LULD_AUCTION_COLLAR:
        return this.luldAuctionCollar.wrap(b, o, len);
      case ItchType.OPERATIONAL_HALT:
        return this.operationalHalt.wrap(b, o, len);
      default:
        return ItchStatus.UNKNOWN_TYPE;
    }
  }
}
