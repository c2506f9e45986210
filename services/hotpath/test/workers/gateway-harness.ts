// Test-side producer and collector for the gateway tests: writes order commands into order
// queues as a decision worker would, and reads completions back (control-plane code: it may
// allocate; the gateway under test runs in its own worker thread).
import { nowNs } from '@ringside/ring';
import type { SpscHandler, SpscQueue } from '@ringside/ring';
import { stockKey } from '@ringside/protocols';
import { CompletionReader } from '../../src/orders/completion-reader.ts';
import { OrderCommandWriter } from '../../src/orders/order-command-writer.ts';
import { OrderKind, OrderSide } from '../../src/orders/order-command-descriptor.ts';
import { clientOrderIdOf } from '../../src/orders/client-order-id.ts';

export interface SeenCompletion {
  status: number;
  reason: number;
  clientOrderId: number;
  commandKind: number;
  strategyId: number;
  venueRejectCode: number;
  requestId: number;
  stamps: number[];
}

export class TestProducer {
  readonly workerId: number;
  private readonly orders: SpscQueue;
  private readonly writer: OrderCommandWriter;
  private counter = 0;

  constructor(workerId: number, orders: SpscQueue) {
    this.workerId = workerId;
    this.orders = orders;
    this.writer = new OrderCommandWriter(orders.i32, orders.f64);
  }

  /**
   * Offers one NEW order; returns its client order id, or -1 when the queue is full. Sides
   * alternate (sell first) unless `side` is given.
   */
  submit(strategyId: number, price: number, quantity: number, tif: number, side?: number): number {
    const n = ++this.counter;
    const s = side ?? (n % 2 === 0 ? OrderSide.BUY : OrderSide.SELL);
    return this.write(
      OrderKind.NEW,
      strategyId,
      clientOrderIdOf(this.workerId, n),
      n,
      price,
      quantity,
      tif,
      s,
    );
  }

  /** Offers a CANCEL of order `orderId`; returns the request id, or -1 when the queue is full. */
  cancel(strategyId: number, orderId: number): number {
    const n = ++this.counter;
    return this.write(OrderKind.CANCEL, strategyId, orderId, n, 1, 1, 0, OrderSide.BUY);
  }

  private write(
    kind: number,
    strategyId: number,
    orderId: number,
    n: number,
    price: number,
    quantity: number,
    tif: number,
    side: number,
  ): number {
    const at = this.orders.claim();
    if (at < 0) return -1;
    const request = clientOrderIdOf(this.workerId, n);
    const w = this.writer;
    w.begin(at, kind, this.workerId, strategyId);
    w.setClientOrderId(orderId);
    w.setRequestId(request);
    w.setStockKey(stockKey('TEST'));
    const t = nowNs();
    w.setIngestNs(t - 3000);
    w.setPublishNs(t - 2000);
    w.setDecisionReadNs(t - 1000);
    w.setOrder(1, side, price, quantity, tif);
    w.stampEnqueued();
    this.orders.commit();
    this.orders.flush();
    return kind === OrderKind.NEW ? orderId : request;
  }
}

export class TestCollector implements SpscHandler {
  readonly seen: SeenCompletion[] = [];
  private readonly reader = new CompletionReader();
  private readonly queue: SpscQueue;

  constructor(queue: SpscQueue) {
    this.queue = queue;
  }

  poll(): number {
    return this.queue.poll(this, 4096);
  }

  onEvent(_b: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    const r = this.reader.wrap(i32, f64, offset);
    this.seen.push({
      status: r.status,
      reason: r.reason,
      clientOrderId: r.clientOrderId,
      commandKind: r.commandKind,
      strategyId: r.strategyId,
      venueRejectCode: r.venueRejectCode,
      requestId: r.requestId,
      stamps: [r.ingestNs, r.publishNs, r.decisionReadNs, r.enqueuedNs, r.sentNs, r.ackedNs],
    });
  }

  byOrder(): Map<number, SeenCompletion[]> {
    const m = new Map<number, SeenCompletion[]>();
    for (const c of this.seen) {
      const list = m.get(c.clientOrderId) ?? [];
      list.push(c);
      m.set(c.clientOrderId, list);
    }
    return m;
  }
}

/** Polls `collect` every few ms until `done()` or the deadline; returns whether done. */
export async function until(done: () => boolean, collect: () => void, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (let i = 0; i < 100_000 && performance.now() < deadline; i++) {
    collect();
    if (done()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  collect();
  return done();
}
