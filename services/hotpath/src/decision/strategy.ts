// The strategy API: what a user implements to trade. A decision worker owns one strategy and
// calls it on its own thread, one call at a time, with flyweights that are valid only during
// the call. Hot-path rules apply inside: allocate at construction, never per call; no
// promises, no strings, no throwing on purpose (a throw is caught, counted, and the event is
// skipped — it does not stop the worker).
import type { Books } from '@ringside/book';
import type { MarketEventReader } from '../events/market-event-reader.ts';
import type { CompletionReader } from '../orders/completion-reader.ts';
import type { DecisionContext } from './decision-context.ts';

export interface Strategy {
  /**
   * Market events the worker received, AFTER the worker applied them to `books` (so the book
   * already shows this event). Submit or cancel orders through `ctx`. Every event, unless the
   * workers shed load (shed-levels.ts, `ctx.shedLevel`): when conflating, only each
   * instrument's newest event of a batch (its book shows every event of the batch); from
   * DROP_LOW_PRIORITY up, none of a low-priority instrument's, whose book goes stale
   * (`ctx.isBookStale`; orders on it are refused LOCAL_REJECT SHED).
   */
  onMarketEvent(event: MarketEventReader, books: Books, ctx: DecisionContext): void;
  /**
   * Every completion for this worker's orders: the gateway's answers and the worker's own
   * LOCAL_REJECTs (delivered right after the strategy call whose submit was refused returns).
   */
  onCompletion(completion: CompletionReader, ctx: DecisionContext): void;
  /** Optional: a STRATEGY_PARAM command from the conductor (param id and value are yours). */
  onCommand?(param: number, value: number, ctx: DecisionContext): void;
}

/** What a strategy factory receives at setup (control plane, in the worker thread). */
export interface StrategySetup {
  readonly workerId: number;
  readonly strategyId: number;
  /** Stock locates this worker keeps books for. */
  readonly locates: readonly number[];
}

/** Builds a strategy from its config params (validate them; throw on bad input: setup time). */
export type StrategyFactory = (params: unknown, setup: StrategySetup) => Strategy;
