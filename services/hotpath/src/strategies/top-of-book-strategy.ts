// An example strategy to copy: quote one share size at the best bid and best ask of one
// instrument while the spread is wide enough, pull a quote when the top moves away from it,
// and stop quoting the side that would take inventory past a limit.
//
// How a strategy is written here (the rules every strategy follows):
// - All state lives in fields set up in the constructor; the callbacks allocate nothing.
// - Orders are identified by the number ctx.submit returns (> 0); a negative result means the
//   order was refused (risk, halt, full queue) and a LOCAL_REJECT completion follows.
// - Completions tell what happened: fills move the position, terminal statuses free the side.
// - One resting order per side at most, and at most one cancel in flight per order.
import { z } from 'zod';
import type { Books } from '@ringside/book';
import type { MarketEventReader } from '../events/market-event-reader.ts';
import { CompletionStatus } from '../orders/completion-descriptor.ts';
import type { CompletionReader } from '../orders/completion-reader.ts';
import { OrderKind, OrderSide, TimeInForce } from '../orders/order-command-descriptor.ts';
import type { DecisionContext } from '../decision/decision-context.ts';
import type { Strategy, StrategySetup } from '../decision/strategy.ts';
import { SlowConsumerKnobs, slowConsumerParamIds } from './slow-consumer-knobs.ts';

export const topOfBookParams = z.strictObject({
  /** Instrument to quote; default: the worker's first locate. */
  locate: z.number().int().min(0).max(65535).optional(),
  /** Shares per quote. */
  quantity: z.number().int().min(1).default(100),
  /** Quote only while ask − bid is at least this much, in Price(4) units (100 = 1 cent). */
  minSpread: z.number().int().min(1).default(200),
  /** Largest position, long or short, in shares; a side that could pass it is not quoted. */
  maxPosition: z.number().int().min(0).default(1000),
});
export type TopOfBookParams = z.input<typeof topOfBookParams>;

/** Runtime params (SetStrategyParam): name → id, read by the conductor; ids are onCommand's. */
export const TopOfBookParam = { MIN_SPREAD: 1, MAX_POSITION: 2 } as const;
export const topOfBookParamIds: ReadonlyMap<string, number> = new Map([
  ['minSpread', TopOfBookParam.MIN_SPREAD],
  ['maxPosition', TopOfBookParam.MAX_POSITION],
  ...slowConsumerParamIds,
]);

/** Index of each side in the per-side arrays. */
const BUY = 0;
const SELL = 1;

export class TopOfBookStrategy implements Strategy {
  readonly locate: number;
  readonly quantity: number;
  minSpread: number;
  maxPosition: number;
  /** Shares held: + long, − short (changed by fills only). */
  position = 0;
  /** Per side: the resting order's number (0 = none), its price, whether a cancel is in flight. */
  readonly restingNumber = new Int32Array(2);
  readonly restingPrice = new Int32Array(2);
  readonly cancelPending = new Uint8Array(2);
  /** workNs / stallMs: a deliberately slow consumer, for chaos tests and drills. */
  readonly knobs = new SlowConsumerKnobs();

  constructor(params: unknown, setup: StrategySetup) {
    const p = topOfBookParams.parse(params ?? {});
    const locate = p.locate ?? setup.locates[0];
    if (locate === undefined) throw new RangeError('TopOfBookStrategy: no locate to quote');
    this.locate = locate;
    this.quantity = p.quantity;
    this.minSpread = p.minSpread;
    this.maxPosition = p.maxPosition;
  }

  onMarketEvent(event: MarketEventReader, books: Books, ctx: DecisionContext): void {
    this.knobs.onMarketEvent();
    if (event.locate !== this.locate) return;
    const book = books.book(this.locate);
    if (book === undefined) return;
    const bid = book.bestBidPrice();
    const ask = book.bestAskPrice();
    // A one-sided or crossed book, or a spread too thin to earn it: quote nothing.
    const quoting = bid > 0 && ask > 0 && ask - bid >= this.minSpread && !ctx.halted;
    this.side(BUY, quoting && this.position + this.quantity <= this.maxPosition, bid, ctx);
    this.side(SELL, quoting && this.position - this.quantity >= -this.maxPosition, ask, ctx);
  }

  onCompletion(c: CompletionReader, _ctx: DecisionContext): void {
    const number = c.orderNumber;
    const s = this.restingNumber[BUY] === number ? BUY : this.restingNumber[SELL] === number ? SELL : -1;
    const status = c.status;
    if (status === CompletionStatus.FILLED || status === CompletionStatus.PARTIALLY_FILLED) {
      this.position += c.side === OrderSide.BUY ? c.filledQty : -c.filledQty;
    }
    if (s < 0) return;
    if (
      status === CompletionStatus.FILLED ||
      status === CompletionStatus.CANCELED ||
      (status === CompletionStatus.REJECTED && c.commandKind === OrderKind.NEW)
    ) {
      this.restingNumber[s] = 0;
      this.cancelPending[s] = 0;
    } else if (status === CompletionStatus.REJECTED || status === CompletionStatus.LOCAL_REJECT) {
      // A refused cancel: the order still rests; allow another try on the next move.
      this.cancelPending[s] = 0;
    }
  }

  onCommand(param: number, value: number, _ctx: DecisionContext): void {
    if (this.knobs.apply(param, value)) return;
    // Same bounds as the config's; out-of-range values are ignored. Applies from the next event.
    if (!Number.isInteger(value)) return;
    if (param === TopOfBookParam.MIN_SPREAD && value >= 1) this.minSpread = value;
    else if (param === TopOfBookParam.MAX_POSITION && value >= 0) this.maxPosition = value;
  }

  /** Keeps one side's quote at `price` when `want`, else pulls it. */
  private side(s: number, want: boolean, price: number, ctx: DecisionContext): void {
    const resting = this.restingNumber[s]!;
    if (resting !== 0) {
      // Still where we want it: nothing to do. Otherwise pull it (once) and re-quote later.
      if (want && this.restingPrice[s] === price) return;
      if (this.cancelPending[s] === 0 && ctx.cancel(resting) > 0) this.cancelPending[s] = 1;
      return;
    }
    if (!want) return;
    const number = ctx.submit(
      this.locate,
      s === BUY ? OrderSide.BUY : OrderSide.SELL,
      price,
      this.quantity,
      TimeInForce.DAY,
    );
    if (number > 0) {
      this.restingNumber[s] = number;
      this.restingPrice[s] = price;
    }
  }
}
