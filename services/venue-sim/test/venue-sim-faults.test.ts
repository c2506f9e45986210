// venue-sim's injected faults over real TCP: ack delays, stall windows, forced disconnects with
// replay on re-login, and garbage from one client while another trades on.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, test } from 'node:test';
import { OUCH_ENTER_ORDER, SoupClientState } from '@ringside/protocols';
import { ackDelaySampler, SeededRandom, startVenueSim } from '@ringside/venue-sim';
import type { VenueSimConfigInput, VenueSimHandle } from '@ringside/venue-sim';
import { OuchTestClient, waitFor } from './ouch-test-client.ts';
import type { Reply } from './ouch-test-client.ts';

const open: { venue: VenueSimHandle; clients: OuchTestClient[] }[] = [];

async function setup(
  config: VenueSimConfigInput,
  users: string[],
  reconnect = false,
): Promise<[VenueSimHandle, OuchTestClient[]]> {
  const venue = await startVenueSim(config);
  const clients = users.map((u) => new OuchTestClient(venue.port, u, { reconnect }));
  open.push({ venue, clients });
  for (const c of clients) await c.connect();
  return [venue, clients];
}

after(async () => {
  for (const { venue, clients } of open) {
    for (const c of clients) await c.close();
    await venue.close();
  }
});

/** Every token has exactly one reply of each type in `types`, and sequence numbers run 1..n. */
function assertExactlyOnce(replies: Reply[], tokens: string[], types: string[]): void {
  for (const t of tokens)
    for (const type of types)
      assert.equal(replies.filter((r) => r.token === t && r.type === type).length, 1, `${type} for ${t}`);
  assert.deepEqual(
    replies.map((r) => r.seq),
    replies.map((_, i) => i + 1),
    'sequence numbers 1..n, no gap, no repeat',
  );
}

test('ack delay: fixed 2 ms → every ack at least 2 ms after its order was sent', async () => {
  const [, [c]] = await setup({ engine: { ackDelay: { kind: 'fixed', ms: 2 } } }, ['DLY']);
  const N = 40;
  for (let i = 0; i < N; i++) {
    c!.enter({ token: `D${i}` });
    await new Promise((r) => setTimeout(r, 1));
  }
  await waitFor(() => c!.of('A').length === N, 5000, 'acks');
  const lat = c!.of('A').map((a) => a.at - c!.sentAt.get(a.token)!);
  lat.sort((x, y) => x - y);
  console.log(
    `ack delay fixed 2 ms: observed min ${lat[0]!.toFixed(2)} p50 ${lat[N >> 1]!.toFixed(2)} max ${lat[N - 1]!.toFixed(2)} ms`,
  );
  assert.ok(lat[0]! >= 2, `fastest ack after ${lat[0]} ms`);
});

test('ack delay distributions: seeded uniform and lognormal samplers have the configured shape', () => {
  const u = ackDelaySampler({ kind: 'uniform', minMs: 1, maxMs: 3 }, new SeededRandom(5));
  const us = Array.from({ length: 20_000 }, u);
  assert.ok(Math.min(...us) >= 1 && Math.max(...us) <= 3);
  const mean = us.reduce((a, b) => a + b, 0) / us.length;
  assert.ok(Math.abs(mean - 2) < 0.05, `uniform mean ${mean}`);
  const l = ackDelaySampler({ kind: 'lognormal', medianMs: 0.5, sigma: 0.8, maxMs: 20 }, new SeededRandom(5));
  const ls = Array.from({ length: 20_000 }, l).sort((a, b) => a - b);
  const median = ls[10_000]!;
  const p99 = ls[19_800]!;
  console.log(
    `lognormal(0.5 ms, 0.8): median ${median.toFixed(3)} p99 ${p99.toFixed(3)} max ${ls.at(-1)!.toFixed(3)}`,
  );
  assert.ok(Math.abs(median - 0.5) < 0.05, `median ${median}`);
  assert.ok(p99 > 2.5 && p99 < 4, `p99 ${p99} (theory 0.5·e^(0.8·2.326) ≈ 3.2)`);
  assert.ok(ls.at(-1)! <= 20);
  const draw = (seed: number): number[] => {
    const f = ackDelaySampler(
      { kind: 'lognormal', medianMs: 0.5, sigma: 0.8, maxMs: 20 },
      new SeededRandom(seed),
    );
    return Array.from({ length: 100 }, f);
  };
  assert.deepEqual(draw(9), draw(9), 'same seed, same delays');
  assert.notDeepEqual(draw(9), draw(10), 'another seed, other delays');
});

test('stall window: acks held while stalled, then all released in order — none lost, none twice', async () => {
  const [venue, [c]] = await setup({}, ['STALL']);
  const STALL_MS = 300;
  venue.setStall(STALL_MS);
  const t0 = performance.now();
  const N = 50;
  const tokens = Array.from({ length: N }, (_, i) => `S${i}`);
  for (const t of tokens) c!.enter({ token: t });
  await new Promise((r) => setTimeout(r, STALL_MS - 80));
  // On a busy machine the timer may fire late; only judge while the stall is surely on.
  const held = performance.now() - t0 < STALL_MS - 10;
  if (held) {
    assert.equal(c!.replies.length, 0, 'nothing acknowledged during the stall');
    assert.equal(venue.stats().stalled, true);
    assert.equal(venue.stats().pending, N);
  }
  await waitFor(() => c!.replies.length >= 2 * N, 5000, 'release');
  await new Promise((r) => setTimeout(r, 50)); // anything extra would show up now
  const first = c!.replies[0]!.at - t0;
  console.log(
    `stall ${STALL_MS} ms: first ack ${first.toFixed(0)} ms after the stall began, ${c!.replies.length} replies`,
  );
  assert.ok(first >= STALL_MS - 1, `first ack after ${first} ms`);
  assert.equal(c!.replies.length, 2 * N);
  assertExactlyOnce(c!.replies, tokens, ['A', 'E']);
  assert.deepEqual(
    c!.of('A').map((r) => r.token),
    tokens,
    'released in arrival order',
  );
  assert.equal(venue.stats().stalled, false);
  assert.equal(venue.stats().stallsStarted, 1);
});

test('forced disconnect every 5 orders; re-login with the next sequence replays the missed replies exactly once', async () => {
  const [venue, [c]] = await setup(
    { engine: { ackDelay: { kind: 'fixed', ms: 5 } }, disconnect: { everyOrders: 5 } },
    ['DROP'],
    true,
  );
  const tokens: string[] = [];
  for (let round = 0; round < 3; round++) {
    await waitFor(() => c!.client.state === SoupClientState.LOGGED_IN, 5000, 'logged in');
    for (let i = 0; i < 5; i++) {
      const t = `K${round}_${i}`;
      tokens.push(t);
      assert.ok(c!.enter({ token: t }) > 0, `sent ${t}`);
    }
    await waitFor(() => c!.disconnects === round + 1, 5000, `disconnect ${round + 1}`);
  }
  await waitFor(() => c!.replies.length >= 2 * tokens.length, 5000, 'every reply, after reconnects');
  await new Promise((r) => setTimeout(r, 50));
  console.log(
    `forced disconnects: ${c!.disconnects}, logins ${c!.logins}, replies ${c!.replies.length}, ` +
      `venue forced ${venue.stats().ouch.forcedDisconnects}`,
  );
  assert.equal(venue.stats().ouch.forcedDisconnects, 3);
  assert.ok(c!.logins >= 4, 'logged in again after each drop');
  assertExactlyOnce(c!.replies, tokens, ['A', 'E']);
  assert.equal(c!.replies.length, 2 * tokens.length);

  // dropSessions(): the same replay guarantee when the operator drops everyone.
  const before = c!.replies.length;
  venue.setStall(100);
  const received = venue.stats().ordersReceived;
  c!.enter({ token: 'LAST' });
  // Dropped once the venue has the order but before it acknowledged it (the stall holds the ack).
  await waitFor(() => venue.stats().ordersReceived === received + 1, 3000, 'LAST received');
  assert.equal(venue.dropSessions(), 1);
  await waitFor(() => c!.replies.length === before + 2, 5000, 'LAST replayed');
  assertExactlyOnce(c!.replies, [...tokens, 'LAST'], ['A', 'E']);
});

test('garbage from one client is counted by kind and answered where it names a token; others unaffected', async () => {
  const [venue, [bad, good]] = await setup({}, ['BAD', 'GOOD']);
  const valid = new Uint8Array(49);
  {
    // Build one valid Enter Order by hand (layout per the OUCH descriptor) to mutate below.
    const t = 'G1'.padEnd(14);
    valid[0] = 0x4f;
    for (let i = 0; i < 14; i++) valid[1 + i] = t.charCodeAt(i);
    valid[OUCH_ENTER_ORDER.SIDE] = 0x42;
    valid.set([0, 0, 0, 100], OUCH_ENTER_ORDER.SHARES);
    for (let i = 0; i < 8; i++) valid[OUCH_ENTER_ORDER.STOCK + i] = 'AAPL    '.charCodeAt(i);
    valid.set([0, 0x0f, 0x42, 0x40], OUCH_ENTER_ORDER.PRICE);
    for (let i = 0; i < 4; i++) valid[OUCH_ENTER_ORDER.FIRM + i] = 0x41;
    valid[OUCH_ENTER_ORDER.DISPLAY] = 0x59;
    valid[OUCH_ENTER_ORDER.CAPACITY] = 0x41;
    valid[OUCH_ENTER_ORDER.INTERMARKET_SWEEP] = 0x4e;
    valid[OUCH_ENTER_ORDER.CROSS_TYPE] = 0x4e;
    valid[OUCH_ENTER_ORDER.CUSTOMER_TYPE] = 0x52;
  }
  const mutate = (token: string, at: number, v: number): Uint8Array => {
    const b = valid.slice();
    const t = token.padEnd(14);
    for (let i = 0; i < 14; i++) b[1 + i] = t.charCodeAt(i);
    if (at >= 0) b[at] = v;
    return b;
  };
  const badSide = mutate('G2', OUCH_ENTER_ORDER.SIDE, 0x51);
  const badPrice = mutate('G3', OUCH_ENTER_ORDER.PRICE, 0x80);
  const badStock = mutate('G4', OUCH_ENTER_ORDER.STOCK + 1, 0x01);
  const blankToken = mutate('', -1, 0);
  const GARBAGE_ROUNDS = 20;
  const goodTokens: string[] = [];
  for (let i = 0; i < GARBAGE_ROUNDS; i++) {
    bad!.sendRaw(Uint8Array.from([0x5a, 1, 2, 3])); // unknown type 'Z'
    bad!.sendRaw(valid.subarray(0, 48)); // wrong length
    bad!.sendRaw(blankToken); // bad token: nothing to name
    const t = `OK${i}`;
    goodTokens.push(t);
    good!.enter({ token: t });
  }
  bad!.sendRaw(badSide);
  bad!.sendRaw(badPrice);
  bad!.sendRaw(badStock);
  bad!.sendRaw(valid); // still a working session
  await waitFor(() => good!.replies.length === 2 * GARBAGE_ROUNDS, 5000, 'good client replies');
  await waitFor(() => bad!.replies.length === 5, 5000, 'bad client replies');
  assertExactlyOnce(good!.replies, goodTokens, ['A', 'E']);
  assert.deepEqual(
    bad!.replies.map((r) => [r.type, r.token, r.reason ?? '']),
    [
      ['J', 'G2', 'O'],
      ['J', 'G3', 'X'],
      ['J', 'G4', 'S'],
      ['A', 'G1', ''],
      ['E', 'G1', ''],
    ],
  );
  const s = venue.stats();
  console.log('bad input by kind:', s.ouch.badInput);
  assert.deepEqual(s.ouch.badInput, {
    UNKNOWN_TYPE: GARBAGE_ROUNDS,
    WRONG_LENGTH: GARBAGE_ROUNDS,
    BAD_TOKEN: GARBAGE_ROUNDS,
    BAD_FIELD_VALUE: 3,
  });
  assert.equal(s.invalid, 3);
  assert.equal(s.ouch.sessionsLoggedIn, 2, 'both sessions alive');
  assert.equal(bad!.client.state, SoupClientState.LOGGED_IN);
});
