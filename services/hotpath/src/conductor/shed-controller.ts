// Load shedding control plane: chooses the shed level (shed-levels.ts) from two inputs.
//   - observeLoad, every conductor tick: leading indicators (shed-load-tracker.ts) — consumer
//     lag behind the ring tail and its growth. lagRaiseTicks ticks of evidence in a row raise
//     the automatic level by one once it has been held lagRaiseDwellNs, so a burst raises the
//     level while its events are still queued, before their latency reaches a p99 window.
//   - observeWindow, every latency window: a p99 above budget × raiseRatio raises by one (the
//     backstop for slowness that does not queue); lowerAfterWindows consecutive windows under
//     budget × lowerRatio lower by one, but only while the load is calm (lag drained, and
//     optionally no conflation, for lowerCalmNs) — a quiet p99 under a level that is absorbing the load would
//     otherwise lower it and re-break the budget at the next window (oscillation). A p99 between
//     the two ratios holds the level and restarts the quiet count; no window-driven change before
//     the current automatic level has been held minDwellNs. An operator can
// pin a level: the pinned level is the one in force, while the automatic level is still computed
// and reported (so unpinning goes straight to what the load asks for). Every change is an event
// carrying the numbers that caused it; the level in force goes to the telemetry state block and
// to the workers' flags block (LEVEL and SHED words, DecisionFlagsDescriptor). Main thread,
// driven by observeLoad(load, nowNs) and observeWindow(window, nowNs); may throw.
import { DecisionFlagsDescriptor } from '../decision/decision-status.ts';
import type { EventQueueWriter } from '../sidecar/event-queue.ts';
import type { TelemetryStateWriter } from '../sidecar/telemetry-state.ts';
import { ConductorError, ConductorErrorCode } from './conductor-error.ts';
import type { ShedConfig } from './shed-config.ts';
import { ShedLoadTracker } from './shed-load-tracker.ts';
import type { ShedLoad } from './shed-load-tracker.ts';
import { MAX_SHED_LEVEL, ShedLevel, isShedLevel, shedFlagFor, shedLevelName } from './shed-levels.ts';
import type { ShedLevelValue } from './shed-levels.ts';

/** One latency window of the decision workers (the processed events' decision p99). */
export interface ShedWindow {
  readonly p99Ns: number;
  /** Events processed in the window. */
  readonly processed: number;
}

export type ShedChangeKind = 'raised' | 'lowered' | 'pinned' | 'unpinned';

/** One change: automatic (raised/lowered) or by the operator (pinned/unpinned). */
export interface ShedChange {
  readonly kind: ShedChangeKind;
  /** The level in force before and after (equal when an automatic change happened under a pin). */
  readonly previous: ShedLevelValue;
  readonly level: ShedLevelValue;
  readonly automaticLevel: ShedLevelValue;
  readonly pinned: boolean;
  readonly reason: string;
  readonly monoNs: number;
  readonly numbers: Readonly<Record<string, number>>;
}

export interface ShedSinks {
  readonly events?: EventQueueWriter;
  readonly state?: TelemetryStateWriter;
  /** The decision workers' shared flags words (DecisionFlagsDescriptor). */
  readonly flags?: Int32Array;
}

export interface ShedStatus {
  /** The level in force (pinned if pinned, else automatic). */
  readonly level: ShedLevelValue;
  readonly automaticLevel: ShedLevelValue;
  readonly pinnedLevel: ShedLevelValue | undefined;
  readonly maxLevel: number;
  /** Quiet windows in a row so far (toward lowerAfterWindows). */
  readonly quietWindows: number;
  /** When the automatic level last changed (NaN before the first window). */
  readonly automaticSinceNs: number;
  readonly windows: number;
  /** Windows ignored for processing fewer than minProcessed events. */
  readonly ignoredWindows: number;
  /** Why the level in force is what it is ('' at start). */
  readonly reason: string;
  /** Leading indicators at the last observeLoad (zeros before the first). */
  readonly lagEvents: number;
  readonly lagGrowthPerSec: number;
  readonly lagEvidenceTicks: number;
  readonly loadSamples: number;
  /** How long lag and conflation have been calm (∞ before any activity): lowering needs lowerCalmNs. */
  readonly calmForNs: number;
}

export class ShedController {
  readonly config: ShedConfig;
  readonly raiseAboveNs: number;
  readonly quietBelowNs: number;
  readonly #sinks: ShedSinks;
  readonly #load: ShedLoadTracker;
  #automatic: ShedLevelValue = ShedLevel.NONE;
  #pinned: ShedLevelValue | undefined;
  #automaticSinceNs = Number.NaN;
  /** The last automatic change (−∞: none): lag evidence waits lagRaiseDwellNs after it. */
  #lastAutomaticChangeNs = Number.NEGATIVE_INFINITY;
  #lastNowNs = Number.NEGATIVE_INFINITY;
  #quiet = 0;
  #windows = 0;
  #ignored = 0;
  #reason = '';

  constructor(config: ShedConfig, sinks: ShedSinks = {}) {
    const flags = sinks.flags;
    if (flags !== undefined && flags.length < DecisionFlagsDescriptor.WORDS) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_ARGUMENT,
        `flags block has ${flags.length} words, needs ${DecisionFlagsDescriptor.WORDS}`,
      );
    }
    this.config = config;
    this.raiseAboveNs = config.decisionP99BudgetNs * config.raiseRatio;
    this.quietBelowNs = config.decisionP99BudgetNs * config.lowerRatio;
    this.#sinks = sinks;
    this.#load = new ShedLoadTracker(config);
    this.#publish(); // The sinks start in agreement with the controller (level NONE).
  }

  /** The level in force. */
  get level(): ShedLevelValue {
    return this.#pinned ?? this.#automatic;
  }

  get automaticLevel(): ShedLevelValue {
    return this.#automatic;
  }

  /**
   * Feeds one conductor-tick reading of the leading indicators; returns the raise it caused, if
   * any (lowering is the windows' call). Throws INVALID_ARGUMENT for a malformed reading or a
   * clock that went backwards.
   */
  observeLoad(load: ShedLoad, nowNs: number): ShedChange | undefined {
    const { lagEvents, conflated, dropped } = load;
    for (const v of [lagEvents, conflated, dropped]) {
      if (!(Number.isInteger(v) && v >= 0)) {
        throw new ConductorError(
          ConductorErrorCode.INVALID_ARGUMENT,
          `bad load: lagEvents ${lagEvents}, conflated ${conflated}, dropped ${dropped}`,
        );
      }
    }
    this.#advance(nowNs);
    if (Number.isNaN(this.#automaticSinceNs)) this.#automaticSinceNs = nowNs;
    const t = this.#load;
    t.update(load, nowNs);
    if (t.evidence !== '') this.#quiet = 0; // Load is queueing: quiet windows start afresh.
    const c = this.config;
    // Unlike the windows' dwell this one does not start at the first reading: it only lets the
    // previous change act before the lag is judged again.
    const dwellNs = Math.min(nowNs - this.#lastAutomaticChangeNs, Number.MAX_SAFE_INTEGER);
    if (t.evidenceTicks < c.lagRaiseTicks || this.#automatic >= MAX_SHED_LEVEL || dwellNs < c.lagRaiseDwellNs)
      return undefined;
    const numbers = {
      lagEvents,
      lagGrowthPerSec: Math.round(t.growthPerSec),
      evidenceTicks: t.evidenceTicks,
      raiseLagEvents: c.raiseLagEvents,
      raiseLagGrowthPerSec: c.raiseLagGrowthPerSec,
      conflatedDelta: t.conflatedDelta,
      droppedDelta: t.droppedDelta,
      dwellNs,
    };
    const why =
      t.evidence === 'lag'
        ? `consumer lag ${lagEvents} events ≥ ${c.raiseLagEvents} and not shrinking`
        : `consumer lag ${lagEvents} events growing ${Math.round(t.growthPerSec)}/s ≥ ${c.raiseLagGrowthPerSec}/s`;
    t.consumeEvidence();
    return this.#automaticChange(
      'raised',
      (this.#automatic + 1) as ShedLevelValue,
      `${why} for ${numbers.evidenceTicks} tick(s)`,
      nowNs,
      numbers,
    );
  }

  /**
   * Feeds one window; returns the automatic change it caused, if any. Throws INVALID_ARGUMENT for
   * a malformed window or a clock that went backwards.
   */
  observeWindow(window: ShedWindow, nowNs: number): ShedChange | undefined {
    const { p99Ns, processed } = window;
    if (!(Number.isFinite(p99Ns) && p99Ns >= 0) || !(Number.isInteger(processed) && processed >= 0)) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_ARGUMENT,
        `bad window: p99Ns ${p99Ns}, processed ${processed}`,
      );
    }
    this.#advance(nowNs);
    if (Number.isNaN(this.#automaticSinceNs)) this.#automaticSinceNs = nowNs; // Dwell starts at the first window.
    this.#windows++;
    if (processed < this.config.minProcessed) {
      this.#ignored++;
      return undefined;
    }
    const dwellNs = nowNs - this.#automaticSinceNs;
    const dwelt = dwellNs >= this.config.minDwellNs;
    const numbers = (): Record<string, number> => ({
      p99Ns,
      processed,
      budgetNs: this.config.decisionP99BudgetNs,
      raiseAboveNs: this.raiseAboveNs,
      quietBelowNs: this.quietBelowNs,
      quietWindows: this.#quiet,
      lowerAfterWindows: this.config.lowerAfterWindows,
      dwellNs,
      minDwellNs: this.config.minDwellNs,
    });
    if (p99Ns > this.raiseAboveNs) {
      this.#quiet = 0;
      if (this.#automatic >= MAX_SHED_LEVEL || !dwelt) return undefined;
      const n = numbers();
      return this.#automaticChange(
        'raised',
        (this.#automatic + 1) as ShedLevelValue,
        `window p99 ${p99Ns} ns above ${this.raiseAboveNs} ns (budget ${this.config.decisionP99BudgetNs} ns × ${this.config.raiseRatio})`,
        nowNs,
        n,
      );
    }
    if (p99Ns >= this.quietBelowNs) {
      this.#quiet = 0; // Inside the hysteresis band: hold, and start counting quiet windows afresh.
      return undefined;
    }
    if (this.#automatic === ShedLevel.NONE) return undefined;
    this.#quiet++;
    // A quiet p99 is not enough: the level may be what keeps it quiet (lag drained, no conflation).
    if (this.#quiet < this.config.lowerAfterWindows || !dwelt || !this.#load.calm(nowNs)) return undefined;
    // The event slot is small (EventQueue MAX_PAYLOAD): the raise-side thresholds make way for
    // the calm figures.
    const { raiseAboveNs: _r, minDwellNs: _d, ...base } = numbers();
    const n = {
      ...base,
      lagEvents: this.#load.lagEvents,
      calmForNs: Math.min(this.#load.calmForNs(nowNs), Number.MAX_SAFE_INTEGER),
    };
    const reason = `${this.#quiet} windows under ${this.quietBelowNs} ns (budget × ${this.config.lowerRatio}), last p99 ${p99Ns} ns; lag ≤ ${this.config.drainedLagEvents} calm for ≥ ${this.config.lowerCalmNs / 1e6} ms`;
    this.#quiet = 0;
    return this.#automaticChange('lowered', (this.#automatic - 1) as ShedLevelValue, reason, nowNs, n);
  }

  /** Operator: holds `level` until unpin(). Throws INVALID_ARGUMENT for a level out of range. */
  pin(level: number, reason: string, nowNs: number): ShedChange {
    if (!isShedLevel(level)) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_ARGUMENT,
        `shed level ${level} not in [0, ${MAX_SHED_LEVEL}]`,
      );
    }
    this.#advance(nowNs);
    const previous = this.level;
    this.#pinned = level;
    return this.#emit('pinned', previous, reason, nowNs, {});
  }

  /** Operator: the automatic level is in force again. Throws INVALID_TRANSITION if not pinned. */
  unpin(reason: string, nowNs: number): ShedChange {
    const pinned = this.#pinned;
    if (pinned === undefined) {
      throw new ConductorError(ConductorErrorCode.INVALID_TRANSITION, 'shed level is not pinned');
    }
    this.#advance(nowNs);
    this.#pinned = undefined;
    return this.#emit('unpinned', pinned, reason, nowNs, { unpinnedLevel: pinned });
  }

  status(): ShedStatus {
    return {
      level: this.level,
      automaticLevel: this.#automatic,
      pinnedLevel: this.#pinned,
      maxLevel: MAX_SHED_LEVEL,
      quietWindows: this.#quiet,
      automaticSinceNs: this.#automaticSinceNs,
      windows: this.#windows,
      ignoredWindows: this.#ignored,
      reason: this.#reason,
      lagEvents: this.#load.lagEvents,
      lagGrowthPerSec: this.#load.growthPerSec,
      lagEvidenceTicks: this.#load.evidenceTicks,
      loadSamples: this.#load.samples,
      calmForNs: Number.isFinite(this.#lastNowNs) ? this.#load.calmForNs(this.#lastNowNs) : Infinity,
    };
  }

  #advance(nowNs: number): void {
    if (!Number.isFinite(nowNs) || nowNs < this.#lastNowNs) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_ARGUMENT,
        `clock went backwards or is not finite: ${nowNs} after ${this.#lastNowNs}`,
      );
    }
    this.#lastNowNs = nowNs;
  }

  #automaticChange(
    kind: ShedChangeKind,
    next: ShedLevelValue,
    reason: string,
    nowNs: number,
    numbers: Record<string, number>,
  ): ShedChange {
    const previous = this.level;
    this.#automatic = next;
    this.#automaticSinceNs = nowNs;
    this.#lastAutomaticChangeNs = nowNs;
    return this.#emit(kind, previous, reason, nowNs, numbers);
  }

  #emit(
    kind: ShedChangeKind,
    previous: ShedLevelValue,
    reason: string,
    nowNs: number,
    numbers: Record<string, number>,
  ): ShedChange {
    const level = this.level;
    const pinned = this.#pinned !== undefined;
    // An automatic change under a pin does not change the level in force, nor why it is in force.
    if (!(pinned && (kind === 'raised' || kind === 'lowered'))) this.#reason = reason;
    const all = {
      ...numbers,
      previous,
      level,
      automaticLevel: this.#automatic,
      pinnedLevel: this.#pinned ?? -1,
    };
    this.#sinks.events?.offer(
      {
        kind: `shed.${kind}`,
        reason,
        numbers: all,
        labels: {
          level: shedLevelName(level),
          automaticLevel: shedLevelName(this.#automatic),
          pinned: String(pinned),
        },
      },
      nowNs,
    );
    this.#publish();
    return {
      kind,
      previous,
      level,
      automaticLevel: this.#automatic,
      pinned,
      reason,
      monoNs: nowNs,
      numbers: all,
    };
  }

  /** The level in force → telemetry state block and the workers' LEVEL and SHED words. */
  #publish(): void {
    const level = this.level;
    this.#sinks.state?.setShedLevel(level);
    const flags = this.#sinks.flags;
    if (flags === undefined) return;
    Atomics.store(flags, DecisionFlagsDescriptor.LEVEL_INDEX, level);
    Atomics.store(flags, DecisionFlagsDescriptor.SHED_INDEX, shedFlagFor(level));
  }
}
