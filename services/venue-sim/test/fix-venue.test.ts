/**
 * The FIX venue's bridge to the shared VenueEngine (no network: a real engine, reports
 * captured where a session would send them), and the listener's lifecycle on a free port.
 * End-to-end FIX sessions against this venue are tested from the gateway side
 * (services/hotpath/test/gateway-fix.test.ts) with the jspurefix initiator adapter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { parseVenueEngineConfig } from '../src/config.ts';
import type { VenueSimConfigInput } from '../src/config.ts';
import { VenueEngine } from '../src/venue-engine.ts';
import { FixEngineBridge } from '../src/fix/fix-engine-bridge.ts';
import { ORD_REJ_UNKNOWN_ORDER, VenueExecType, VenueOrdStatus } from '../src/fix/fix-order-records.ts';
import type { VenueReport } from '../src/fix/fix-order-records.ts';
import { resolveFixVenueConfig } from '../src/fix/fix-venue-config.ts';
import { startFixVenue } from '../src/fix/fix-venue.ts';

type EngineInput = NonNullable<VenueSimConfigInput>['engine'];

function setup(engine: EngineInput = {}): {
  bridge: FixEngineBridge;
  engine: VenueEngine;
  sent: VenueReport[];
} {
  const e = new VenueEngine(parseVenueEngineConfig(engine));
  const bridge = new FixEngineBridge(e);
  const sent: VenueReport[] = [];
  bridge.attach('GW', { release: (reports) => sent.push(...reports) });
  return { bridge, engine: e, sent };
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met within 2 s');
    await new Promise((r) => setTimeout(r, 2));
  }
}

test('an order is entered in the engine; New and Fill reports keep the state they were made with', async () => {
  const { bridge, engine, sent } = setup();
  try {
    assert.deepEqual(bridge.newOrder('GW', 'c1', 'AAPL', '1', 10.5, 100, '0'), []);
    assert.equal(bridge.record('GW', 'c1')?.ordStatus, VenueOrdStatus.PENDING_NEW);
    await until(() => sent.length === 2);
    assert.deepEqual(
      sent.map((r) => [r.execType, r.ordStatus, r.cumQty, r.leavesQty, r.lastQty, r.lastPx]),
      [
        [VenueExecType.NEW, VenueOrdStatus.NEW, 0, 100, 0, 0],
        [VenueExecType.TRADE, VenueOrdStatus.FILLED, 100, 0, 100, 10.5],
      ],
    );
    assert.equal(sent[1].avgPx, 10.5);
    assert.match(sent[0].orderId, /^V\d+$/);
    assert.equal(engine.stats().filled, 1);
  } finally {
    engine.close();
  }
});

test('a repeated ClOrdID is answered with its status and never entered twice', async () => {
  const { bridge, engine, sent } = setup();
  try {
    bridge.newOrder('GW', 'c1', 'AAPL', '1', 10, 5, '0');
    await until(() => sent.length === 2);
    const again = bridge.newOrder('GW', 'c1', 'AAPL', '1', 10, 5, '0');
    assert.equal(again.length, 1);
    assert.equal(again[0].execType, VenueExecType.ORDER_STATUS);
    assert.equal(again[0].ordStatus, VenueOrdStatus.FILLED);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(engine.stats().ordersReceived, 1);
    assert.equal(bridge.stats.duplicateNewOrders, 1);
  } finally {
    engine.close();
  }
});

test('status: unknown orders are Rejected with OrdRejReason 5; known ones report their state', async () => {
  const { bridge, engine, sent } = setup({ fill: { full: 0, partial: 0, partialFraction: 0.5 } });
  try {
    const unknown = bridge.status('GW', 'ghost', 'AAPL', '1')[0];
    assert.equal(unknown.ordStatus, VenueOrdStatus.REJECTED);
    assert.equal(unknown.ordRejReason, ORD_REJ_UNKNOWN_ORDER);
    bridge.newOrder('GW', 'r1', 'AAPL', '2', 10, 7, '0');
    // Before the engine has processed it: pending new, not unknown.
    assert.equal(bridge.status('GW', 'r1', 'AAPL', '2')[0].ordStatus, VenueOrdStatus.PENDING_NEW);
    await until(() => sent.length === 1);
    const live = bridge.status('GW', 'r1', 'AAPL', '2')[0];
    assert.equal(live.ordStatus, VenueOrdStatus.NEW);
    assert.equal(live.leavesQty, 7);
    assert.equal(bridge.status('OTHER', 'r1', 'AAPL', '2')[0].ordRejReason, ORD_REJ_UNKNOWN_ORDER);
  } finally {
    engine.close();
  }
});

test('cancel: live order canceled (11 = request, 41 = order); then too late; unknown refused at once', async () => {
  const { bridge, engine, sent } = setup({ fill: { full: 0, partial: 0, partialFraction: 0.5 } });
  try {
    bridge.newOrder('GW', 'r1', 'AAPL', '1', 10, 7, '0');
    await until(() => sent.length === 1);
    assert.deepEqual(bridge.cancel('GW', 'x1', 'r1'), []);
    await until(() => sent.length === 2);
    assert.equal(sent[1].execType, VenueExecType.CANCELED);
    assert.equal(sent[1].clOrdId, 'x1');
    assert.equal(sent[1].origClOrdId, 'r1');
    const late = bridge.cancel('GW', 'x2', 'r1');
    assert.equal(late[0].cancelReject, true);
    assert.equal(late[0].text, 'TOO_LATE_TO_CANCEL');
    const unknown = bridge.cancel('GW', 'x3', 'nope');
    assert.equal(unknown[0].cancelReject, true);
    assert.equal(unknown[0].text, 'UNKNOWN_ORDER');
  } finally {
    engine.close();
  }
});

test('invalid orders and random rejects carry a reason as text', async () => {
  const { bridge, engine, sent } = setup({ rejectRatio: 1, rejectReasons: ['H'] });
  try {
    bridge.newOrder('GW', 'q', 'AAPL', '1', 10, 0, '0');
    bridge.newOrder('GW', 'p', 'AAPL', '1', 0, 10, '0');
    bridge.newOrder('GW', 'h', 'AAPL', '1', 10, 10, '0');
    await until(() => sent.length === 3);
    assert.deepEqual(
      sent.map((r) => [r.clOrdId, r.execType, r.text]),
      [
        ['q', VenueExecType.REJECTED, 'INVALID_SHARES'],
        ['p', VenueExecType.REJECTED, 'INVALID_PRICE'],
        ['h', VenueExecType.REJECTED, 'HALTED'],
      ],
    );
  } finally {
    engine.close();
  }
});

test('reports for an owner with no session are counted as lost, not sent elsewhere', async () => {
  const { bridge, engine, sent } = setup();
  try {
    bridge.newOrder('GW', 'c1', 'AAPL', '1', 10, 5, '0');
    bridge.detach('GW', { release: () => undefined }); // not the attached target: no effect
    bridge.newOrder('NOBODY', 'c1', 'AAPL', '1', 10, 5, '0');
    await until(() => bridge.stats.reportsLost === 2);
    assert.equal(sent.length, 2);
    assert.ok(sent.every((r) => r.clOrdId === 'c1'));
  } finally {
    engine.close();
  }
});

test('config: a bad engine config throws VENUE_SIM_BAD_CONFIG', () => {
  assert.throws(() => resolveFixVenueConfig({ engine: { rejectRatio: 2 } }), {
    code: 'VENUE_SIM_BAD_CONFIG',
  });
  assert.equal(resolveFixVenueConfig({}).port, 0);
});

test('listens on a free 127.0.0.1 port and closes with a connection open', async () => {
  const venue = await startFixVenue({});
  assert.ok(venue.port > 0);
  const socket = net.connect(venue.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await venue.close();
  await closed;
  assert.equal(venue.stats.connections, 1);
});
