// venue-sim over real TCP (127.0.0.1, port 0) with the protocol's own SoupBinTcpClient as the
// client: acceptance and fills, seeded rejects, cancels, duplicates, replace/modify, the book.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { stockKey } from '@ringside/protocols';
import { startVenueSim } from '@ringside/venue-sim';
import type { VenueSimConfigInput, VenueSimHandle } from '@ringside/venue-sim';
import { OuchTestClient, waitFor } from './ouch-test-client.ts';

const open: { venue: VenueSimHandle; clients: OuchTestClient[] }[] = [];

async function setup(
  config: VenueSimConfigInput,
  users: string[],
): Promise<[VenueSimHandle, OuchTestClient[]]> {
  const venue = await startVenueSim(config);
  const clients = users.map((u) => new OuchTestClient(venue.port, u));
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

test('enter → Accepted (fields echoed) → Executed in full at the order price', async () => {
  const [venue, [c]] = await setup({}, ['FIRM1']);
  assert.ok(c!.enter({ token: 'T1', side: 'S', shares: 300, symbol: 'MSFT', price: 4_250_000 }) > 0);
  await waitFor(() => c!.replies.length >= 2, 3000, 'two replies');
  const [a, e] = c!.replies;
  assert.equal(a!.type, 'A');
  assert.equal(a!.token, 'T1');
  assert.equal(a!.shares, 300);
  assert.equal(a!.price, 4_250_000);
  assert.equal(a!.stock, stockKey('MSFT'));
  assert.equal(a!.side, 'S');
  assert.ok(a!.orderRef! > 0);
  assert.equal(e!.type, 'E');
  assert.equal(e!.token, 'T1');
  assert.equal(e!.shares, 300);
  assert.equal(e!.price, 4_250_000);
  assert.ok(e!.matchNumber! > 0);
  assert.deepEqual([a!.seq, e!.seq], [1, 2], 'per-user stream starts at 1');
  const s = venue.stats();
  assert.equal(s.ordersReceived, 1);
  assert.equal(s.accepted, 1);
  assert.equal(s.filled, 1);
  assert.equal(s.executions, 1);
});

test('reject ratio is honoured and seeded: the same seed rejects the same orders', async () => {
  const N = 400;
  const runs: string[][] = [];
  for (let run = 0; run < 2; run++) {
    const [venue, [c]] = await setup({ engine: { seed: 42, rejectRatio: 0.3, rejectReasons: ['X', 'H'] } }, [
      'R',
    ]);
    for (let i = 0; i < N; i++) assert.ok(c!.enter({ token: `R${i}` }) > 0);
    await waitFor(() => c!.of('J').length + c!.of('A').length === N, 5000, 'an answer per order');
    const rejected = c!.of('J');
    for (const r of rejected) assert.ok(r.reason === 'X' || r.reason === 'H', `reason ${r.reason}`);
    assert.ok(new Set(rejected.map((r) => r.reason)).size === 2, 'both configured reasons drawn');
    const ratio = rejected.length / N;
    console.log(`reject ratio: configured 0.30, observed ${ratio.toFixed(3)} over ${N} orders (seed 42)`);
    assert.ok(ratio > 0.22 && ratio < 0.38, `observed ${ratio}`);
    assert.equal(venue.stats().randomRejects, rejected.length);
    assert.equal(venue.stats().accepted, N - rejected.length);
    runs.push(rejected.map((r) => r.token).sort());
  }
  assert.deepEqual(runs[0], runs[1], 'same seed, same rejected tokens');
});

test('cancel: full and partial cancels, cancel of a dead order rejected, unknown token ignored', async () => {
  const [venue, [c]] = await setup({ engine: { fill: { full: 0, partial: 0 } } }, ['C']);
  c!.enter({ token: 'C1', shares: 100 });
  c!.enter({ token: 'C2', shares: 100 });
  await waitFor(() => c!.of('A').length === 2, 3000, 'accepts');
  assert.equal(c!.of('E').length, 0, 'no fills configured: orders rest');
  assert.equal(venue.stats().resting, 2);
  c!.cancel('C1', 0);
  c!.cancel('C2', 40); // reduce to 40 open
  c!.cancel('C1', 0); // already canceled
  c!.cancel('NOPE', 0); // never entered: OUCH ignores it
  await waitFor(() => c!.of('C').length === 2 && c!.of('I').length === 1, 3000, 'cancel replies');
  assert.deepEqual(
    c!.of('C').map((r) => [r.token, r.shares, r.reason]),
    [
      ['C1', 100, 'U'],
      ['C2', 60, 'U'],
    ],
  );
  assert.equal(c!.of('I')[0]!.token, 'C1');
  const s = venue.stats();
  assert.equal(s.canceled, 2);
  assert.equal(s.cancelRejects, 1);
  assert.equal(s.cancelUnknown, 1);
  assert.equal(s.cancelRequests, 4);
  assert.equal(s.resting, 1, 'C2 rests with 40 shares');
  assert.equal(venue.engine.order('C', 'C2'.padEnd(14))!.openShares, 40);
});

test('duplicate token → Rejected (duplicate reason); the original order is unaffected', async () => {
  const [venue, [c, other]] = await setup({ engine: { fill: { full: 0, partial: 0 } } }, ['D', 'D2']);
  c!.enter({ token: 'DUP', shares: 100 });
  c!.enter({ token: 'DUP', shares: 999 });
  other!.enter({ token: 'DUP', shares: 5 }); // tokens are unique per user, not across users
  await waitFor(() => c!.replies.length === 2 && other!.replies.length === 1, 3000, 'replies');
  assert.deepEqual(
    c!.replies.map((r) => [r.type, r.token]),
    [
      ['A', 'DUP'],
      ['J', 'DUP'],
    ],
  );
  assert.equal(c!.of('J')[0]!.reason, 'O');
  assert.equal(c!.of('A')[0]!.shares, 100);
  assert.equal(other!.of('A').length, 1);
  assert.equal(venue.stats().duplicates, 1);
  assert.equal(venue.engine.order('D', 'DUP'.padEnd(14))!.openShares, 100);
});

test('partial fills, IOC remainder, matching against the book (no self-match), replace, modify', async () => {
  const cfg: VenueSimConfigInput = { engine: { fill: { full: 0, partial: 1, partialFraction: 0.3 } } };
  const [venue, [buyer, seller]] = await setup(cfg, ['BUY', 'SELL']);
  buyer!.enter({ token: 'B1', side: 'B', shares: 100, price: 1_000_000 }); // 30 at once, 70 rest
  buyer!.enter({ token: 'IOC', side: 'B', shares: 10, price: 900_000, timeInForce: 0 }); // 3 filled, 7 canceled
  await waitFor(() => buyer!.of('E').length === 2 && buyer!.of('C').length === 1, 3000, 'partials');
  assert.equal(buyer!.of('E', 'B1')[0]!.shares, 30);
  assert.equal(buyer!.of('E', 'IOC')[0]!.shares, 3);
  assert.deepEqual(
    [buyer!.of('C')[0]!.token, buyer!.of('C')[0]!.shares, buyer!.of('C')[0]!.reason],
    ['IOC', 7, 'I'],
  );
  // The seller crosses the resting 70 @ 100.0000: 30% at once, then 70 against B1 at B1's price.
  seller!.enter({ token: 'S1', side: 'S', shares: 200, price: 990_000 });
  await waitFor(() => buyer!.of('E', 'B1').length === 2 && seller!.of('E').length === 2, 3000, 'book match');
  const fill = buyer!.of('E', 'B1')[1]!;
  assert.deepEqual([fill.shares, fill.price, fill.liquidity], [70, 1_000_000, 'A']);
  const sellFill = seller!.of('E', 'S1')[1]!;
  assert.deepEqual([sellFill.shares, sellFill.price, sellFill.liquidity], [70, 1_000_000, 'R']);
  assert.equal(sellFill.matchNumber, fill.matchNumber, 'both sides share the match number');
  // S1 has 200 - 60 - 70 = 70 resting. A crossing buy from the same user does not self-match.
  seller!.enter({ token: 'S2', side: 'B', shares: 100, price: 1_000_000 });
  await waitFor(() => seller!.of('E', 'S2').length === 1, 3000, 'S2 partial');
  assert.equal(seller!.of('E', 'S2').length, 1, 'only its own partial fill, no match with S1');
  seller!.replace('S1', 'S1R', 50, 995_000);
  seller!.modify('S1R', 'T', 20);
  seller!.modify('S1R', 'B', 10); // sell → buy is not allowed
  await waitFor(
    () => seller!.of('U').length === 1 && seller!.of('M').length === 1 && seller!.of('I').length === 1,
    3000,
    'U/M/I',
  );
  const u = seller!.of('U')[0]!;
  assert.deepEqual([u.token, u.previousToken, u.shares, u.price], ['S1R', 'S1', 50, 995_000]);
  const m = seller!.of('M')[0]!;
  assert.deepEqual([m.token, m.side, m.shares], ['S1R', 'T', 20]);
  const s = venue.stats();
  assert.equal(s.replaced, 1);
  assert.equal(s.modified, 1);
  assert.equal(s.filled, 1, 'B1 filled completely');
});
