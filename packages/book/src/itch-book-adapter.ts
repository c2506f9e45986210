// Applies a decoded ITCH message to an order book: the glue between @ringside/protocols'
// decoder (already validated, flyweights wrapped) and OrderBook's primitive API. Allocation
// free. Messages that do not change the displayed book (P, Q, B trades; system, admin and
// auction messages) return BookStatus.IGNORED.
import { ItchType, Side } from '@ringside/protocols';
import type { ItchDecoder } from '@ringside/protocols';
import { BookSide, BookStatus } from './book-status.ts';
import type { OrderBook } from './order-book.ts';

/** ITCH side byte ('B'/'S') → BookSide; -1 for anything else (the book answers BAD_SIDE). */
export function bookSideOf(itchSide: number): number {
  return itchSide === Side.BUY ? BookSide.BID : itchSide === Side.SELL ? BookSide.ASK : -1;
}

/**
 * `type` is what `decoder.decode` returned for the message (its type byte). Refs go to the
 * book as int32 halves (see OrderBook's *Split methods): no double crosses a call here.
 */
export function applyItchMessage(book: OrderBook, d: ItchDecoder, type: number): number {
  switch (type) {
    case ItchType.ADD_ORDER: {
      const m = d.addOrder;
      return book.addSplit(m.orderRefHi, m.orderRefLo, bookSideOf(m.side), m.price, m.shares);
    }
    case ItchType.ADD_ORDER_MPID: {
      const m = d.addOrderMpid;
      return book.addSplit(m.orderRefHi, m.orderRefLo, bookSideOf(m.side), m.price, m.shares);
    }
    case ItchType.ORDER_EXECUTED: {
      const m = d.orderExecuted;
      return book.reduceSplit(m.orderRefHi, m.orderRefLo, m.executedShares);
    }
    case ItchType.ORDER_EXECUTED_WITH_PRICE: {
      const m = d.orderExecutedWithPrice;
      return book.reduceSplit(m.orderRefHi, m.orderRefLo, m.executedShares);
    }
    case ItchType.ORDER_CANCEL: {
      const m = d.orderCancel;
      return book.reduceSplit(m.orderRefHi, m.orderRefLo, m.cancelledShares);
    }
    case ItchType.ORDER_DELETE:
      return book.deleteSplit(d.orderDelete.orderRefHi, d.orderDelete.orderRefLo);
    case ItchType.ORDER_REPLACE: {
      const m = d.orderReplace;
      return book.replaceSplit(m.originalRefHi, m.originalRefLo, m.newRefHi, m.newRefLo, m.shares, m.price);
    }
    default:
      return BookStatus.IGNORED;
  }
}

/** Stock locate of the wrapped book message of `type`; -1 when `type` is no book message. */
export function bookMessageLocate(d: ItchDecoder, type: number): number {
  switch (type) {
    case ItchType.ADD_ORDER:
      return d.addOrder.stockLocate;
    case ItchType.ADD_ORDER_MPID:
      return d.addOrderMpid.stockLocate;
    case ItchType.ORDER_EXECUTED:
      return d.orderExecuted.stockLocate;
    case ItchType.ORDER_EXECUTED_WITH_PRICE:
      return d.orderExecutedWithPrice.stockLocate;
    case ItchType.ORDER_CANCEL:
      return d.orderCancel.stockLocate;
    case ItchType.ORDER_DELETE:
      return d.orderDelete.stockLocate;
    case ItchType.ORDER_REPLACE:
      return d.orderReplace.stockLocate;
    default:
      return -1;
  }
}
