// Zero-GC check of the gateway agent's own order path, in its own thread, without sockets:
// the warm-up sink route (every NEW answered locally, every Nth traced WARM_UP) and then the
// venue route against a synchronous in-thread venue (every first answer recorded as latency
// samples and every Nth traced). Orders are written into the order queue as a decision worker
// writes them, completions drained as it drains them. A PerformanceObserver counts this
// thread's 'gc' entries over each measured phase (after a warm-up so the code is optimized);
// an allocating control loop proves the observer sees collections here.
import { parentPort, workerData } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SampleRing, createSampleRingBuffer } from '@ringside/counters';
import { nowNs, stampNs } from '@ringside/ring';
import type { SpscHandler } from '@ringside/ring';
import { GatewayAgent } from '../../src/gateway/gateway-agent.ts';
import { GatewayRoute, createGatewayRouteBuffer, routeToVenue } from '../../src/gateway/gateway-config.ts';
import { GatewayTallies } from '../../src/gateway/gateway-counters.ts';
import { VenueEvent, VenueEventField as E, VenueEventKind } from '../../src/gateway/venue-adapter.ts';
import type { VenueAdapter, VenueEventSink } from '../../src/gateway/venue-adapter.ts';
import { CompletionDescriptor as C, CompletionStatus } from '../../src/orders/completion-descriptor.ts';
import {
  OrderKind,
  OrderCommandDescriptor as O,
  TimeInForce,
} from '../../src/orders/order-command-descriptor.ts';
import { OrderCommandWriter } from '../../src/orders/order-command-writer.ts';
import { createCompletionQueue, createOrderQueue } from '../../src/orders/order-queues.ts';
import { TraceRingReader } from '../../src/sidecar/trace-ring-reader.ts';
import { createTraceRingBuffer } from '../../src/sidecar/trace-sampler.ts';

export interface GatewayAgentGcData {
  readonly warmup: number;
  readonly orders: number;
  readonly traceEvery: number;
}

export interface GatewayAgentGcPhase {
  readonly gc: number;
  readonly ms: number;
  readonly orders: number;
  readonly filled: number;
  readonly canceled: number;
  readonly traces: number;
  readonly lastTraceFlags: number;
  readonly lastTraceStatus: number;
  readonly lastTraceOrdered: boolean;
}

const PENDING = 4096;

/** Answers every order it is sent, when told to: ACCEPTED then EXECUTED (filled). No allocation. */
class SyncVenue implements VenueAdapter {
  readonly name = 'sync';
  readonly event = new VenueEvent();
  readonly hi = new Int32Array(PENDING);
  readonly lo = new Int32Array(PENDING);
  readonly qty = new Int32Array(PENDING);
  pending = 0;
  sink: VenueEventSink | null = null;
  start(sink: VenueEventSink): void {
    this.sink = sink;
    sink.onSessionUp();
  }
  isUp(): boolean {
    return true;
  }
  sendNew(i32: Int32Array, f64: Float64Array, offset: number): number {
    const id = f64[(offset >> 3) + (O.CLIENT_ORDER_ID_OFFSET >> 3)]!;
    const n = this.pending++;
    this.hi[n] = (id / 4294967296) | 0;
    this.lo[n] = (id % 4294967296) | 0;
    this.qty[n] = i32[(offset >> 2) + (O.QUANTITY_OFFSET >> 2)]!;
    return 64;
  }
  sendCancel(): number {
    return 64;
  }
  answerAll(): void {
    const sink = this.sink!;
    const e = this.event.i32;
    for (let n = 0; n < this.pending; n++) {
      e[E.ID_HI] = this.hi[n]!;
      e[E.ID_LO] = this.lo[n]!;
      e[E.KIND] = VenueEventKind.ACCEPTED;
      e[E.SHARES] = this.qty[n]!;
      sink.onVenueEvent(this.event);
      e[E.KIND] = VenueEventKind.EXECUTED;
      e[E.PRICE] = 100_0000;
      sink.onVenueEvent(this.event);
    }
    this.pending = 0;
    sink.onReadComplete();
  }
  stats(): Record<string, number> {
    return {};
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Counts terminal completions the way a decision worker drains them. */
class Drain implements SpscHandler {
  readonly counts = new Float64Array(2);
  /** Completions by status (index: CompletionStatus). */
  readonly byStatus = new Float64Array(16);
  onEvent(_b: Uint8Array, i32: Int32Array, _f: Float64Array, _dv: DataView, offset: number): void {
    const status = i32[(offset + C.STATUS_OFFSET) >> 2]!;
    this.byStatus[status & 15]++;
    if (status === CompletionStatus.FILLED) this.counts[0]++;
    else if (status === CompletionStatus.CANCELED) this.counts[1]++;
  }
}

const data = workerData as GatewayAgentGcData;
// A full collection before each measured phase, so garbage left by the warm-up (JIT, the trace
// reader's records) cannot trigger a scavenge inside the window and be blamed on the agent.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const orders = createOrderQueue(PENDING);
const completions = createCompletionQueue(1 << 16);
const route = createGatewayRouteBuffer(GatewayRoute.SINK);
const traceRing = createTraceRingBuffer(1024, data.traceEvery);
const venue = new SyncVenue();
const agent = new GatewayAgent(
  [{ workerId: 0, orders: orders.buffer, completions: completions.buffer }],
  venue,
  new GatewayTallies(null, null),
  SampleRing.attach(createSampleRingBuffer(1 << 14)),
  // timeoutMs 5: the deadline ring holds maxInFlight × 4 entries, popped only when due, so a
  // long timeout would cap the rate at 16384 orders per timeout (then EXEC_BACKLOG).
  { timeoutMs: 5, maxInFlight: 4096, drainLimit: 64, backlogCapacity: 8192, route, traces: traceRing },
);
agent.onStart();
const writer = new OrderCommandWriter(orders.i32, orders.f64);
const drain = new Drain();
const ids = new Float64Array(1);
const ORDER_ID_D = O.CLIENT_ORDER_ID_OFFSET >> 3;
const REQUEST_ID_D = O.REQUEST_ID_OFFSET >> 3;
const FEED_SEQUENCE_D = O.FEED_SEQUENCE_OFFSET >> 3;

/** `n` NEW orders, 32 per duty cycle, each answered before the next batch. */
function run(n: number): void {
  const f64 = orders.f64;
  for (let sent = 0; sent < n;) {
    for (let k = 0; k < 32 && sent < n; k++) {
      const at = orders.claim();
      if (at < 0) break;
      ids[0] += 1;
      writer.begin(at, OrderKind.NEW, 0, 0);
      f64[(at >> 3) + ORDER_ID_D] = ids[0]!;
      f64[(at >> 3) + REQUEST_ID_D] = ids[0]!;
      f64[(at >> 3) + FEED_SEQUENCE_D] = ids[0]!;
      stampNs(f64, (at + O.INGEST_NS_OFFSET) >> 3);
      stampNs(f64, (at + O.PUBLISH_NS_OFFSET) >> 3);
      stampNs(f64, (at + O.DECISION_READ_NS_OFFSET) >> 3);
      writer.setOrder(1, 66, 100_0000, 10, TimeInForce.DAY);
      writer.stampEnqueued();
      orders.commit();
      sent++;
    }
    orders.flush();
    agent.doWork();
    venue.answerAll();
    completions.poll(drain, 4096);
  }
}

const reader = TraceRingReader.attach(traceRing);
let gcEntries = 0;
const observer = new PerformanceObserver((list) => {
  gcEntries += list.getEntries().length;
});
observer.observe({ entryTypes: ['gc'] });

async function phase(): Promise<GatewayAgentGcPhase> {
  run(data.warmup);
  reader.drain(1 << 20);
  collect();
  await sleep(50);
  const missedBefore = reader.missed;
  const before = { gc: gcEntries, filled: drain.counts[0]!, canceled: drain.counts[1]! };
  const t0 = performance.now();
  run(data.orders);
  const ms = performance.now() - t0;
  await sleep(100); // the observer delivers asynchronously
  const gc = gcEntries - before.gc;
  const traces = reader.drain(1 << 20);
  const last = traces.at(-1);
  // The ring holds its last 1024 records; the older ones are counted missed by the reader.
  const sampled = traces.length + reader.missed - missedBefore;
  return {
    gc,
    ms,
    orders: data.orders,
    filled: drain.counts[0]! - before.filled,
    canceled: drain.counts[1]! - before.canceled,
    traces: sampled,
    lastTraceFlags: last?.flags ?? -1,
    lastTraceStatus: last?.status ?? -1,
    lastTraceOrdered:
      last !== undefined &&
      last.ingestNs > 0 &&
      last.ingestNs <= last.ringPublishNs &&
      last.ringPublishNs <= last.decisionReadNs &&
      last.decisionReadNs <= last.enqueuedNs &&
      last.enqueuedNs <= last.sentNs &&
      last.sentNs <= last.ackedNs &&
      last.mdSequence === last.orderId,
  };
}

const sink = await phase();
routeToVenue(route, nowNs());
const venuePhase = await phase();
let keep: { i: number; s: string }[] = [];
const beforeControl = gcEntries;
for (let i = 0; i < 2_000_000; i++) {
  keep.push({ i, s: `e${i}` });
  if (keep.length > 10_000) keep = [];
}
await sleep(100);
observer.disconnect();
parentPort?.postMessage({
  byStatus: Array.from(drain.byStatus),
  sink,
  venue: venuePhase,
  controlGc: gcEntries - beforeControl,
  keep: keep.length,
});
