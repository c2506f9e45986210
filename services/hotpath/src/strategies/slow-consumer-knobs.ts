// Two runtime knobs that make a decision worker a slow consumer the way real ones are slow, set
// over the admin API (SetStrategyParam) and shared by the shipped strategies:
// - workNs: busy work per market event (a strategy whose maths is too heavy for the feed rate):
//   the worker spins on the monotonic clock until the deadline. It burns its own CPU only,
//   allocates nothing, and is capped at MAX_WORK_NS per event. It runs per strategy call: under
//   CONFLATE shedding a lagging worker calls its strategy once per instrument per drained batch,
//   so the work per EVENT shrinks — to stay slow under shedding, set it per batch (ms, not µs).
// - stallMs: one-shot: the worker's thread blocks once for that long (a blocking call, a long GC
//   pause), right when the command is applied — whatever the worker's ring state, so a stall
//   also hits an isolated worker that receives no market events. It blocks in Atomics.wait on a
//   PRIVATE word with a timeout: nobody else waits on or notifies that word, so no other thread
//   is involved (V8 releases its futex mutex while the thread sleeps).
// Why not throttle the thread from outside (cgroup CPU quota, packages/chaos thread-fault.ts):
// V8 guards every Atomics.wait/notify of the process with one mutex (FutexEmulation), and a
// thread starved of CPU while holding it stalls every other parked worker (docs/ARCHITECTURE.md).
import { stampNs } from '@ringside/ring';

/** Param ids the knobs answer to; strategies keep their own ids below KNOB_PARAM_BASE. */
export const SlowConsumerParam = { WORK_NS: 1001, STALL_MS: 1002 } as const;
export const KNOB_PARAM_BASE = 1000;

/** Name → id, as SetStrategyParam names them. */
export const slowConsumerParamIds: ReadonlyMap<string, number> = new Map([
  ['workNs', SlowConsumerParam.WORK_NS],
  ['stallMs', SlowConsumerParam.STALL_MS],
]);

/** Longest busy work per event: 10 ms (a bound, so a typo cannot wedge the worker for long). */
export const MAX_WORK_NS = 10_000_000;
/** Longest one-shot stall: 60 s. */
export const MAX_STALL_MS = 60_000;
/** Clock reads per busy-work call at most (a second bound, should the clock misbehave). */
const MAX_SPIN_READS = 10_000_000;

export class SlowConsumerKnobs {
  /** Busy work per market event, ns (0 = none). */
  workNs = 0;
  /** [0] stalls taken, [1] events given busy work (typed: never boxed). */
  readonly stats = new Float64Array(2);
  /** [0] now, [1] deadline. */
  private readonly clock = new Float64Array(2);
  /** Never notified: Atomics.wait on it always runs to its timeout. */
  private readonly privateWord = new Int32Array(new SharedArrayBuffer(4));

  /**
   * Applies a knob command (a stall is taken now, on the calling worker thread); false if `param`
   * is not a knob id (the strategy's own, or unknown).
   */
  apply(param: number, value: number): boolean {
    const v = value > 0 ? value : 0;
    if (param === SlowConsumerParam.WORK_NS) {
      this.workNs = v < MAX_WORK_NS ? Math.floor(v) : MAX_WORK_NS;
      return true;
    }
    if (param === SlowConsumerParam.STALL_MS) {
      if (v > 0) this.stall(v < MAX_STALL_MS ? v : MAX_STALL_MS);
      return true;
    }
    return false;
  }

  /** Call once per market event: the busy work, if any. */
  onMarketEvent(): void {
    if (this.workNs > 0) this.work();
  }

  private stall(ms: number): void {
    this.stats[0]++;
    Atomics.wait(this.privateWord, 0, 0, ms);
  }

  private work(): void {
    const c = this.clock;
    stampNs(c, 1);
    c[1] = c[1]! + this.workNs;
    this.stats[1]++;
    for (let i = 0; i < MAX_SPIN_READS; i++) {
      stampNs(c, 0);
      if (c[0]! >= c[1]!) return;
    }
  }
}
