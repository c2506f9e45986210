// A venue's refusal of our CANCEL reaches the strategy: the gateway answers the cancel with a
// REJECTED completion (reason VENUE_REJECT) marked as answering the CANCEL, so it is not
// terminal and the order stays open — a later cancel works, and the refused cancel never turns
// into a TIMEOUT. Driven on this thread: the real GatewayAgent, real SPSC queues, a scripted venue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { SampleRing, createSampleRingBuffer } from '@ringside/counters';
import { stampNs } from '@ringside/ring';
import type { SpscHandler } from '@ringside/ring';
import { GatewayAgent } from '../src/gateway/gateway-agent.ts';
import { GatewayRoute, createGatewayRouteBuffer } from '../src/gateway/gateway-config.ts';
import { GatewayTallies, GatewayTally } from '../src/gateway/gateway-counters.ts';
import { VenueEvent, VenueEventField as E, VenueEventKind } from '../src/gateway/venue-adapter.ts';
import type { VenueAdapter, VenueEventSink } from '../src/gateway/venue-adapter.ts';
import {
  CompletionDescriptor as C,
  CompletionReason,
  CompletionStatus,
  isTerminalCompletion,
} from '../src/orders/completion-descriptor.ts';
import {
  OrderKind,
  OrderCommandDescriptor as O,
  TimeInForce,
} from '../src/orders/order-command-descriptor.ts';
import { OrderCommandWriter } from '../src/orders/order-command-writer.ts';
import { createCompletionQueue, createOrderQueue } from '../src/orders/order-queues.ts';

/** Records what the gateway sends; the test answers by hand. */
class ScriptedVenue implements VenueAdapter {
  readonly name = 'scripted';
  readonly event = new VenueEvent();
  sink: VenueEventSink | null = null;
  news = 0;
  cancels = 0;
  start(sink: VenueEventSink): void {
    this.sink = sink;
    sink.onSessionUp();
  }
  isUp(): boolean {
    return true;
  }
  sendNew(): number {
    this.news++;
    return 64;
  }
  sendCancel(): number {
    this.cancels++;
    return 64;
  }
  answer(kind: number, id: number, shares = 0): void {
    const e = this.event.i32;
    e[E.KIND] = kind;
    e[E.ID_HI] = (id / 4294967296) | 0;
    e[E.ID_LO] = (id % 4294967296) | 0;
    e[E.SHARES] = shares;
    e[E.REASON] = 0;
    this.sink!.onVenueEvent(this.event);
    this.sink!.onReadComplete();
  }
  stats(): Record<string, number> {
    return {};
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

interface Seen {
  status: number;
  reason: number;
  commandKind: number;
  requestId: number;
}

class Collect implements SpscHandler {
  readonly seen: Seen[] = [];
  onEvent(_b: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    this.seen.push({
      status: i32[(offset + C.STATUS_OFFSET) >> 2]!,
      reason: i32[(offset + C.REASON_OFFSET) >> 2]!,
      commandKind: i32[(offset + C.COMMAND_KIND_OFFSET) >> 2]!,
      requestId: f64[(offset + C.REQUEST_ID_OFFSET) >> 3]!,
    });
  }
}

test('a refused CANCEL completes as non-terminal REJECTED; the order stays open and cancellable', async () => {
  const orders = createOrderQueue(64);
  const completions = createCompletionQueue(64);
  const venue = new ScriptedVenue();
  const tallies = new GatewayTallies(null, null);
  const agent = new GatewayAgent(
    [{ workerId: 0, orders: orders.buffer, completions: completions.buffer }],
    venue,
    tallies,
    SampleRing.attach(createSampleRingBuffer(1 << 10)),
    {
      timeoutMs: 50,
      maxInFlight: 16,
      drainLimit: 16,
      backlogCapacity: 64,
      route: createGatewayRouteBuffer(GatewayRoute.VENUE),
    },
  );
  agent.onStart();
  const writer = new OrderCommandWriter(orders.i32, orders.f64);
  const collect = new Collect();
  const ORDER_ID = 7;
  const command = (kind: number, requestId: number): void => {
    const at = orders.claim();
    assert.ok(at >= 0);
    writer.begin(at, kind, 0, 0);
    writer.setClientOrderId(ORDER_ID);
    writer.setRequestId(requestId);
    for (const off of [O.INGEST_NS_OFFSET, O.PUBLISH_NS_OFFSET, O.DECISION_READ_NS_OFFSET])
      stampNs(orders.f64, (at + off) >> 3);
    writer.setOrder(1, 66, 100_0000, 100, TimeInForce.DAY);
    writer.stampEnqueued();
    orders.commit();
    orders.flush();
    agent.doWork();
  };
  const drain = (): Seen[] => {
    const from = collect.seen.length;
    completions.poll(collect, 64);
    return collect.seen.slice(from);
  };

  command(OrderKind.NEW, 100);
  venue.answer(VenueEventKind.ACCEPTED, ORDER_ID, 100);
  assert.deepEqual(
    drain().map((s) => s.status),
    [CompletionStatus.ACCEPTED],
  );

  command(OrderKind.CANCEL, 101);
  assert.equal(venue.cancels, 1);
  venue.answer(VenueEventKind.CANCEL_REJECTED, ORDER_ID);
  const refused = drain();
  console.log('completions after the venue refused the cancel:', JSON.stringify(refused));
  assert.equal(refused.length, 1);
  const r = refused[0]!;
  assert.equal(r.status, CompletionStatus.REJECTED);
  assert.equal(r.reason, CompletionReason.VENUE_REJECT);
  assert.equal(r.commandKind, OrderKind.CANCEL);
  assert.equal(r.requestId, 101, 'the completion answers the cancel request');
  assert.equal(isTerminalCompletion(r.status, r.commandKind), false, 'the order is still open');
  assert.equal(tallies.values[GatewayTally.CANCEL_REJECTS], 1);

  // Past the cancel's deadline: no TIMEOUT for the refused cancel.
  await sleep(120);
  agent.doWork();
  assert.deepEqual(drain(), [], 'a refused cancel never times out');

  // The order is still live in the gateway: a second cancel goes out and completes it.
  command(OrderKind.CANCEL, 102);
  assert.equal(venue.cancels, 2, 'the second cancel is sent, not refused as UNKNOWN_ORDER');
  venue.answer(VenueEventKind.CANCELED, ORDER_ID, 100);
  const done = drain();
  assert.equal(done.length, 1);
  assert.equal(done[0]!.status, CompletionStatus.CANCELED);
  assert.equal(done[0]!.requestId, 102);
  assert.ok(isTerminalCompletion(done[0]!.status, done[0]!.commandKind));

  // A cancel reject with no cancel of ours pending is counted and completes nothing.
  venue.answer(VenueEventKind.CANCEL_REJECTED, ORDER_ID);
  assert.deepEqual(drain(), []);
});
