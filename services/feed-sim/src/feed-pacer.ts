// Moves messages from a source to the SoupBinTCP server at the configured pace without
// busy-spinning: each wake-up publishes every message that is due (a batch), so the achieved
// rate does not depend on timer precision. Node timers cannot wait less than 1 ms, which at
// 100 k msg/s made every batch ~120 messages (one socket read downstream, all waiting for the
// first). A wait shorter than 1 ms is therefore a short blocking sleep in the event loop
// (Atomics.wait on a private word, a futex with a timeout) of at least `paceQuantumUs`,
// followed by setImmediate: the loop still polls sockets between batches (flushes, logins,
// a venue-sim in the same process), each stall is bounded by the quantum, and the thread is
// asleep, not spinning, in between. Waits of 1 ms or more still use timers. Modes:
// - max: batches back to back, yielding to the event loop between batches (sockets drain);
// - rate: a credit of messages accrues at N/s (times the burst multiplier inside a burst
//   window); catch-up after a stall is capped at 100 ms of credit, so a stall shows as a lower
//   achieved rate instead of a hidden flood;
// - timestamps: a message is due when its ITCH timestamp, relative to the first one and divided
//   by the speed factor, has elapsed.
import { performance } from 'node:perf_hooks';
import type { SoupLogger } from '@ringside/protocols';
import type { FeedSource } from '@ringside/marketgen';
import type { FeedSimConfig } from './config.ts';

const MAX_BATCH = 8192;
const MAX_SLEEP_MS = 20;
const CATCH_UP_SECONDS = 0.1;
/** Below this (ms) a wait is a short blocking sleep, not a timer (Node timers round up to 1 ms). */
const TIMER_MIN_MS = 1;

export type PublishFn = (bytes: Uint8Array, offset: number, length: number) => number;

export type FinishReason = 'source exhausted' | 'max messages' | 'duration' | 'stopped' | 'publish failed';

export class FeedPacer {
  published = 0;
  /** Messages per ITCH type byte. */
  readonly byType = new Float64Array(256);
  startedAt = -1;
  finishedAt = -1;
  finishReason: FinishReason | undefined;
  burstWindows = 0;
  readonly done: Promise<FinishReason>;
  private resolveDone!: (r: FinishReason) => void;
  private readonly source: FeedSource;
  private readonly publish: PublishFn;
  private readonly config: FeedSimConfig;
  private readonly logger: SoupLogger;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private logTimer: NodeJS.Timeout | undefined;
  private credit = 0;
  private lastTick = 0;
  private wasInBurst = false;
  private pendingLength = 0;
  private firstTimestamp = -1;
  private lastLogged = 0;
  /** Shortest sub-millisecond wait (ms); 0 = messages paced one by one. */
  private readonly quantumMs: number;
  /** A word nobody ever notifies: Atomics.wait on it is a plain timed sleep. */
  private readonly sleepWord = new Int32Array(new SharedArrayBuffer(4));
  /** Sub-millisecond sleeps taken (each followed by one event-loop turn). */
  shortSleeps = 0;
  private sleepMs = 0;
  private readonly sleepThenTick = (): void => {
    this.immediate = undefined;
    if (this.finishReason !== undefined) return;
    Atomics.wait(this.sleepWord, 0, 0, this.sleepMs);
    this.tick();
  };

  constructor(source: FeedSource, publish: PublishFn, config: FeedSimConfig, logger: SoupLogger) {
    this.source = source;
    this.publish = publish;
    this.config = config;
    this.logger = logger;
    this.quantumMs = config.paceQuantumUs / 1000;
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get running(): boolean {
    return this.startedAt >= 0 && this.finishReason === undefined;
  }

  start(): void {
    if (this.startedAt >= 0) return;
    this.startedAt = performance.now();
    this.lastTick = this.startedAt;
    this.logger.info(
      { source: this.source.name, pacing: this.config.pacing, burst: this.config.burst },
      'streaming',
    );
    this.logTimer = setInterval(() => this.logProgress(), 1000);
    this.logTimer.unref();
    this.tick();
  }

  stop(): void {
    if (this.finishReason === undefined) this.finish('stopped');
  }

  /** Elapsed streaming time in ms (to the finish, once finished). */
  elapsedMs(): number {
    if (this.startedAt < 0) return 0;
    return (this.finishedAt >= 0 ? this.finishedAt : performance.now()) - this.startedAt;
  }

  /** Published messages per second over the streaming time. */
  achievedRate(): number {
    const ms = this.elapsedMs();
    return ms > 0 ? (this.published * 1000) / ms : 0;
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.finishReason !== undefined) return;
    const now = performance.now();
    const elapsed = now - this.startedAt;
    if (this.config.durationMs !== undefined && elapsed >= this.config.durationMs) {
      this.endEarly('duration', elapsed);
      return;
    }
    const pacing = this.config.pacing;
    if (pacing.mode === 'max') this.tickMax(elapsed);
    else if (pacing.mode === 'rate') this.tickRate(now, elapsed, pacing.messagesPerSecond);
    else this.tickTimestamps(elapsed, pacing.speed);
  };

  private tickMax(elapsed: number): void {
    for (let i = 0; i < MAX_BATCH; i++) if (!this.publishNext(elapsed)) return;
    this.immediate = setImmediate(this.tick);
  }

  private tickRate(now: number, elapsed: number, base: number): void {
    const rate = base * this.burstFactor(elapsed);
    const dt = (now - this.lastTick) / 1000;
    this.lastTick = now;
    this.credit = Math.min(this.credit + rate * dt, rate * CATCH_UP_SECONDS + 1);
    let n = Math.floor(this.credit);
    this.credit -= n;
    while (n > 0) {
      const batch = Math.min(n, MAX_BATCH);
      for (let i = 0; i < batch; i++) if (!this.publishNext(elapsed)) return;
      n -= batch;
    }
    this.wait(((1 - this.credit) / rate) * 1000);
  }

  /**
   * Runs tick again in `ms` (at least the quantum). Under 1 ms: one event-loop turn first (the
   * server's flush of this batch runs in it, ahead of us), then a blocking sleep, then the tick.
   */
  private wait(ms: number): void {
    if (ms >= TIMER_MIN_MS || this.quantumMs >= TIMER_MIN_MS) {
      this.timer = setTimeout(this.tick, Math.max(TIMER_MIN_MS, Math.min(MAX_SLEEP_MS, ms)));
      return;
    }
    this.sleepMs = ms > this.quantumMs ? ms : this.quantumMs;
    this.shortSleeps++;
    this.immediate = setImmediate(this.sleepThenTick);
  }

  // Inside the last burst.durationMs of every burst.everyMs period.
  private burstFactor(elapsed: number): number {
    const b = this.config.burst;
    if (b === undefined) return 1;
    const inBurst = elapsed % b.everyMs >= b.everyMs - b.durationMs;
    if (inBurst && !this.wasInBurst) this.burstWindows++;
    this.wasInBurst = inBurst;
    return inBurst ? b.multiplier : 1;
  }

  private tickTimestamps(elapsed: number, speed: number): void {
    const elapsedNs = elapsed * 1e6 * speed;
    const src = this.source;
    for (let i = 0; i < MAX_BATCH; i++) {
      if (this.pendingLength === 0) {
        const len = src.next(elapsed * 1e6);
        if (len === 0) {
          this.finish('source exhausted');
          return;
        }
        this.pendingLength = len;
        if (this.firstTimestamp < 0) this.firstTimestamp = src.timestampNs;
      }
      const dueIn = src.timestampNs - this.firstTimestamp - elapsedNs;
      if (dueIn > 0) {
        this.wait(dueIn / speed / 1e6);
        return;
      }
      if (!this.emit(this.pendingLength)) return;
      this.pendingLength = 0;
      if (this.limitReached(elapsed)) return;
    }
    this.immediate = setImmediate(this.tick);
  }

  /** Pulls and publishes one message; false when the run is over. */
  private publishNext(elapsed: number): boolean {
    const len = this.source.next(elapsed * 1e6);
    if (len === 0) {
      this.finish('source exhausted');
      return false;
    }
    if (!this.emit(len)) return false;
    return !this.limitReached(elapsed);
  }

  private emit(len: number): boolean {
    const src = this.source;
    const seq = this.publish(src.bytes, src.offset, len);
    if (seq < 0) {
      this.logger.warn({ status: seq, length: len }, 'publish failed; stopping the feed');
      this.finish('publish failed');
      return false;
    }
    this.published++;
    this.byType[src.bytes[src.offset]!] = this.byType[src.bytes[src.offset]!]! + 1;
    return true;
  }

  private limitReached(elapsed: number): boolean {
    const max = this.config.maxMessages;
    if (max === undefined || this.published < max) return false;
    this.endEarly('max messages', elapsed);
    return true;
  }

  // A bound was reached: let the source close (a generator's closing system events), then stop.
  private endEarly(reason: FinishReason, elapsed: number): void {
    this.source.finish();
    for (let len = this.source.next(elapsed * 1e6); len > 0; len = this.source.next(elapsed * 1e6)) {
      if (!this.emit(len)) return;
    }
    this.finish(reason);
  }

  private finish(reason: FinishReason): void {
    if (this.finishReason !== undefined) return;
    this.finishReason = reason;
    this.finishedAt = performance.now();
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    if (this.logTimer !== undefined) clearInterval(this.logTimer);
    this.logger.info(
      {
        reason,
        published: this.published,
        elapsedMs: Math.round(this.elapsedMs()),
        rate: Math.round(this.achievedRate()),
      },
      'feed finished',
    );
    this.resolveDone(reason);
  }

  private logProgress(): void {
    const delta = this.published - this.lastLogged;
    this.lastLogged = this.published;
    this.logger.info(
      { published: this.published, lastSecond: delta, rate: Math.round(this.achievedRate()) },
      'progress',
    );
  }
}
