// A measurement strategy: one small order every N market events, alternating buy and sell,
// priced at the same side's best price (a passive join, well inside any sane price band).
// It exists to put a steady, known trickle of orders through the whole path — decision,
// gateway, venue — so the latency histograms always have fresh samples. Pair it with a venue
// (or the SinkGateway) that finishes orders, or max-open-orders risk will start refusing.
import { z } from 'zod';
import type { Books } from '@ringside/book';
import type { MarketEventReader } from '../events/market-event-reader.ts';
import type { CompletionReader } from '../orders/completion-reader.ts';
import { OrderSide, TimeInForce } from '../orders/order-command-descriptor.ts';
import type { DecisionContext } from '../decision/decision-context.ts';
import type { Strategy, StrategySetup } from '../decision/strategy.ts';
import { SlowConsumerKnobs, slowConsumerParamIds } from './slow-consumer-knobs.ts';

export const latencyProbeParams = z.strictObject({
  /** One order every this many market events (any instrument). */
  everyEvents: z.number().int().min(1).default(1000),
  /** Shares per order. */
  quantity: z.number().int().min(1).default(1),
  /** Instrument to probe; default: the worker's first locate. */
  locate: z.number().int().min(0).max(65535).optional(),
  /** Time in force (TimeInForce value): DAY by default, IOC to leave nothing resting. */
  timeInForce: z.union([z.literal(0), z.literal(1), z.literal(3), z.literal(4)]).default(TimeInForce.DAY),
});
export type LatencyProbeParams = z.input<typeof latencyProbeParams>;

/** Runtime params (SetStrategyParam): name → id, read by the conductor; ids are onCommand's. */
export const LatencyProbeParam = { EVERY_EVENTS: 1 } as const;
export const latencyProbeParamIds: ReadonlyMap<string, number> = new Map([
  ['everyEvents', LatencyProbeParam.EVERY_EVENTS],
  ...slowConsumerParamIds,
]);

export class LatencyProbeStrategy implements Strategy {
  everyEvents: number;
  readonly quantity: number;
  readonly locate: number;
  readonly timeInForce: number;
  /** [0] orders submitted, [1] submits refused, [2] completions seen (typed: never boxed). */
  readonly stats = new Float64Array(3);
  /** workNs / stallMs: a deliberately slow consumer, for chaos tests and drills. */
  readonly knobs = new SlowConsumerKnobs();
  private countdown: number;
  private buyNext = true;

  constructor(params: unknown, setup: StrategySetup) {
    const p = latencyProbeParams.parse(params ?? {});
    const locate = p.locate ?? setup.locates[0];
    if (locate === undefined) throw new RangeError('LatencyProbeStrategy: no locate to probe');
    this.everyEvents = p.everyEvents;
    this.quantity = p.quantity;
    this.locate = locate;
    this.timeInForce = p.timeInForce;
    this.countdown = p.everyEvents;
  }

  onMarketEvent(_event: MarketEventReader, books: Books, ctx: DecisionContext): void {
    this.knobs.onMarketEvent();
    if (--this.countdown > 0) return;
    const book = books.book(this.locate);
    if (book === undefined) return;
    const price = this.buyNext ? book.bestBidPrice() : book.bestAskPrice();
    // No top on that side yet: try again on the next event rather than skipping a whole period.
    if (price <= 0) return;
    this.countdown = this.everyEvents;
    const side = this.buyNext ? OrderSide.BUY : OrderSide.SELL;
    this.buyNext = !this.buyNext;
    const result = ctx.submit(this.locate, side, price, this.quantity, this.timeInForce);
    this.stats[result > 0 ? 0 : 1]++;
  }

  onCompletion(_completion: CompletionReader, _ctx: DecisionContext): void {
    this.stats[2]++;
  }

  onCommand(param: number, value: number, _ctx: DecisionContext): void {
    if (this.knobs.apply(param, value)) return;
    // A new period starts from the next event; non-integers and values below 1 are ignored.
    if (param === LatencyProbeParam.EVERY_EVENTS && value >= 1 && Number.isInteger(value)) {
      this.everyEvents = value;
      this.countdown = value;
    }
  }
}
