// One decision worker's completion queue as the gateway writes it, with a local backlog: a
// full completion queue never loses a completion and never stalls the gateway. While the
// backlog holds anything, new completions go behind it (order per worker is preserved); each
// duty cycle moves what fits from the backlog into the queue. Only when the backlog is full
// too is a completion lost, and that is counted (COMPLETIONS_LOST), never silent.
import { SpscQueue } from '@ringside/ring';
import type { SpscHandler } from '@ringside/ring';
import { CompletionDescriptor } from '../orders/completion-descriptor.ts';
import { CompletionWriter } from '../orders/completion-writer.ts';
import { createCompletionQueue } from '../orders/order-queues.ts';
import { GatewayTally } from './gateway-counters.ts';

const SLOT_BYTES = CompletionDescriptor.SLOT_BYTES;

export class CompletionOutbox implements SpscHandler {
  readonly queue: SpscQueue;
  readonly backlog: SpscQueue;
  private readonly queueWriter: CompletionWriter;
  private readonly backlogWriter: CompletionWriter;
  private readonly tallies: Float64Array;
  /** 1 when the last begin() claimed a backlog slot, 0 for the queue, -1 for none. */
  private target = -1;

  constructor(completions: SharedArrayBuffer, backlogCapacity: number, tallies: Float64Array) {
    this.queue = SpscQueue.attach(completions);
    this.backlog = createCompletionQueue(backlogCapacity);
    this.queueWriter = new CompletionWriter(this.queue.i32, this.queue.f64);
    this.backlogWriter = new CompletionWriter(this.backlog.i32, this.backlog.f64);
    this.tallies = tallies;
  }

  /**
   * Starts a completion: returns the writer positioned on a claimed slot (queue or backlog),
   * or null when both are full (counted lost). Fill it, then commit().
   */
  begin(status: number, reason: number): CompletionWriter | null {
    if (this.backlog.size() === 0) {
      const at = this.queue.claim();
      if (at >= 0) {
        this.target = 0;
        this.queueWriter.begin(at, status, reason);
        return this.queueWriter;
      }
    }
    this.tallies[GatewayTally.COMPLETION_QUEUE_FULL]++;
    const at = this.backlog.claim();
    if (at < 0) {
      this.target = -1;
      this.tallies[GatewayTally.COMPLETIONS_LOST]++;
      return null;
    }
    this.target = 1;
    this.backlogWriter.begin(at, status, reason);
    return this.backlogWriter;
  }

  commit(): void {
    if (this.target === 0) {
      this.queue.commit();
      this.tallies[GatewayTally.COMPLETIONS_WRITTEN]++;
    } else if (this.target === 1) {
      this.backlog.commit();
      this.backlog.flush();
    }
    this.target = -1;
  }

  /** Publishes committed completions to the decision worker (one store, wakes it if parked). */
  flush(): void {
    this.queue.flush();
  }

  /** Moves as many backlog completions as the queue has room for; returns how many. */
  drainBacklog(): number {
    const waiting = this.backlog.size();
    if (waiting === 0) return 0;
    const room = this.queue.capacity - this.queue.size();
    const n = room < waiting ? room : waiting;
    if (n <= 0) return 0;
    const moved = this.backlog.poll(this, n);
    this.queue.flush();
    return moved;
  }

  /** Completions waiting in the backlog. */
  pending(): number {
    return this.backlog.size();
  }

  /** Backlog → queue copy of one slot (drainBacklog reserved the room). */
  onEvent(bytes: Uint8Array, _i32: Int32Array, _f64: Float64Array, _dv: DataView, offset: number): void {
    const at = this.queue.claim();
    if (at < 0) return;
    const dst = this.queue.bytes;
    for (let k = 0; k < SLOT_BYTES; k++) dst[at + k] = bytes[offset + k]!;
    this.queue.commit();
    this.tallies[GatewayTally.COMPLETIONS_WRITTEN]++;
  }
}
