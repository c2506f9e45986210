// When the demo's two faults happen, as fractions of the run so both land after READY and
// their effects (isolation, DEGRADED, automation, approval; TIMEOUTs and recovery) fit inside
// it: the slow consumer at 35 % of the run (not before READY + 1 s), the venue stall at 65 %.
export interface FaultPlan {
  /** The decision worker (ring consumer id) made slow and isolated. */
  readonly slowConsumerId: number;
  /** Run time (ms after the host is up) of the slow-consumer injection, at the earliest. */
  readonly slowConsumerAtMs: number;
  /** Run time the venue stall starts (venue-sim frozen for venueStallMs). */
  readonly venueStallAtMs: number;
  readonly venueStallMs: number;
}

export function planFaults(durationMs: number, slowConsumerId: number): FaultPlan {
  return {
    slowConsumerId,
    slowConsumerAtMs: Math.round(durationMs * 0.35),
    venueStallAtMs: Math.round(durationMs * 0.65),
    venueStallMs: Math.min(2_000, Math.round(durationMs * 0.1)),
  };
}

/**
 * The ring consumer to make slow: the last decision worker (`decision-<n>`, by name: consumer
 * ids are ring lines, not worker numbers), so worker 0 keeps trading; else the highest id.
 */
export function chooseSlowConsumer(consumers: readonly { id: number; name: string }[]): number | undefined {
  const decision = consumers
    .filter((c) => /^decision-\d+$/.test(c.name))
    .sort((a, b) => Number(a.name.slice(9)) - Number(b.name.slice(9)));
  const pick = decision.at(-1) ?? [...consumers].sort((a, b) => a.id - b.id).at(-1);
  return pick?.id;
}
