// Explicit load-shed levels, lowest to highest. Each level includes everything the levels below
// it do. The ShedController chooses one (or an operator pins one); what it means for the
// decision workers:
//
//   NONE               nothing shed: every market event is applied, every order may go out.
//   CONFLATE           a worker that falls behind conflates market data per instrument: only the
//                      newest state of each instrument is applied, intermediate events skipped.
//   DROP_LOW_PRIORITY  on top of that, events of low-priority instruments are dropped unread.
//   REFUSE_ORDERS      on top of that, every new order is refused with LOCAL_REJECT reason SHED
//                      (cancels still go out: shedding must never keep risk from being reduced).
//
// Enforcement today: the workers' shared flags block (DecisionFlagsDescriptor) has a single SHED
// word that decision-context.ts reads as "non-zero → refuse new orders with SHED". There is no
// level word, so only REFUSE_ORDERS is enforced by the workers; CONFLATE and DROP_LOW_PRIORITY
// are chosen, reported (telemetry state, events) but not yet acted on by the workers.
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
