/**
 * FixVenueAdapter (the gateway core's VenueAdapter over FIX) against the FIX venue simulator
 * over real TCP: order records in the order-command layout in, VenueEvents out, and the
 * reconnect contract the core relies on (session down → up → replayed answers →
 * onReplayComplete, orders the venue never saw left unanswered for the core to settle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stockKey } from '@ringside/protocols';
import { startFixVenue } from '@ringside/venue-sim';
import type { FixVenue, FixVenueConfig } from '@ringside/venue-sim';
import {
  OrderCommandDescriptor as O,
  OrderSide,
  TimeInForce,
} from '../src/orders/order-command-descriptor.ts';
import { VenueEventField as E, VenueEventKind, VenueSendStatus } from '../src/gateway/venue-adapter.ts';
import type { VenueEvent, VenueEventSink } from '../src/gateway/venue-adapter.ts';
import { FixVenueAdapter } from '../src/gateway/fix/fix-venue-adapter.ts';

interface Seen {
  kind: number;
  id: number;
  shares: number;
  price: number;
  reason: number;
  ref: number;
}

/** The core's side, recording what the adapter reports. */
class RecordingSink implements VenueEventSink {
  readonly events: Seen[] = [];
  readonly log: string[] = [];
  onVenueEvent(ev: VenueEvent): void {
    const i = ev.i32;
    this.events.push({
      kind: i[E.KIND]!,
      id: i[E.ID_HI]! * 4294967296 + (i[E.ID_LO]! >>> 0),
      shares: i[E.SHARES]!,
      price: i[E.PRICE]!,
      reason: i[E.REASON]!,
      ref: ev.f64[0]!,
    });
    this.log.push('event');
  }
  onReadComplete(): void {}
  onSessionUp(): void {
    this.log.push('up');
  }
  onSessionDown(): void {
    this.log.push('down');
  }
  onReplayComplete(): void {
    this.log.push('replay-complete');
  }
}

const slot = new ArrayBuffer(O.SLOT_BYTES);
const i32 = new Int32Array(slot);
const f64 = new Float64Array(slot);

function record(id: number, quantity = 100, requestId = id): void {
  i32.fill(0);
  f64[O.CLIENT_ORDER_ID_OFFSET >> 3] = id;
  f64[O.REQUEST_ID_OFFSET >> 3] = requestId;
  f64[O.STOCK_KEY_OFFSET >> 3] = stockKey('MSFT');
  i32[O.SIDE_OFFSET >> 2] = OrderSide.BUY;
  i32[O.PRICE_OFFSET >> 2] = 4_125_500; // 412.55
  i32[O.QUANTITY_OFFSET >> 2] = quantity;
  i32[O.TIME_IN_FORCE_OFFSET >> 2] = TimeInForce.DAY;
}

async function waitFor(done: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function rig(
  config: FixVenueConfig,
): Promise<{ venue: FixVenue; adapter: FixVenueAdapter; sink: RecordingSink }> {
  const venue = await startFixVenue({ targetCompId: 'GW', ...config });
  const adapter = new FixVenueAdapter({
    host: venue.host,
    port: venue.port,
    senderCompId: 'GW',
    targetCompId: 'VENUE',
    reconnectDelayMs: 50,
  });
  const sink = new RecordingSink();
  adapter.start(sink);
  await waitFor(() => adapter.isUp());
  return { venue, adapter, sink };
}

async function shut(venue: FixVenue, adapter: FixVenueAdapter): Promise<void> {
  await adapter.close();
  await waitFor(() => venue.loggedOn === 0, 2000).catch(() => undefined);
  await venue.close();
}

test('order record → ACCEPTED and EXECUTED VenueEvents with Price(4) and shares', async () => {
  const { venue, adapter, sink } = await rig({});
  try {
    // Every logon ends with replay complete (nothing to ask about on the first).
    assert.deepEqual(sink.log, ['up', 'replay-complete']);
    record(41);
    assert.ok(adapter.sendNew(i32, f64, 0) >= 0);
    await waitFor(() => sink.events.length === 2);
    const [acc, exe] = sink.events;
    assert.deepEqual([acc!.kind, acc!.id, acc!.shares], [VenueEventKind.ACCEPTED, 41, 100]);
    assert.ok(acc!.ref > 0, 'venue order reference');
    assert.deepEqual(
      [exe!.kind, exe!.id, exe!.shares, exe!.price],
      [VenueEventKind.EXECUTED, 41, 100, 4_125_500],
    );
    record(42, 0);
    adapter.sendNew(i32, f64, 0);
    await waitFor(() => sink.events.length === 3);
    assert.deepEqual([sink.events[2]!.kind, sink.events[2]!.reason], [VenueEventKind.REJECTED, 13]);
    i32[O.TIME_IN_FORCE_OFFSET >> 2] = TimeInForce.GTC;
    assert.equal(adapter.sendNew(i32, f64, 0), VenueSendStatus.UNSUPPORTED);
  } finally {
    await shut(venue, adapter);
  }
});

test('cancel record → CANCELED with the open shares decremented', async () => {
  const { venue, adapter, sink } = await rig({
    engine: { fill: { full: 0, partial: 0, partialFraction: 0.5 } },
  });
  try {
    record(7, 300);
    adapter.sendNew(i32, f64, 0);
    await waitFor(() => sink.events.length === 1);
    record(7, 300, 8);
    assert.ok(adapter.sendCancel(i32, f64, 0) >= 0);
    await waitFor(() => sink.events.length === 2);
    assert.deepEqual(
      [sink.events[1]!.kind, sink.events[1]!.id, sink.events[1]!.shares],
      [VenueEventKind.CANCELED, 7, 300],
    );
  } finally {
    await shut(venue, adapter);
  }
});

test('reconnect: down, up, answers the venue had, then replay complete; unseen orders stay unanswered', async () => {
  const { venue, adapter, sink } = await rig({});
  const per = 10;
  console.log(`FixVenueAdapter reconnect: ${per} orders withheld, ${per} lost inbound`);
  try {
    venue.setStall('hold');
    for (let id = 1; id <= per; id++) {
      record(id);
      adapter.sendNew(i32, f64, 0);
    }
    await waitFor(() => venue.engineStats().filled === per);
    venue.setStall('drop');
    for (let id = per + 1; id <= 2 * per; id++) {
      record(id);
      adapter.sendNew(i32, f64, 0);
    }
    await waitFor(() => venue.stats.droppedInbound === per);
    venue.dropConnections();
    await waitFor(() => !adapter.isUp());
    record(99);
    assert.equal(adapter.sendNew(i32, f64, 0), VenueSendStatus.NOT_CONNECTED);
    venue.setStall('none');
    await waitFor(() => {
      const reUp = sink.log.indexOf('up', 1);
      return reUp > 0 && sink.log.lastIndexOf('replay-complete') > reUp;
    });
    const afterUp = sink.log.slice(sink.log.indexOf('up', 1));
    assert.deepEqual(sink.log.slice(0, 3), ['up', 'replay-complete', 'down']);
    assert.equal(afterUp[afterUp.length - 1], 'replay-complete', 'replay complete comes after every answer');
    const executed = sink.events.filter((e) => e.kind === VenueEventKind.EXECUTED).map((e) => e.id);
    assert.deepEqual(
      executed.sort((a, b) => a - b),
      Array.from({ length: per }, (_, k) => k + 1),
      'each withheld order executed once',
    );
    assert.ok(
      sink.events.every((e) => e.id <= per),
      'orders the venue never saw get no answer',
    );
    assert.equal(adapter.fix.stats.notDelivered, per);
    assert.equal(adapter.fix.stats.newOrdersResent, 0);
    assert.equal(venue.engineStats().ordersReceived, per);
  } finally {
    await shut(venue, adapter);
  }
});
