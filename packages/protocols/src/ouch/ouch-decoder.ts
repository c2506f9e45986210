// Two decoders, one per direction ('U' and 'M' mean different messages inbound and outbound):
// a flyweight per message type, preallocated, and a dispatch on the type byte. `decode`
// validates a message in place and returns its type byte (> 0) with the matching flyweight
// wrapped over it, or a negative OuchStatus that is counted by kind; `badField` then names the
// failing field's offset within the message (-1: not a field), so a venue can pick a reject reason.
//
//   const t = venueDecoder.decode(buf, off, len);
//   if (t === OuchInboundType.ENTER_ORDER) engine.enter(venueDecoder.enterOrder);
import { OuchInboundType, OuchOutboundType } from './ouch-descriptor.ts';
import { OuchErrorCounters } from './ouch-error-counters.ts';
import type { OuchFlyweight } from './ouch-flyweight.ts';
import {
  OuchCancelOrderMessage,
  OuchEnterOrderMessage,
  OuchModifyOrderMessage,
  OuchReplaceOrderMessage,
} from './ouch-inbound-flyweights.ts';
import {
  OuchAiqCanceledMessage,
  OuchBrokenTradeMessage,
  OuchCanceledMessage,
  OuchCancelPendingMessage,
  OuchCancelRejectMessage,
  OuchExecutedMessage,
  OuchOrderModifiedMessage,
  OuchOrderPriorityUpdateMessage,
  OuchRejectedMessage,
  OuchSystemEventMessage,
} from './ouch-event-flyweights.ts';
import { OuchAcceptedMessage, OuchReplacedMessage } from './ouch-order-flyweights.ts';
import { OuchStatus } from './ouch-status.ts';

function inRange(b: Uint8Array, o: number, len: number): boolean {
  return o >= 0 && len >= 1 && o + len <= b.length;
}

/** Venue side: decodes what clients send (O U X M). */
export class OuchInboundDecoder {
  readonly enterOrder = new OuchEnterOrderMessage();
  readonly replaceOrder = new OuchReplaceOrderMessage();
  readonly cancelOrder = new OuchCancelOrderMessage();
  readonly modifyOrder = new OuchModifyOrderMessage();
  readonly errors: OuchErrorCounters;
  /** Offset within the message of the field the last failed decode rejected; -1 for none. */
  badField = -1;

  constructor(errors: OuchErrorCounters = new OuchErrorCounters()) {
    this.errors = errors;
    for (const f of [this.enterOrder, this.replaceOrder, this.cancelOrder, this.modifyOrder]) f.sink = this;
  }

  /**
   * Validates the message at `b[o .. o+len)` and wraps its flyweight. Returns the type byte, or a
   * negative OuchStatus (counted in `errors`, detail = the type byte or -1). Never throws and
   * never reads outside the given range.
   */
  decode(b: Uint8Array, o: number, len: number): number {
    this.badField = -1;
    if (!inRange(b, o, len)) return this.errors.record(OuchStatus.TRUNCATED, -1);
    const type = b[o]!;
    const s = this.wrap(type, b, o, len);
    return s === OuchStatus.OK ? type : this.errors.record(s, type);
  }

  /** The flyweight of an inbound type byte (undefined for others). */
  flyweightOf(type: number): OuchFlyweight | undefined {
    switch (type) {
      case OuchInboundType.ENTER_ORDER:
        return this.enterOrder;
      case OuchInboundType.REPLACE_ORDER:
        return this.replaceOrder;
      case OuchInboundType.CANCEL_ORDER:
        return this.cancelOrder;
      case OuchInboundType.MODIFY_ORDER:
        return this.modifyOrder;
      default:
        return undefined;
    }
  }

  private wrap(type: number, b: Uint8Array, o: number, len: number): number {
    switch (type) {
      case OuchInboundType.ENTER_ORDER:
        return this.enterOrder.wrap(b, o, len);
      case OuchInboundType.CANCEL_ORDER:
        return this.cancelOrder.wrap(b, o, len);
      case OuchInboundType.REPLACE_ORDER:
        return this.replaceOrder.wrap(b, o, len);
      case OuchInboundType.MODIFY_ORDER:
        return this.modifyOrder.wrap(b, o, len);
      default:
        return OuchStatus.UNKNOWN_TYPE;
    }
  }
}

/** Client side: decodes what the venue sends (S A U C D E B J P I T M). */
export class OuchOutboundDecoder {
  readonly systemEvent = new OuchSystemEventMessage();
  readonly accepted = new OuchAcceptedMessage();
  readonly replaced = new OuchReplacedMessage();
  readonly canceled = new OuchCanceledMessage();
  readonly aiqCanceled = new OuchAiqCanceledMessage();
  readonly executed = new OuchExecutedMessage();
  readonly brokenTrade = new OuchBrokenTradeMessage();
  readonly rejected = new OuchRejectedMessage();
  readonly cancelPending = new OuchCancelPendingMessage();
  readonly cancelReject = new OuchCancelRejectMessage();
  readonly orderPriorityUpdate = new OuchOrderPriorityUpdateMessage();
  readonly orderModified = new OuchOrderModifiedMessage();
  readonly errors: OuchErrorCounters;
  /** Offset within the message of the field the last failed decode rejected; -1 for none. */
  badField = -1;

  constructor(errors: OuchErrorCounters = new OuchErrorCounters()) {
    this.errors = errors;
    const all = [
      this.systemEvent,
      this.accepted,
      this.replaced,
      this.canceled,
      this.aiqCanceled,
      this.executed,
      this.brokenTrade,
      this.rejected,
      this.cancelPending,
      this.cancelReject,
      this.orderPriorityUpdate,
      this.orderModified,
    ];
    for (const f of all) f.sink = this;
  }

  /** As OuchInboundDecoder.decode, for the venue's messages. */
  decode(b: Uint8Array, o: number, len: number): number {
    this.badField = -1;
    if (!inRange(b, o, len)) return this.errors.record(OuchStatus.TRUNCATED, -1);
    const type = b[o]!;
    const s = this.wrap(type, b, o, len);
    return s === OuchStatus.OK ? type : this.errors.record(s, type);
  }

  // Most frequent first: executions and acks dominate an order-entry session.
  private wrap(type: number, b: Uint8Array, o: number, len: number): number {
    switch (type) {
      case OuchOutboundType.EXECUTED:
        return this.executed.wrap(b, o, len);
      case OuchOutboundType.ACCEPTED:
        return this.accepted.wrap(b, o, len);
      case OuchOutboundType.CANCELED:
        return this.canceled.wrap(b, o, len);
      case OuchOutboundType.REJECTED:
        return this.rejected.wrap(b, o, len);
      case OuchOutboundType.REPLACED:
        return this.replaced.wrap(b, o, len);
      case OuchOutboundType.CANCEL_PENDING:
        return this.cancelPending.wrap(b, o, len);
      case OuchOutboundType.CANCEL_REJECT:
        return this.cancelReject.wrap(b, o, len);
      case OuchOutboundType.ORDER_MODIFIED:
        return this.orderModified.wrap(b, o, len);
      case OuchOutboundType.AIQ_CANCELED:
        return this.aiqCanceled.wrap(b, o, len);
      case OuchOutboundType.BROKEN_TRADE:
        return this.brokenTrade.wrap(b, o, len);
      case OuchOutboundType.ORDER_PRIORITY_UPDATE:
        return this.orderPriorityUpdate.wrap(b, o, len);
      case OuchOutboundType.SYSTEM_EVENT:
        return this.systemEvent.wrap(b, o, len);
      default:
        return OuchStatus.UNKNOWN_TYPE;
    }
  }
}
