// A gateway that sends nothing anywhere: it drains decision workers' order queues and answers
// every command at once through their completion queues. Used for WARM-UP ("orders to a sink",
// the whole pipeline exercised without a venue) and by tests as a real counterparty.
// An Agent like the real gateway; allocation free after construction.
//
// Answers (mode):
//   NEW    → ACCEPTED, then in 'fill' mode FILLED at the limit price, in 'expire' mode
//            CANCELED (as an IOC that found nothing), in 'accept' mode nothing more (stays open)
//   CANCEL → CANCELED (the order is out)
// SENT_NS is stamped when the command is read, ACKED_NS just after: the sink's "venue" is free.
// A completion queue without room for an answer is never overrun: the sink stops draining that
// worker's orders until the worker has consumed its completions (backpressure reaches the
// worker's order queue, where it becomes LOCAL_REJECT EXEC_BACKLOG).
import type { Agent, SpscHandler } from '@ringside/ring';
import { SpscQueue } from '@ringside/ring';
import { CompletionReason, CompletionStatus } from './completion-descriptor.ts';
import { CompletionWriter } from './completion-writer.ts';
import { OrderKind, OrderCommandDescriptor as O } from './order-command-descriptor.ts';

export type SinkMode = 'accept' | 'fill' | 'expire';

/** One decision worker's pair of queues, as the gateway side sees them (buffers). */
export interface SinkLink {
  readonly orders: SharedArrayBuffer;
  readonly completions: SharedArrayBuffer;
}

const KIND_W = O.KIND_OFFSET >> 2;
const PRICE_W = O.PRICE_OFFSET >> 2;
const QUANTITY_W = O.QUANTITY_OFFSET >> 2;
/** Most orders answered per worker per duty cycle. */
const DEFAULT_LIMIT = 64;

export class SinkGateway implements Agent {
  readonly roleName = 'sink-gateway';
  readonly mode: SinkMode;
  /** [0] commands answered, [1] completions written. */
  readonly stats = new Float64Array(2);
  private readonly handlers: SinkHandler[];
  private readonly limit: number;

  constructor(links: readonly SinkLink[], mode: SinkMode = 'expire', limit = DEFAULT_LIMIT) {
    this.mode = mode;
    this.limit = limit;
    this.handlers = links.map(
      (l) => new SinkHandler(SpscQueue.attach(l.orders), SpscQueue.attach(l.completions), mode, this.stats),
    );
  }

  doWork(): number {
    let work = 0;
    const limit = this.limit;
    for (let i = 0; i < this.handlers.length; i++) work += this.handlers[i]!.drain(limit);
    return work;
  }
}

class SinkHandler implements SpscHandler {
  private readonly orders: SpscQueue;
  private readonly completions: SpscQueue;
  private readonly writer: CompletionWriter;
  private readonly answersPerNew: number;
  private readonly fill: boolean;
  private readonly stats: Float64Array;

  constructor(orders: SpscQueue, completions: SpscQueue, mode: SinkMode, stats: Float64Array) {
    this.orders = orders;
    this.completions = completions;
    this.writer = new CompletionWriter(completions.i32, completions.f64);
    this.answersPerNew = mode === 'accept' ? 1 : 2;
    this.fill = mode === 'fill';
    this.stats = stats;
  }

  drain(limit: number): number {
    // Room for the worst case (two answers per order) of every order taken.
    const room = ((this.completions.capacity - this.completions.size()) / 2) | 0;
    const n = room < limit ? room : limit;
    if (n <= 0) return 0;
    const done = this.orders.poll(this, n);
    if (done > 0) this.completions.flush();
    return done;
  }

  onEvent(_bytes: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    const kind = i32[(offset >> 2) + KIND_W]!;
    const stats = this.stats;
    stats[0]++;
    if (kind === OrderKind.CANCEL) {
      this.answer(i32, f64, offset, CompletionStatus.CANCELED, 0, 0);
      return;
    }
    const qty = i32[(offset >> 2) + QUANTITY_W]!;
    this.answer(i32, f64, offset, CompletionStatus.ACCEPTED, 0, qty);
    if (this.answersPerNew === 2) {
      if (this.fill) this.answer(i32, f64, offset, CompletionStatus.FILLED, qty, 0);
      else this.answer(i32, f64, offset, CompletionStatus.CANCELED, 0, 0);
    }
  }

  private answer(
    i32: Int32Array,
    f64: Float64Array,
    offset: number,
    status: number,
    filled: number,
    leaves: number,
  ): void {
    const q = this.completions;
    const at = q.claim();
    if (at < 0) return; // unreachable: drain reserved the room
    const w = this.writer;
    w.begin(at, status, CompletionReason.NONE);
    w.copyOrder(i32, f64, offset);
    w.stampSent();
    w.stampAcked();
    w.setQuantities(filled, leaves);
    if (filled > 0) w.setFillPrice(i32[(offset >> 2) + PRICE_W]!);
    q.commit();
    this.stats[1]++;
  }
}
