// The lifecycle of a host that warms up on generated or replayed traffic. Its own WarmUpGate
// judges the warm-up windows; when they are stable it does NOT go READY (the traffic was not
// the live feed): it calls onStable, the host switches the ring to the live feed, and release()
// then hands the K stable windows to the ordinary gate, which makes the READY transition.
import { LifecycleState } from '@ringside/contracts';
import { Lifecycle } from '../conductor/lifecycle.ts';
import type { LifecycleSinks } from '../conductor/lifecycle.ts';
import type { LifecycleConfig } from '../conductor/lifecycle-config.ts';
import type { LifecycleTransition } from '../conductor/lifecycle-state.ts';
import { WarmUpGate } from '../conductor/warm-up-gate.ts';
import type { LatencyWindow, WarmUpVerdict } from '../conductor/warm-up-gate.ts';

export class SourceSwitchLifecycle extends Lifecycle {
  /** Called once, with the verdict, when the warm-up windows are stable. */
  onStable: ((verdict: WarmUpVerdict, nowNs: number) => void) | undefined;
  readonly #gate: WarmUpGate;
  readonly #windows: LatencyWindow[] = [];
  #stable = false;
  #released = false;

  constructor(config: LifecycleConfig, sinks: LifecycleSinks = {}, startNs = 0) {
    super(config, sinks, startNs);
    this.#gate = new WarmUpGate(config.decisionP99BudgetNs, config.warmUpWindows, config.maxSpreadRatio);
  }

  override get stableWindows(): number {
    return this.#released ? super.stableWindows : this.#gate.stableWindows;
  }

  /** True once the warm-up traffic was stable (the switch to the live feed is under way). */
  get switching(): boolean {
    return this.#stable && !this.#released;
  }

  override observeWindow(window: LatencyWindow, nowNs: number): LifecycleTransition | undefined {
    if (this.#released || this.state !== LifecycleState.WARM_UP) return super.observeWindow(window, nowNs);
    // Windows measured while switching mix both sources: not evidence for anything.
    if (this.#stable) return undefined;
    const verdict = this.#gate.observe(window);
    // Keep exactly the gate's current run of stable windows (it restarts on over-budget / spread).
    this.#windows.push(window);
    while (this.#windows.length > verdict.stableWindows) this.#windows.shift();
    if (!verdict.complete) return undefined;
    this.#stable = true;
    this.onStable?.(verdict, nowNs);
    return undefined;
  }

  /** After the switch: the stable warm-up windows go to the ordinary gate (→ READY, or DEGRADED). */
  release(nowNs: number): LifecycleTransition | undefined {
    if (this.#released) return undefined;
    this.#released = true;
    let last: LifecycleTransition | undefined;
    for (const w of this.#windows) last = super.observeWindow(w, nowNs) ?? last;
    return last;
  }
}
