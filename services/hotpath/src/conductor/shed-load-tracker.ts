// The shed controller's leading indicators, fed every conductor tick (finer than a p99 window):
// the least-lagging active consumer's lag behind the ring tail, its growth since the last tick, and the
// decision workers' conflation / drop counters. A p99 window reports a burst only after the
// events queued behind it were processed (too late: the budget is already broken); the lag
// shows it while it is still queueing. Two judgements come out of it:
//   - evidence (towards a raise): lag ≥ raiseLagEvents and not shrinking, or lag ≥
//     growthMinLagEvents and growing ≥ raiseLagGrowthPerSec; evidenceTicks counts such ticks in
//     a row (one clean tick resets it, so a single scheduling stall does not raise).
//   - calm (a condition of lowering): the lag has stayed ≤ drainedLagEvents (and, if
//     calmConflatedPerSec is set, conflation under it) for lowerCalmNs. Conflation happens only
//     while a worker is behind, so conflating can mean the level is still doing work (but see
//     shed-config.ts: parking workers also conflate under light load); drops do not gate,
//     because from DROP_LOW_PRIORITY up they happen for every low-priority event whatever the
//     load (the level's own action, not a sign of overload).
// Control plane (main thread); plain numbers in, no allocation per sample.
import type { ShedConfig } from './shed-config.ts';

/** One conductor-tick reading. Counters are cumulative totals over every decision worker. */
export interface ShedLoad {
  /** Events the least-lagging ACTIVE consumer is behind the ring tail (0 if none is attached). */
  readonly lagEvents: number;
  /** decision.*.conflated summed over the workers. */
  readonly conflated: number;
  /** decision.*.shed_dropped summed over the workers. */
  readonly dropped: number;
}

/** Ticks closer together than this carry no growth figure (a rate over µs is noise). */
const MIN_GROWTH_INTERVAL_NS = 1e6;

export class ShedLoadTracker {
  readonly #config: ShedConfig;
  lagEvents = 0;
  /** Events/s since the previous tick (0 at the first tick or after a too-short interval). */
  growthPerSec = 0;
  /** Ticks in a row with raise evidence. */
  evidenceTicks = 0;
  /** Which rule gave the last evidence ('' if none). */
  evidence: '' | 'lag' | 'growth' = '';
  conflatedDelta = 0;
  droppedDelta = 0;
  samples = 0;
  /** Last tick with lag above drainedLagEvents or a conflated callback (−∞: none yet). */
  lastActivityNs = Number.NEGATIVE_INFINITY;
  #prevNs = Number.NaN;
  #prevLag = 0;
  #prevConflated = Number.NaN;
  #prevDropped = Number.NaN;

  constructor(config: ShedConfig) {
    this.#config = config;
  }

  update(load: ShedLoad, nowNs: number): void {
    const c = this.#config;
    const lag = load.lagEvents;
    const dtNs = nowNs - this.#prevNs; // NaN at the first sample.
    this.growthPerSec = dtNs >= MIN_GROWTH_INTERVAL_NS ? ((lag - this.#prevLag) * 1e9) / dtNs : 0;
    // A too-short interval keeps the previous reference point (the first sample sets it).
    if (!(dtNs < MIN_GROWTH_INTERVAL_NS)) {
      this.#prevNs = nowNs;
      this.#prevLag = lag;
    }
    // Counters restart from zero if a worker restarts: a decrease is a new baseline, not activity.
    const first = Number.isNaN(this.#prevConflated);
    this.conflatedDelta = first ? 0 : Math.max(0, load.conflated - this.#prevConflated);
    this.droppedDelta = first ? 0 : Math.max(0, load.dropped - this.#prevDropped);
    this.#prevConflated = load.conflated;
    this.#prevDropped = load.dropped;
    this.lagEvents = lag;
    this.samples++;
    if (lag >= c.raiseLagEvents && this.growthPerSec >= 0) this.evidence = 'lag';
    else if (lag >= c.growthMinLagEvents && this.growthPerSec >= c.raiseLagGrowthPerSec)
      this.evidence = 'growth';
    else this.evidence = '';
    this.evidenceTicks = this.evidence === '' ? 0 : this.evidenceTicks + 1;
    const conflatedPerSec = (this.conflatedDelta * 1e9) / Math.max(dtNs, MIN_GROWTH_INTERVAL_NS);
    const conflating = c.calmConflatedPerSec !== undefined && conflatedPerSec > c.calmConflatedPerSec;
    if (lag > c.drainedLagEvents || conflating) this.lastActivityNs = nowNs;
  }

  /** A raise just happened: the next one needs fresh evidence. */
  consumeEvidence(): void {
    this.evidenceTicks = 0;
  }

  /** How long the load has been calm at `nowNs` (∞ if never busy; NaN-free). */
  calmForNs(nowNs: number): number {
    return nowNs - this.lastActivityNs;
  }

  calm(nowNs: number): boolean {
    return (
      this.lagEvents <= this.#config.drainedLagEvents && this.calmForNs(nowNs) >= this.#config.lowerCalmNs
    );
  }
}
