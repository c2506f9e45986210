/**
 * The FIX initiator adapter against the FIX venue simulator, both jspurefix, over real TCP
 * on 127.0.0.1: logon, New → Fill mapped to statuses, partial fills, reject, cancel, a
 * dropped connection with orders in every state (no order lost or doubled), and a round-trip
 * measurement.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFixVenue } from '@ringside/venue-sim';
import type { FixVenue, FixVenueConfig } from '@ringside/venue-sim';
import { FixOrderAdapter } from '../src/gateway/fix/fix-order-adapter.ts';
import type { FixOrderAdapterConfig } from '../src/gateway/fix/fix-order-adapter.ts';
import { FixExecStatus, FixSendResult } from '../src/gateway/fix/fix-exec-status.ts';
import type { FixExecutionEvent } from '../src/gateway/fix/fix-exec-status.ts';
import { FixOrderSide } from '../src/gateway/fix/fix-in-flight-orders.ts';
import type { FixNewOrder } from '../src/gateway/fix/fix-in-flight-orders.ts';

type Seen = Omit<FixExecutionEvent, never>;

interface Rig {
  venue: FixVenue;
  adapter: FixOrderAdapter;
  events: Seen[];
  /** Called after each event is recorded. */
  onEvent: ((e: FixExecutionEvent) => void) | null;
  close(): Promise<void>;
}

async function rig(
  venueConfig: FixVenueConfig,
  adapterConfig: Partial<FixOrderAdapterConfig> = {},
): Promise<Rig> {
  const venue = await startFixVenue({ targetCompId: 'GW', ...venueConfig });
  const events: Seen[] = [];
  let r: Rig | null = null;
  const adapter = new FixOrderAdapter({
    host: venue.host,
    port: venue.port,
    senderCompId: 'GW',
    targetCompId: 'VENUE',
    reconnectDelayMs: 50,
    clOrdIdPrefix: 'T-',
    ...adapterConfig,
    onExecution: (e) => {
      events.push({ ...e });
      r?.onEvent?.(e);
    },
  });
  await adapter.start();
  r = {
    venue,
    adapter,
    events,
    onEvent: null,
    close: async () => {
      adapter.stop();
      await waitFor(() => venue.loggedOn === 0, 2000).catch(() => undefined);
      await venue.close();
    },
  };
  return r;
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

function order(clientOrderId: number, symbol = 'AAPL', quantity = 100): FixNewOrder {
  return { clientOrderId, symbol, side: FixOrderSide.BUY, price: 187.25, quantity, timeInForce: 0 };
}

function statusesOf(events: Seen[], id: number): number[] {
  return events.filter((e) => e.clientOrderId === id).map((e) => e.status);
}

test('logon, then NewOrderSingle → New → Fill arrive as ACCEPTED then FILLED', async () => {
  const r = await rig({});
  try {
    assert.equal(r.adapter.isLoggedOn, true);
    assert.equal(r.venue.loggedOn, 1);
    assert.equal(r.adapter.sendNew(order(1)), FixSendResult.SENT);
    assert.equal(r.adapter.sendNew(order(1)), FixSendResult.DUPLICATE_ID);
    await waitFor(() => r.events.length >= 2, 2000);
    assert.deepEqual(statusesOf(r.events, 1), [FixExecStatus.ACCEPTED, FixExecStatus.FILLED]);
    const fill = r.events[1];
    assert.equal(fill.lastQty, 100);
    assert.equal(fill.cumQty, 100);
    assert.equal(fill.leavesQty, 0);
    assert.equal(fill.lastPx, 187.25);
    assert.match(fill.venueOrderId, /^V\d+$/);
    assert.equal(r.adapter.inFlightCount, 0);
  } finally {
    await r.close();
  }
});

test('partial fill, invalid-order reject, cancel: each maps to its status', async () => {
  // The engine fills half of every order at once and rests the rest (DAY).
  const r = await rig({ engine: { fill: { full: 0, partial: 1, partialFraction: 0.5 } } });
  try {
    r.adapter.sendNew(order(1, 'AAPL', 10));
    r.adapter.sendNew(order(4, 'AAPL', 0));
    await waitFor(() => r.events.length >= 3, 2000);
    assert.deepEqual(statusesOf(r.events, 1), [FixExecStatus.ACCEPTED, FixExecStatus.PARTIALLY_FILLED]);
    const partial = r.events.find((e) => e.status === FixExecStatus.PARTIALLY_FILLED);
    assert.equal(partial?.lastQty, 5);
    assert.equal(partial?.cumQty, 5);
    assert.equal(partial?.leavesQty, 5);
    const reject = r.events.find((e) => e.clientOrderId === 4);
    assert.equal(reject?.status, FixExecStatus.REJECTED);
    assert.equal(reject?.text, 'INVALID_SHARES');

    assert.equal(r.adapter.sendCancel(1003, 1), FixSendResult.SENT);
    assert.equal(r.adapter.sendCancel(1004, 1), FixSendResult.CANCEL_PENDING);
    await waitFor(() => statusesOf(r.events, 1).length === 3, 2000);
    const canceled = r.events[r.events.length - 1];
    assert.equal(canceled.status, FixExecStatus.CANCELED);
    assert.equal(canceled.requestId, 1003);
    assert.equal(canceled.cumQty, 5);
    assert.equal(r.adapter.sendCancel(1005, 1), FixSendResult.UNKNOWN_ORDER);
    assert.equal(r.venue.engineStats().canceled, 1);
    assert.equal(r.adapter.inFlightCount, 0);
  } finally {
    await r.close();
  }
});

test('random venue rejects carry the reason as text', async () => {
  const r = await rig({ engine: { rejectRatio: 1, rejectReasons: ['H'] } });
  try {
    r.adapter.sendNew(order(2));
    await waitFor(() => r.events.length >= 1, 2000);
    assert.equal(r.events[0].status, FixExecStatus.REJECTED);
    assert.equal(r.events[0].text, 'HALTED');
  } finally {
    await r.close();
  }
});

test('a cancel that loses the race with the fill: FILLED stands, the venue refuses the cancel', async () => {
  // The engine waits 30 ms before each command, in order: the cancel finds a filled order.
  const r = await rig({ engine: { ackDelay: { kind: 'fixed', ms: 30 } } });
  try {
    assert.equal(r.adapter.sendNew(order(7)), FixSendResult.SENT);
    assert.equal(r.adapter.sendCancel(1007, 7), FixSendResult.SENT);
    await waitFor(() => r.venue.engineStats().cancelRejects === 1 && r.adapter.inFlightCount === 0, 2000);
    await waitFor(() => r.adapter.stats.duplicateReportsDropped === 1, 2000);
    assert.deepEqual(statusesOf(r.events, 7), [FixExecStatus.ACCEPTED, FixExecStatus.FILLED]);
    assert.equal(r.venue.engineStats().canceled, 0);
  } finally {
    await r.close();
  }
});

for (const resetSeqNumOnLogon of [true, false]) {
  test(`dropped connection (ResetSeqNumFlag=${resetSeqNumOnLogon}): re-logon reconciles, no order lost or duplicated`, async () => {
    const r = await rig({ resetSeqNumOnLogon }, { resetSeqNumOnLogon });
    const per = 20;
    console.log(`reconnect scenario: ${per} orders per phase, reset=${resetSeqNumOnLogon}`);
    try {
      let id = 0;
      // Phase A: normal.
      for (let i = 0; i < per; i++) assert.equal(r.adapter.sendNew(order(++id)), FixSendResult.SENT);
      await waitFor(() => r.events.filter((e) => e.status === FixExecStatus.FILLED).length === per, 3000);
      // Phase B: the venue fills these but its reports never leave (lost with the connection).
      r.venue.setStall('hold');
      for (let i = 0; i < per; i++) r.adapter.sendNew(order(++id));
      await waitFor(() => r.venue.engineStats().filled === 2 * per, 3000);
      // Phase C: these never reach the venue's book.
      r.venue.setStall('drop');
      for (let i = 0; i < per; i++) r.adapter.sendNew(order(++id));
      await waitFor(() => r.venue.stats.droppedInbound === per, 3000);

      const seqBeforeDrop = r.adapter.lastSentSeqNum;
      assert.ok(seqBeforeDrop > 3 * per);
      r.venue.dropConnections();
      await waitFor(() => !r.adapter.isLoggedOn, 3000);
      r.venue.setStall('none');
      // Phase D: sent while the session is down.
      for (let i = 0; i < per; i++) assert.equal(r.adapter.sendNew(order(++id)), FixSendResult.QUEUED);

      await waitFor(() => r.adapter.inFlightCount === 0, 5000);
      assert.equal(r.adapter.stats.logons, 2);
      // New connection: Logon, 20 D (phase D), 40 H, 20 resent D. A reset session restarts
      // at 1; otherwise the numbers continue from before the drop.
      const expectedSeq = (resetSeqNumOnLogon ? 0 : seqBeforeDrop) + 1 + 4 * per;
      assert.equal(r.adapter.lastSentSeqNum, expectedSeq);
      assert.equal(r.venue.stats.reportsLost, per * 2, 'phase B New + Fill reports died with the connection');
      for (let k = 1; k <= id; k++) {
        const s = statusesOf(r.events, k);
        assert.equal(s.filter((x) => x === FixExecStatus.FILLED).length, 1, `order ${k}: ${s.join(',')}`);
        assert.ok(s.filter((x) => x === FixExecStatus.ACCEPTED).length <= 1, `order ${k}: ${s.join(',')}`);
      }
      const recovered = r.events.filter((e) => e.recovered);
      assert.equal(recovered.length, per, 'phase B orders learned from status replies');
      assert.ok(recovered.every((e) => e.status === FixExecStatus.FILLED && e.lastQty === 100));
      assert.equal(r.venue.engineStats().ordersReceived, 4 * per, 'one venue order per ClOrdID');
      assert.equal(r.venue.engineStats().duplicates, 0);
      assert.equal(r.venue.bridgeStats.duplicateNewOrders, 0);
      assert.equal(r.venue.bridgeStats.statusRequests, 2 * per);
      assert.equal(r.adapter.stats.statusRequestsSent, 2 * per);
      assert.equal(r.adapter.stats.newOrdersResent, per);
      assert.equal(r.adapter.stats.newOrdersSent, 4 * per);
    } finally {
      await r.close();
    }
  });
}

test('an order and its cancel queued while the session is down go out, in order, after logon', async () => {
  const r = await rig({ engine: { fill: { full: 0, partial: 0, partialFraction: 0.5 } } });
  try {
    r.venue.dropConnections();
    await waitFor(() => !r.adapter.isLoggedOn, 3000);
    assert.equal(r.adapter.sendNew(order(5, 'REST')), FixSendResult.QUEUED);
    assert.equal(r.adapter.sendCancel(1005, 5), FixSendResult.QUEUED);
    await waitFor(() => r.adapter.inFlightCount === 0, 3000);
    assert.deepEqual(statusesOf(r.events, 5), [FixExecStatus.ACCEPTED, FixExecStatus.CANCELED]);
    assert.equal(r.venue.engineStats().canceled, 1);
    assert.equal(r.adapter.stats.statusRequestsSent, 0);
  } finally {
    await r.close();
  }
});

test('round trip over loopback (printed, loosely bounded)', async () => {
  const count = 2000;
  let onStatus: () => void = () => undefined;
  // Orders rest (no fill) so the second phase can ask about a live one.
  const r = await rig(
    { engine: { fill: { full: 0, partial: 0, partialFraction: 0.5 } } },
    { onStatusReply: () => onStatus() },
  );
  const ack = new Float64Array(count);
  const status = new Float64Array(count);
  let sentAt = 0;
  let done = 0;
  const pct = (a: Float64Array, p: number): string => {
    const sorted = Float64Array.from(a).sort();
    return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 1000).toFixed(0);
  };
  try {
    // Phase 1: NewOrderSingle → New ExecutionReport through the shared engine, one at a time.
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`acks: ${done} of ${count} in 25 s`)), 25_000);
      r.onEvent = (e) => {
        if (e.status !== FixExecStatus.ACCEPTED) return;
        ack[done++] = performance.now() - sentAt;
        if (done === count) {
          clearTimeout(deadline);
          resolve();
          return;
        }
        sentAt = performance.now();
        r.adapter.sendNew(order(done + 1));
      };
      sentAt = performance.now();
      r.adapter.sendNew(order(1));
    });
    // Phase 2: OrderStatusRequest → status ExecutionReport, answered by the FIX layer alone:
    // jspurefix on both sides, no engine timer.
    done = 0;
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`status: ${done} of ${count} in 15 s`)), 15_000);
      onStatus = () => {
        status[done++] = performance.now() - sentAt;
        if (done === count) {
          clearTimeout(deadline);
          resolve();
          return;
        }
        sentAt = performance.now();
        r.adapter.requestStatus(1);
      };
      sentAt = performance.now();
      r.adapter.requestStatus(1);
    });
    console.log(
      `FIX round trips over loopback, ${count} each, one at a time, jspurefix initiator ↔ jspurefix venue ` +
        `(same process): order → New (via VenueEngine, ackDelay 0 = one setTimeout) p50 ${pct(ack, 0.5)} µs ` +
        `p99 ${pct(ack, 0.99)} µs; status request → report (FIX layer only) p50 ${pct(status, 0.5)} µs ` +
        `p99 ${pct(status, 0.99)} µs`,
    );
    assert.equal(r.adapter.stats.duplicateReportsDropped, count, 'status replies brought no news');
    assert.ok(Number(pct(status, 0.5)) < 20_000, 'status p50 under 20 ms even on a loaded machine');
  } finally {
    await r.close();
  }
});
