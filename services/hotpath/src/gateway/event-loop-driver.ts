// Drives the gateway agent without starving its socket. AgentRunner blocks its thread (spin or
// Atomics.wait), which would stop libuv from ever delivering the venue's bytes; here every
// duty-cycle burst is one event-loop task:
//   busy:  run doWork up to `burst` times, then setImmediate → the loop polls sockets (zero
//          timeout) between bursts, so venue answers are read within one burst;
//   idle:  after `spinTurns` empty turns, park: flag each order queue CONSUMER_PARKED and
//          Atomics.waitAsync on its tail (a decision worker's flush notifies), with a timeout
//          of the next order deadline (TIMEOUT completions stay on time) capped at maxParkMs.
//          Socket callbacks keep running while parked: waitAsync does not block the loop.
// Allocation (the gateway's GC budget): a park costs one waitAsync promise (+ its then) per
// queue — unavoidable with waitAsync. Everything else is reused: the park timer is one Timeout
// re-armed with refresh() (a stale expiry finds the driver awake and does nothing), a wake runs
// its turn at once from the notify / timer callback instead of scheduling an Immediate, and a
// timed wake that finds nothing parks again without spinning. Immediates (~100 B each) remain
// only for busy turns and the short idle spin after work. Measured in the gateway GC test.
import { SpscQueueDescriptor as Q } from '@ringside/ring';
import type { SpscQueue } from '@ringside/ring';
import type { GatewayAgent } from './gateway-agent.ts';

export interface EventLoopDriverOptions {
  /** doWork calls per event-loop turn while busy. */
  readonly burst: number;
  /** Empty turns (setImmediate) before parking. */
  readonly spinTurns: number;
  /** Longest park (ms). */
  readonly maxParkMs: number;
}

export class EventLoopDriver {
  readonly agent: GatewayAgent;
  /** [0] turns, [1] parks, [2] wakes by notify, [3] doWork calls. */
  readonly stats = new Float64Array(4);
  private readonly options: EventLoopDriverOptions;
  private readonly queues: readonly SpscQueue[];
  private idleTurns = 0;
  private stopped = false;
  private parked = false;
  /** An Immediate for `turn` is pending (never two). */
  private scheduled = false;
  /** The one park timer, re-armed by refresh() while its duration stays the same. */
  private parkTimer: NodeJS.Timeout | undefined;
  private parkTimerMs = -1;
  private readonly turn = (): void => {
    this.scheduled = false;
    this.runTurn(false);
  };
  private readonly onTimer = (): void => {
    // Nothing woke us before the deadline: a turn, then straight back to the park if idle.
    if (this.parked) this.idleTurns = this.options.spinTurns;
    this.wake();
  };
  private readonly onNotified = (value: 'ok' | 'timed-out'): void => {
    if (value === 'ok') this.stats[2]++;
    this.wake();
  };

  constructor(agent: GatewayAgent, options: EventLoopDriverOptions) {
    this.agent = agent;
    this.options = options;
    this.queues = agent.orderQueues();
  }

  start(): void {
    this.agent.onStart();
    this.schedule();
  }

  /** Stops after the current turn; runs the agent's onClose. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.parkTimer !== undefined) clearTimeout(this.parkTimer);
    this.unflag();
    this.agent.onClose();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.turn);
  }

  /**
   * One burst. `woken`: called from a wake (a microtask or the timer), where releasing the
   * other queues' waiters has queued callbacks that must not find a new park: an idle woken
   * turn schedules the next turn instead of parking in place.
   */
  private runTurn(woken: boolean): void {
    if (this.stopped) return;
    const stats = this.stats;
    stats[0]++;
    let work = 0;
    const burst = this.options.burst;
    for (let i = 0; i < burst; i++) {
      stats[3]++;
      const w = this.agent.doWork();
      work += w;
      if (w === 0) break;
    }
    if (work > 0) {
      this.idleTurns = 0;
      this.schedule();
    } else if (woken || ++this.idleTurns < this.options.spinTurns) {
      this.schedule();
    } else {
      this.park();
    }
  }

  private park(): void {
    this.idleTurns = 0;
    this.stats[1]++;
    this.parked = true;
    let timeout = this.agent.nextDeadlineInMs();
    if (!(timeout < this.options.maxParkMs)) timeout = this.options.maxParkMs;
    if (timeout < 0) timeout = 0;
    for (const q of this.queues) {
      const i32 = q.i32;
      Atomics.store(i32, Q.CONSUMER_PARKED_INDEX, 1);
      const r = Atomics.waitAsync(i32, Q.TAIL_INDEX, Atomics.load(i32, Q.HEAD_INDEX));
      if (!r.async) {
        // Published between our poll and the flag: no sleep at all.
        this.wake();
        return;
      }
      void r.value.then(this.onNotified);
    }
    this.armTimer(timeout);
  }

  private armTimer(ms: number): void {
    const timer = this.parkTimer;
    if (timer !== undefined && ms === this.parkTimerMs) {
      timer.refresh();
      return;
    }
    if (timer !== undefined) clearTimeout(timer);
    this.parkTimerMs = ms;
    this.parkTimer = setTimeout(this.onTimer, ms);
  }

  private wake(): void {
    if (!this.parked || this.stopped) return;
    this.parked = false;
    this.unflag();
    this.runTurn(true);
  }

  private unflag(): void {
    for (const q of this.queues) {
      Atomics.store(q.i32, Q.CONSUMER_PARKED_INDEX, 0);
      // Release our pending waitAsync so it does not pile up: a notify with no change of tail.
      Atomics.notify(q.i32, Q.TAIL_INDEX);
    }
  }
}
