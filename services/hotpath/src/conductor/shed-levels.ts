// Explicit load-shed levels, lowest to highest. Each level includes everything the levels below
// it do. The ShedController chooses one (or an operator pins one); what it means for the
// decision workers:
//
//   NONE               nothing shed: every market event is applied and reaches the strategy,
//                      every order may go out.
//   CONFLATE           a worker that is behind (its ring lag above decision config
//                      shed.conflateLagEvents) still applies every event to its books, but calls
//                      the strategy at most once per instrument per drained batch, with the
//                      instrument's newest event (the book then shows the newest state). Skipped
//                      callbacks are counted (decision.<id>.conflated).
//   DROP_LOW_PRIORITY  on top of that, events of instruments configured `priority: 'low'` are
//                      skipped entirely (neither applied nor delivered; counted in
//                      decision.<id>.shed_dropped). Their books are marked stale for good — a
//                      missed ITCH event cannot be recovered without a snapshot — and new orders
//                      on a stale book are refused LOCAL_REJECT SHED (ctx.isBookStale tells the
//                      strategy beforehand).
//   REFUSE_ORDERS      on top of that, every new order is refused with LOCAL_REJECT reason SHED
//                      (cancels still go out: shedding must never keep risk from being reduced).
//
// Enforcement: the ShedController stores the level in force in the workers' flags block
// (DecisionFlagsDescriptor LEVEL word, read once per drained batch) and shedFlagFor(level) in its
// SHED word (read per submit). Each worker reports the level it last acted on
// (decision.<id>.shed_level).
export const ShedLevel = {
  NONE: 0,
  CONFLATE: 1,
  DROP_LOW_PRIORITY: 2,
  REFUSE_ORDERS: 3,
} as const;

export type ShedLevelValue = (typeof ShedLevel)[keyof typeof ShedLevel];

/** Highest valid level (levels are 0..MAX_SHED_LEVEL). */
export const MAX_SHED_LEVEL = ShedLevel.REFUSE_ORDERS;

const NAMES = ['NONE', 'CONFLATE', 'DROP_LOW_PRIORITY', 'REFUSE_ORDERS'] as const;

export function shedLevelName(level: number): string {
  return NAMES[level] ?? `UNKNOWN(${level})`;
}

export function isShedLevel(value: unknown): value is ShedLevelValue {
  return (
    Number.isInteger(value) && (value as number) >= ShedLevel.NONE && (value as number) <= MAX_SHED_LEVEL
  );
}

/** The value of the workers' SHED flag word for a level: set (1) only from REFUSE_ORDERS up. */
export function shedFlagFor(level: number): number {
  return level >= ShedLevel.REFUSE_ORDERS ? 1 : 0;
}
