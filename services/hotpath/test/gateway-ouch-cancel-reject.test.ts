// OUCH Cancel Reject ('I') in the gateway's OUCH adapter: a reject for one of our tokens is
// counted and handed to the core as VenueEventKind.CANCEL_REJECTED (the gateway completes the
// CANCEL as a non-terminal REJECTED: gateway-cancel-reject.test.ts), one for a foreign token
// is ignored and reaches nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OuchGatewayToken } from '../src/gateway/ouch/ouch-gateway-token.ts';
import { OuchVenueAdapter } from '../src/gateway/ouch/ouch-venue-adapter.ts';
import { VenueEventKind } from '../src/gateway/venue-adapter.ts';
import type { VenueEvent, VenueEventSink } from '../src/gateway/venue-adapter.ts';
import { encodeCancelReject, encodeCanceled } from '@ringside/protocols';

/** A sink that records what the adapter hands to the core (never started: no socket). */
function recordingSink(): VenueEventSink & { kinds: number[] } {
  const kinds: number[] = [];
  return {
    kinds,
    onVenueEvent: (e: VenueEvent) => void kinds.push(e.i32[0]!),
    onReadComplete: () => {},
    onSessionUp: () => {},
    onSessionDown: () => {},
    onReplayComplete: () => {},
  };
}

function tokenFor(prefix: string, id: number): Uint8Array {
  const t = new Uint8Array(14);
  assert.ok(new OuchGatewayToken(prefix).write(t, 0, id) >= 0);
  return t;
}

test('Cancel Reject for our order reaches the core as CANCEL_REJECTED; a foreign one is ignored', () => {
  const adapter = new OuchVenueAdapter({
    host: '127.0.0.1',
    port: 9,
    username: 'CRJ',
    password: '',
    tokenPrefix: 'C01',
  });
  const sink = recordingSink();
  // The sink is normally installed by start(), which also connects: set it without a socket.
  (adapter as unknown as { sink: VenueEventSink }).sink = sink;
  const msg = new Uint8Array(64);
  const ours = encodeCancelReject(msg, 0, { timestamp: 1, token: tokenFor('C01', 42) });
  assert.ok(ours > 0);
  adapter.onMessage(msg, 0, ours, 1);
  const foreign = encodeCancelReject(msg, 0, { timestamp: 2, token: tokenFor('ZZZ', 42) });
  adapter.onMessage(msg, 0, foreign, 2);
  const stats = adapter.stats();
  console.log('adapter stats after 2 cancel rejects (ours, foreign):', JSON.stringify(stats));
  assert.deepEqual([stats['cancelRejects'], stats['ignored']], [1, 1]);
  assert.deepEqual(sink.kinds, [VenueEventKind.CANCEL_REJECTED], 'only ours reaches the core');
  // A Canceled for our token reaches the core as CANCELED.
  const canceled = encodeCanceled(msg, 0, {
    timestamp: 3,
    token: tokenFor('C01', 42),
    decrementShares: 100,
    reason: 0x55,
  });
  adapter.onMessage(msg, 0, canceled, 3);
  assert.deepEqual(sink.kinds, [VenueEventKind.CANCEL_REJECTED, VenueEventKind.CANCELED]);
});
