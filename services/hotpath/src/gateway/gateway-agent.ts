// The gateway core (an Agent): drains every decision worker's order queue, keeps each order in
// the in-flight table, sends it through a VenueAdapter, turns the venue's answers into
// completions for the worker that sent it, reports TIMEOUT when no answer comes in time and
// UNKNOWN when the session is lost, and settles UNKNOWN orders once the venue has replayed
// what we missed. Every order gets at least one completion; a late answer is still delivered.
//
// Completion marking (the completion layout has one REASON word):
//   first answer after a TIMEOUT completion   → reason TIMEOUT  (a "late" answer)
//   first answer after an UNKNOWN completion  → reason SESSION_DOWN (a "reconciled" answer)
//   REJECTED otherwise → reason VENUE_REJECT; the venue's own code is in VENUE_REJECT_CODE.
// Venue events run in socket callbacks, duty cycles on the driver's cadence: both on this
// worker's one event loop, never concurrently.
import { SpscQueue, stampNs } from '@ringside/ring';
import type { Agent, SpscHandler } from '@ringside/ring';
import type { SampleRing } from '@ringside/counters';
import { CompletionReason, CompletionStatus } from '../orders/completion-descriptor.ts';
import type { CompletionWriter } from '../orders/completion-writer.ts';
import { OrderKind, OrderCommandDescriptor as O } from '../orders/order-command-descriptor.ts';
import { CompletionOutbox } from './completion-outbox.ts';
import { GatewayTally } from './gateway-counters.ts';
import type { GatewayTallies } from './gateway-counters.ts';
import { GatewayRoute, GatewayRouteDescriptor as RD } from './gateway-config.ts';
import { recordOrderLatency, recordOrderTrace, stageOrderTrace } from './gateway-latency.ts';
import { TRACE_FLAG, TRACE_STAMP } from '../sidecar/trace-ring-descriptor.ts';
import { TraceSampler } from '../sidecar/trace-sampler.ts';
import { InFlightDescriptor as D, InFlightFlag as F, InFlightState as S } from './in-flight-descriptor.ts';
import { InFlightTable } from './in-flight-table.ts';
import { VenueEventField as E, VenueEventKind, VenueSendStatus } from './venue-adapter.ts';
import type { VenueAdapter, VenueEvent, VenueEventSink } from './venue-adapter.ts';

/** One decision worker's queue pair, as buffers. */
export interface GatewayLink {
  readonly workerId: number;
  readonly orders: SharedArrayBuffer;
  readonly completions: SharedArrayBuffer;
}

export interface GatewayAgentOptions {
  /** No first answer within this long → TIMEOUT completion. */
  readonly timeoutMs: number;
  /** Most orders in flight; beyond it NEW orders get LOCAL_REJECT EXEC_BACKLOG. */
  readonly maxInFlight: number;
  /** Most commands taken from one worker's queue per duty cycle. */
  readonly drainLimit: number;
  /** Completions kept per worker while its queue is full (power of two). */
  readonly backlogCapacity: number;
  /**
   * The route block (GatewayRouteDescriptor in gateway-config.ts). While its ROUTE word says SINK
   * (WARM-UP), NEW orders are answered here (ACCEPTED, then CANCELED like an IOC that found
   * nothing) and never reach the venue. Absent: always the venue.
   */
  readonly route?: SharedArrayBuffer | undefined;
  /**
   * A trace ring (createTraceRingBuffer): every N-th order answered (first answer from the
   * venue, or the warm-up sink's, flagged WARM_UP) is written to it with its whole timeline,
   * for the sidecar to publish. Absent: no traces.
   */
  readonly traces?: SharedArrayBuffer | undefined;
}

const KIND_W = O.KIND_OFFSET >> 2;
const WORKER_W = O.WORKER_ID_OFFSET >> 2;
const QTY_W = O.QUANTITY_OFFSET >> 2;
const ORDER_ID_D = O.CLIENT_ORDER_ID_OFFSET >> 3;
const REQUEST_ID_D = O.REQUEST_ID_OFFSET >> 3;
const SENT_D = D.SENT_NS_OFFSET >> 3;
const ACKED_D = D.ACKED_NS_OFFSET >> 3;
const CANCEL_ID_D = D.CANCEL_ID_OFFSET >> 3;
const STATE_W = D.STATE_OFFSET >> 2;
const LEAVES_W = D.LEAVES_OFFSET >> 2;
const ENQUEUED_D = O.ENQUEUED_NS_OFFSET >> 3;
const TIMEOUTS_PER_CYCLE = 1024;
/** Stands in for a missing route block: always VENUE, session word written to nobody. */
const NO_ROUTE = new Int32Array(new ArrayBuffer(RD.BYTES));

export class GatewayAgent implements Agent, SpscHandler, VenueEventSink {
  readonly roleName = 'gateway';
  readonly table: InFlightTable;
  readonly tallies: GatewayTallies;
  /** [0] now (scratch for stamps compared in this file), [1] timeout ns. */
  private readonly clock = new Float64Array(2);
  private readonly adapter: VenueAdapter;
  private readonly samples: SampleRing;
  private readonly queues: SpscQueue[];
  private readonly outboxes: CompletionOutbox[];
  /** Outbox index by decision worker id (-1: unknown worker). */
  private readonly outboxOfWorker: Int32Array;
  private readonly drainLimit: number;
  private readonly maxInFlight: number;
  private readonly t: Float64Array;
  /** Index of the link whose queue is being polled (onEvent's source). */
  private polling = 0;
  private readonly settle: Int32Array;
  /** The route block's words (GatewayRouteDescriptor). */
  private readonly route: Int32Array;
  private readonly routeF64: Float64Array;
  private up = false;
  private readonly traces: TraceSampler | null;

  constructor(
    links: readonly GatewayLink[],
    adapter: VenueAdapter,
    tallies: GatewayTallies,
    samples: SampleRing,
    o: GatewayAgentOptions,
  ) {
    this.adapter = adapter;
    this.tallies = tallies;
    this.t = tallies.values;
    this.samples = samples;
    this.queues = links.map((l) => SpscQueue.attach(l.orders));
    this.outboxes = links.map((l) => new CompletionOutbox(l.completions, o.backlogCapacity, tallies.values));
    let maxWorker = 0;
    for (const l of links) maxWorker = Math.max(maxWorker, l.workerId);
    this.outboxOfWorker = new Int32Array(maxWorker + 1).fill(-1);
    links.forEach((l, i) => (this.outboxOfWorker[l.workerId] = i));
    let deadlines = 1024;
    while (deadlines < o.maxInFlight * 4) deadlines *= 2;
    this.table = new InFlightTable(o.maxInFlight, deadlines);
    this.settle = new Int32Array(o.maxInFlight);
    this.drainLimit = o.drainLimit;
    this.maxInFlight = o.maxInFlight;
    this.clock[1] = o.timeoutMs * 1e6;
    this.route = o.route === undefined ? NO_ROUTE : new Int32Array(o.route);
    this.routeF64 = new Float64Array(this.route.buffer);
    this.traces = o.traces === undefined ? null : TraceSampler.attach(o.traces);
  }

  /** The order queues (the driver parks on them). */
  orderQueues(): readonly SpscQueue[] {
    return this.queues;
  }

  /** Nanoseconds until the next deadline (Infinity when none); control of the driver's park. */
  nextDeadlineInMs(): number {
    const table = this.table;
    if (!table.hasDeadline()) return Number.POSITIVE_INFINITY;
    stampNs(this.clock, 0);
    return (table.headDue() - this.clock[0]!) / 1e6;
  }

  onStart(): void {
    this.adapter.start(this);
  }

  doWork(): number {
    let work = 0;
    const outboxes = this.outboxes;
    for (let i = 0; i < outboxes.length; i++) work += outboxes[i]!.drainBacklog();
    const queues = this.queues;
    for (let i = 0; i < queues.length; i++) {
      this.polling = i;
      work += queues[i]!.poll(this, this.drainLimit);
    }
    work += this.expire();
    this.flush();
    return work;
  }

  /** Publishes completions and counters (once per duty cycle / socket read). */
  flush(): void {
    const outboxes = this.outboxes;
    let backlog = 0;
    for (let i = 0; i < outboxes.length; i++) {
      outboxes[i]!.flush();
      backlog += outboxes[i]!.pending();
    }
    this.t[GatewayTally.BACKLOG] = backlog;
    this.t[GatewayTally.IN_FLIGHT] = this.table.size;
    this.tallies.flush();
  }

  // ───────────── order commands (SpscHandler) ─────────────

  onEvent(_bytes: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    this.t[GatewayTally.COMMANDS_IN]++;
    if (i32[(offset >> 2) + KIND_W] === OrderKind.NEW) this.onNew(i32, f64, offset);
    else if (i32[(offset >> 2) + KIND_W] === OrderKind.CANCEL) this.onCancel(i32, f64, offset);
    else this.refuse(i32, f64, offset, CompletionReason.BAD_ORDER, GatewayTally.COMMANDS_REFUSED);
  }

  private onNew(i32: Int32Array, f64: Float64Array, offset: number): void {
    if (
      Atomics.load(this.route, RD.ROUTE_INDEX) === GatewayRoute.SINK ||
      f64[(offset >> 3) + ENQUEUED_D]! < this.routeF64[RD.VENUE_SINCE_F64_INDEX]!
    ) {
      this.sinkNew(i32, f64, offset);
      return;
    }
    if (!this.up) {
      this.refuse(i32, f64, offset, CompletionReason.SESSION_DOWN, GatewayTally.SESSION_DOWN_REJECTS);
      return;
    }
    const table = this.table;
    if (table.size >= this.maxInFlight || table.deadlineRoom() === 0) {
      this.refuse(i32, f64, offset, CompletionReason.EXEC_BACKLOG, GatewayTally.EXEC_BACKLOG);
      return;
    }
    const r = table.insert(f64, offset);
    if (r < 0) {
      this.refuse(i32, f64, offset, CompletionReason.BAD_ORDER, GatewayTally.DUPLICATE_IDS);
      return;
    }
    const ro = table.offsetOf(r);
    stampNs(table.f64, (ro >> 3) + SENT_D);
    const sent = this.adapter.sendNew(table.i32, table.f64, ro);
    if (sent < 0) {
      table.release(r);
      if (sent === VenueSendStatus.BACK_PRESSURED) {
        this.refuse(i32, f64, offset, CompletionReason.EXEC_BACKLOG, GatewayTally.EXEC_BACKLOG);
      } else if (sent === VenueSendStatus.NOT_CONNECTED) {
        this.refuse(i32, f64, offset, CompletionReason.SESSION_DOWN, GatewayTally.SESSION_DOWN_REJECTS);
      } else {
        this.refuse(i32, f64, offset, CompletionReason.UNSUPPORTED, GatewayTally.COMMANDS_REFUSED);
      }
      return;
    }
    const w = ro >> 2;
    table.i32[w + STATE_W] = S.SENT;
    table.i32[w + LEAVES_W] = table.i32[w + QTY_W]!;
    this.clock[0] = table.f64[(ro >> 3) + SENT_D]!;
    table.pushDeadline(r, OrderKind.NEW, this.clock);
    this.t[GatewayTally.ORDERS_SENT]++;
  }

  private onCancel(i32: Int32Array, f64: Float64Array, offset: number): void {
    const table = this.table;
    const id = f64[(offset >> 3) + ORDER_ID_D]!;
    const r = table.find((id / 4294967296) | 0, (id % 4294967296) | 0);
    if (r < 0 && Atomics.load(this.route, RD.ROUTE_INDEX) === GatewayRoute.SINK) {
      // A warm-up order lives only in the sink (already finished there): the cancel is answered too.
      this.sinkAnswer(i32, f64, offset, CompletionStatus.CANCELED, 0);
      this.sinkCount(RD.SINK_ORDERS_INDEX);
      return;
    }
    if (r < 0 || (table.flags[r]! & F.CANCEL_PENDING) !== 0) {
      this.refuse(i32, f64, offset, CompletionReason.UNKNOWN_ORDER, GatewayTally.COMMANDS_REFUSED);
      return;
    }
    if (!this.up) {
      this.refuse(i32, f64, offset, CompletionReason.SESSION_DOWN, GatewayTally.SESSION_DOWN_REJECTS);
      return;
    }
    const ro = table.offsetOf(r);
    const sent = this.adapter.sendCancel(table.i32, table.f64, ro);
    if (sent < 0) {
      const reason =
        sent === VenueSendStatus.BACK_PRESSURED
          ? CompletionReason.EXEC_BACKLOG
          : CompletionReason.SESSION_DOWN;
      this.refuse(i32, f64, offset, reason, GatewayTally.COMMANDS_REFUSED);
      return;
    }
    table.f64[(ro >> 3) + CANCEL_ID_D] = f64[(offset >> 3) + REQUEST_ID_D]!;
    table.flags[r] = table.flags[r]! | F.CANCEL_PENDING;
    stampNs(this.clock, 0);
    table.pushDeadline(r, OrderKind.CANCEL, this.clock);
    this.t[GatewayTally.CANCELS_SENT]++;
  }

  /** WARM-UP: a NEW answered locally (the SinkGateway's 'expire' answers), never sent. */
  private sinkNew(i32: Int32Array, f64: Float64Array, offset: number): void {
    this.sinkCount(RD.SINK_ORDERS_INDEX);
    const traces = this.traces;
    if (traces !== null && traces.shouldSample()) {
      // Sent and answered here, now: the trace says so, and that it is warm-up (untrusted).
      stageOrderTrace(
        traces,
        i32,
        f64,
        offset,
        CompletionStatus.ACCEPTED,
        CompletionReason.NONE,
        TRACE_FLAG.WARM_UP,
      );
      stampNs(traces.stamps, TRACE_STAMP.SENT);
      traces.stamps[TRACE_STAMP.ACKED] = traces.stamps[TRACE_STAMP.SENT]!;
      traces.commit();
    }
    this.sinkAnswer(i32, f64, offset, CompletionStatus.ACCEPTED, i32[(offset >> 2) + QTY_W]!);
    this.sinkAnswer(i32, f64, offset, CompletionStatus.CANCELED, 0);
  }

  private sinkAnswer(
    i32: Int32Array,
    f64: Float64Array,
    offset: number,
    status: number,
    leaves: number,
  ): void {
    const outbox = this.outboxFor(i32[(offset >> 2) + WORKER_W]!);
    const w = outbox.begin(status, CompletionReason.NONE);
    if (w === null) return; // counted lost by the outbox
    w.copyOrder(i32, f64, offset);
    w.stampSent();
    w.stampAcked();
    w.setQuantities(0, leaves);
    outbox.commit();
    this.sinkCount(RD.SINK_ANSWERS_INDEX);
  }

  private sinkCount(index: number): void {
    const route = this.route;
    Atomics.store(route, index, route[index]! + 1);
  }

  /** LOCAL_REJECT of a command straight from its queue slot (it never reached the venue). */
  private refuse(i32: Int32Array, f64: Float64Array, offset: number, reason: number, tally: number): void {
    this.t[tally]++;
    const outbox = this.outboxFor(i32[(offset >> 2) + WORKER_W]!);
    const w = outbox.begin(CompletionStatus.LOCAL_REJECT, reason);
    if (w === null) return;
    w.copyOrder(i32, f64, offset);
    w.stampAcked();
    outbox.commit();
  }

  private outboxFor(workerId: number): CompletionOutbox {
    const map = this.outboxOfWorker;
    const i = workerId >= 0 && workerId < map.length ? map[workerId]! : -1;
    return this.outboxes[i >= 0 ? i : this.polling]!;
  }

  /** A completion about record `r`, filled from the record; null when it cannot be written. */
  private complete(r: number, status: number, reason: number): CompletionWriter | null {
    const table = this.table;
    const ro = table.offsetOf(r);
    const outbox = this.outboxFor(table.i32[(ro >> 2) + WORKER_W]!);
    this.current = outbox;
    const w = outbox.begin(status, reason);
    if (w === null) return null;
    w.copyOrder(table.i32, table.f64, ro);
    w.setSentNs(table.f64[(ro >> 3) + SENT_D]!);
    return w;
  }

  private current: CompletionOutbox | null = null;

  private commit(): void {
    this.current?.commit();
  }

  // ───────────── timeouts ─────────────

  private expire(): number {
    const table = this.table;
    if (!table.hasDeadline()) return 0;
    const clock = this.clock;
    stampNs(clock, 0);
    let n = 0;
    while (n < TIMEOUTS_PER_CYCLE && table.hasDeadline() && table.headDue() <= clock[0]!) {
      const r = table.headRecord();
      const kind = table.headKind();
      table.popDeadline();
      n++;
      if (r < 0) continue;
      const flags = table.flags[r]!;
      if (kind === OrderKind.NEW) {
        if (table.state(r) !== S.SENT || (flags & (F.TIMED_OUT | F.UNKNOWN)) !== 0) continue;
        table.flags[r] = flags | F.TIMED_OUT;
        this.t[GatewayTally.TIMEOUTS]++;
        const w = this.complete(r, CompletionStatus.TIMEOUT, CompletionReason.TIMEOUT);
        if (w !== null) {
          w.stampAcked();
          this.commit();
        }
      } else if ((flags & F.CANCEL_PENDING) !== 0 && (flags & F.CANCEL_TIMED_OUT) === 0) {
        table.flags[r] = flags | F.CANCEL_TIMED_OUT;
        this.t[GatewayTally.TIMEOUTS]++;
        const w = this.complete(r, CompletionStatus.TIMEOUT, CompletionReason.TIMEOUT);
        if (w !== null) {
          this.markCancel(w, r);
          w.stampAcked();
          this.commit();
        }
      }
    }
    return n;
  }

  private markCancel(w: CompletionWriter, r: number): void {
    const table = this.table;
    const ro = table.offsetOf(r);
    w.setRequestId(table.f64[(ro >> 3) + CANCEL_ID_D]!);
    w.setCommand(
      OrderKind.CANCEL,
      table.i32[(ro >> 2) + WORKER_W]!,
      table.i32[(ro >> 2) + (O.STRATEGY_ID_OFFSET >> 2)]!,
    );
  }

  // ───────────── venue events (VenueEventSink) ─────────────

  onVenueEvent(ev: VenueEvent): void {
    const e = ev.i32;
    const table = this.table;
    const r = table.find(e[E.ID_HI]!, e[E.ID_LO]!);
    if (r < 0) {
      this.t[GatewayTally.UNKNOWN_ORDER_EVENTS]++;
      return;
    }
    const kind = e[E.KIND]!;
    const ro = table.offsetOf(r);
    const w32 = ro >> 2;
    let reason: number = CompletionReason.NONE;
    if (table.i32[w32 + STATE_W] === S.SENT) {
      // The order's first answer: the end of its execution latency.
      stampNs(table.f64, (ro >> 3) + ACKED_D);
      table.i32[w32 + STATE_W] = S.OPEN;
      recordOrderLatency(this.samples, table.i32, table.f64, ro);
      reason = this.firstAnswerReason(r);
      if (this.traces !== null) this.traceAnswer(this.traces, ro, kind, reason);
    }
    if (kind === VenueEventKind.ACCEPTED) {
      this.t[GatewayTally.ACK_ACCEPTED]++;
      const w = this.complete(r, CompletionStatus.ACCEPTED, reason);
      if (w === null) return;
      w.setAckedNs(table.f64[(ro >> 3) + ACKED_D]!);
      w.setVenueRef(ev.f64[0]!);
      w.setQuantities(0, table.i32[w32 + LEAVES_W]!);
      this.commit();
    } else if (kind === VenueEventKind.REJECTED) {
      this.t[GatewayTally.ACK_REJECTED]++;
      const w = this.complete(
        r,
        CompletionStatus.REJECTED,
        reason === CompletionReason.NONE ? CompletionReason.VENUE_REJECT : reason,
      );
      if (w !== null) {
        w.setAckedNs(table.f64[(ro >> 3) + ACKED_D]!);
        w.setVenueRejectCode(e[E.REASON]!);
        this.commit();
      }
      table.release(r);
    } else if (kind === VenueEventKind.EXECUTED) {
      this.t[GatewayTally.ACK_EXECUTED]++;
      const leaves = table.i32[w32 + LEAVES_W]! - e[E.SHARES]!;
      table.i32[w32 + LEAVES_W] = leaves > 0 ? leaves : 0;
      const w = this.complete(
        r,
        leaves > 0 ? CompletionStatus.PARTIALLY_FILLED : CompletionStatus.FILLED,
        reason,
      );
      if (w !== null) {
        w.stampAcked();
        w.setVenueRef(ev.f64[0]!);
        w.setQuantities(e[E.SHARES]!, leaves > 0 ? leaves : 0);
        w.setFillPrice(e[E.PRICE]!);
        this.commit();
      }
      if (leaves <= 0) table.release(r);
    } else if (kind === VenueEventKind.CANCELED) {
      this.t[GatewayTally.ACK_CANCELED]++;
      const leaves = table.i32[w32 + LEAVES_W]! - e[E.SHARES]!;
      table.i32[w32 + LEAVES_W] = leaves > 0 ? leaves : 0;
      const w = this.complete(r, CompletionStatus.CANCELED, reason);
      if (w !== null) {
        if ((table.flags[r]! & F.CANCEL_PENDING) !== 0) this.markCancel(w, r);
        w.stampAcked();
        w.setQuantities(0, leaves > 0 ? leaves : 0);
        w.setVenueRejectCode(e[E.REASON]!);
        this.commit();
      }
      if (leaves <= 0) table.release(r);
    } else if (kind === VenueEventKind.CANCEL_REJECTED) {
      this.t[GatewayTally.CANCEL_REJECTS]++;
      const flags = table.flags[r]!;
      if ((flags & F.CANCEL_PENDING) === 0) return;
      // The cancel's deadline then finds no CANCEL_PENDING and expire() skips it.
      table.flags[r] = flags & ~(F.CANCEL_PENDING | F.CANCEL_TIMED_OUT);
      const w = this.complete(r, CompletionStatus.REJECTED, CompletionReason.VENUE_REJECT);
      if (w !== null) {
        // Marked as answering the CANCEL: isTerminalCompletion() is false, the order stays open.
        this.markCancel(w, r);
        w.stampAcked();
        this.commit();
      }
    }
  }

  /** Every N-th first answer: the order's whole timeline into the trace ring. */
  private traceAnswer(traces: TraceSampler, ro: number, kind: number, reason: number): void {
    if (!traces.shouldSample()) return;
    let status: number = CompletionStatus.CANCELED;
    if (kind === VenueEventKind.ACCEPTED) status = CompletionStatus.ACCEPTED;
    else if (kind === VenueEventKind.REJECTED || kind === VenueEventKind.CANCEL_REJECTED)
      status = CompletionStatus.REJECTED;
    else if (kind === VenueEventKind.EXECUTED) status = CompletionStatus.FILLED;
    const why =
      kind === VenueEventKind.REJECTED && reason === CompletionReason.NONE
        ? CompletionReason.VENUE_REJECT
        : reason;
    recordOrderTrace(traces, this.table.i32, this.table.f64, ro, status, why);
  }

  /** Reason marking an order's first answer: late after TIMEOUT, reconciled after UNKNOWN. */
  private firstAnswerReason(r: number): number {
    const flags = this.table.flags[r]!;
    if ((flags & F.UNKNOWN) !== 0) {
      this.t[GatewayTally.RECONCILED]++;
      return CompletionReason.SESSION_DOWN;
    }
    if ((flags & F.TIMED_OUT) !== 0) {
      this.t[GatewayTally.LATE_ANSWERS]++;
      return CompletionReason.TIMEOUT;
    }
    return CompletionReason.NONE;
  }

  onReadComplete(): void {
    this.flush();
  }

  onSessionUp(): void {
    this.up = true;
    Atomics.store(this.route, RD.SESSION_UP_INDEX, 1);
  }

  /** Session lost: every order still waiting for its first answer is reported UNKNOWN. */
  onSessionDown(_reason: string, _willReconnect: boolean): void {
    this.up = false;
    Atomics.store(this.route, RD.SESSION_UP_INDEX, 0);
    this.t[GatewayTally.SESSION_DROPS]++;
    const n = this.collect(S.SENT, 0);
    const table = this.table;
    for (let i = 0; i < n; i++) {
      const r = this.settle[i]!;
      table.flags[r] = table.flags[r]! | F.UNKNOWN;
      this.t[GatewayTally.UNKNOWN]++;
      const w = this.complete(r, CompletionStatus.UNKNOWN, CompletionReason.SESSION_DOWN);
      if (w !== null) {
        w.stampAcked();
        this.commit();
      }
    }
    this.flush();
  }

  /**
   * The venue has replayed everything it sent while we were away. An UNKNOWN order with no
   * answer by now never reached the venue (its Enter died with the old connection): it is
   * settled LOCAL_REJECT SESSION_DOWN, and never resent (the venue's duplicate-token check
   * would be the backstop if it were).
   */
  onReplayComplete(): void {
    const n = this.collect(S.SENT, F.UNKNOWN);
    const table = this.table;
    for (let i = 0; i < n; i++) {
      const r = this.settle[i]!;
      this.t[GatewayTally.NOT_DELIVERED]++;
      const w = this.complete(r, CompletionStatus.LOCAL_REJECT, CompletionReason.SESSION_DOWN);
      if (w !== null) {
        w.stampAcked();
        this.commit();
      }
      table.release(r);
    }
    this.flush();
  }

  /** Records in `state` with all of `flags` set, into `settle` (released only afterwards). */
  private collect(state: number, flags: number): number {
    let n = 0;
    const table = this.table;
    table.forEachLive((r) => {
      if (table.state(r) === state && (table.flags[r]! & flags) === flags) this.settle[n++] = r;
    });
    return n;
  }

  onClose(): void {
    this.flush();
  }
}
