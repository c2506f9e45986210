// Drives the gateway agent without starving its socket. AgentRunner blocks its thread (spin or
// Atomics.wait), which would stop libuv from ever delivering the venue's bytes; here every
// duty-cycle burst is one event-loop task:
//   busy:  run doWork up to `burst` times, then setImmediate → the loop polls sockets (zero
//          timeout) between bursts, so venue answers are read within one burst;
//   idle:  after `spinTurns` empty turns, park: flag each order queue CONSUMER_PARKED and
//          Atomics.waitAsync on its tail (a decision worker's flush notifies), with a timeout
//          of the next order deadline (TIMEOUT completions stay on time) capped at maxParkMs.
//          Socket callbacks keep running while parked: waitAsync does not block the loop.
// Cost: a parked wake allocates a promise per queue (once per idle → busy transition, not per
// order); setImmediate allocates a small Immediate per busy turn. Measured in the gateway test.
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
  private parkTimer: NodeJS.Timeout | undefined;
  private readonly turn = (): void => this.runTurn();
  private readonly onWake = (): void => this.wake();
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
    setImmediate(this.turn);
  }

  /** Stops after the current turn; runs the agent's onClose. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.parkTimer !== undefined) clearTimeout(this.parkTimer);
    this.unflag();
    this.agent.onClose();
  }

  private runTurn(): void {
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
      setImmediate(this.turn);
    } else if (++this.idleTurns < this.options.spinTurns) {
      setImmediate(this.turn);
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
    this.parkTimer = setTimeout(this.onWake, timeout);
  }

  private wake(): void {
    if (!this.parked || this.stopped) return;
    this.parked = false;
    if (this.parkTimer !== undefined) clearTimeout(this.parkTimer);
    this.parkTimer = undefined;
    this.unflag();
    setImmediate(this.turn);
  }

  private unflag(): void {
    for (const q of this.queues) {
      Atomics.store(q.i32, Q.CONSUMER_PARKED_INDEX, 0);
      // Release our pending waitAsync so it does not pile up: a notify with no change of tail.
      Atomics.notify(q.i32, Q.TAIL_INDEX);
    }
  }
}
