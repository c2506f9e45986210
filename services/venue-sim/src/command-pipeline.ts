// The venue's ack latency, transport independent: each command waits its sampled delay before
// the engine processes it, in arrival order (a command's due time is never before the previous
// one's, so a cancel cannot overtake its order's acceptance). A stall window holds everything;
// when it ends, every command that came due meanwhile is processed at once, in order — none
// lost, none twice. One timer, armed for the head of the queue.
import { performance } from 'node:perf_hooks';

interface Pending<C> {
  due: number;
  cmd: C;
}

/** Commands processed per event-loop turn before yielding (a stall release can be large). */
const BATCH = 10_000;

export class CommandPipeline<C> {
  private readonly queue: Pending<C>[] = [];
  private head = 0;
  private lastDue = 0;
  private stallUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly process: (cmd: C) => void;
  private readonly sampleDelayMs: () => number;
  private readonly maxPending: number;
  /** Stall windows started (setStall with ms > 0). */
  stallsStarted = 0;

  constructor(process: (cmd: C) => void, sampleDelayMs: () => number, maxPending: number) {
    this.process = process;
    this.sampleDelayMs = sampleDelayMs;
    this.maxPending = maxPending;
  }

  /** Queues `cmd`; false when maxPending commands are already waiting (nothing queued). */
  submit(cmd: C): boolean {
    if (this.closed || this.pending() >= this.maxPending) return false;
    const due = Math.max(performance.now() + this.sampleDelayMs(), this.lastDue);
    this.lastDue = due;
    this.queue.push({ due, cmd });
    if (this.pending() === 1) this.arm();
    return true;
  }

  /** Stops processing for `ms` from now (0 ends a stall at once); queued commands wait. */
  setStall(ms: number): void {
    if (ms > 0) this.stallsStarted++;
    this.stallUntil = performance.now() + Math.max(0, ms);
    this.arm();
  }

  stalled(): boolean {
    return performance.now() < this.stallUntil;
  }

  pending(): number {
    return this.queue.length - this.head;
  }

  /** Drops the timer; queued commands are abandoned. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.pending() === 0) return;
    const now = performance.now();
    const at = Math.max(this.queue[this.head]!.due, this.stallUntil);
    // Timers fire in whole milliseconds: round up so nothing is processed before it is due.
    this.timer = setTimeout(() => this.drain(), Math.max(0, Math.ceil(at - now)));
  }

  private drain(): void {
    this.timer = undefined;
    const now = performance.now();
    let n = 0;
    while (!this.closed && this.pending() > 0 && n < BATCH && now >= this.stallUntil) {
      const p = this.queue[this.head]!;
      if (p.due > now) break;
      this.queue[this.head++] = undefined as unknown as Pending<C>;
      n++;
      this.process(p.cmd);
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (n === BATCH) {
      setImmediate(() => this.drain());
      return;
    }
    this.arm();
  }
}
