// Load shedding control plane: chooses the shed level (shed-levels.ts) from the decision
// workers' latency windows. A window whose p99 exceeds budget × raiseRatio raises the automatic
// level by one; lowerAfterWindows consecutive windows under budget × lowerRatio lower it by one
// (hysteresis: a p99 between the two ratios holds the level and restarts the quiet count); no
// automatic change before the current automatic level has been held minDwellNs. An operator can
// pin a level: the pinned level is the one in force, while the automatic level is still computed
// and reported (so unpinning goes straight to what the load asks for). Every change is an event
// carrying the numbers that caused it; the level in force goes to the telemetry state block and
// to the workers' SHED flag. Main thread, driven by observeWindow(window, nowNs); may throw.
import { DecisionFlagsDescriptor } from '../decision/decision-status.ts';
import type { EventQueueWriter } from '../sidecar/event-queue.ts';
import type { TelemetryStateWriter } from '../sidecar/telemetry-state.ts';
import { ConductorError, ConductorErrorCode } from './conductor-error.ts';
import type { ShedConfig } from './shed-config.ts';
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
}

export class ShedController {
  readonly config: ShedConfig;
  readonly raiseAboveNs: number;
  readonly quietBelowNs: number;
  readonly #sinks: ShedSinks;
  #automatic: ShedLevelValue = ShedLevel.NONE;
  #pinned: ShedLevelValue | undefined;
  #automaticSinceNs = Number.NaN;
  #lastNowNs = Number.NEGATIVE_INFINITY;
  #quiet = 0;
  #windows = 0;
  #ignored = 0;
  #reason = '';

  constructor(config: ShedConfig, sinks: ShedSinks = {}) {
    const flags = sinks.flags;
    if (flags !== undefined && flags.length <= DecisionFlagsDescriptor.SHED_INDEX) {
      throw new ConductorError(
        ConductorErrorCode.INVALID_ARGUMENT,
        `flags block has ${flags.length} words, needs ${DecisionFlagsDescriptor.BYTES / 4}`,
      );
    }
    this.config = config;
    this.raiseAboveNs = config.decisionP99BudgetNs * config.raiseRatio;
    this.quietBelowNs = config.decisionP99BudgetNs * config.lowerRatio;
    this.#sinks = sinks;
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
    if (this.#quiet < this.config.lowerAfterWindows || !dwelt) return undefined;
    const n = numbers();
    this.#quiet = 0;
    return this.#automaticChange(
      'lowered',
      (this.#automatic - 1) as ShedLevelValue,
      `${n.quietWindows} windows in a row under ${this.quietBelowNs} ns (budget ${this.config.decisionP99BudgetNs} ns × ${this.config.lowerRatio}), last p99 ${p99Ns} ns`,
      nowNs,
      n,
    );
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

  /** The level in force → telemetry state block and the workers' SHED flag. */
  #publish(): void {
    const level = this.level;
    this.#sinks.state?.setShedLevel(level);
    const flags = this.#sinks.flags;
    if (flags !== undefined) Atomics.store(flags, DecisionFlagsDescriptor.SHED_INDEX, shedFlagFor(level));
  }
}
