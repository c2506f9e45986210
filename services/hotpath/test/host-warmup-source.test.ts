// warmUp.traffic 'generator': the host warms up on marketgen's synthetic books (paced), orders to
// the gateway's sink; once stable it stops the warm-up producer, RESETs every decision worker,
// hands the ring to the live feed (a real feed-sim over loopback) and only then goes READY.
// Proves: READY with the warm-up reasons in the history; venue-sim receives nothing while
// WARM_UP (the sink answered the warm-up orders) and orders after READY; the live feed's events
// arrive on the same ring with no consumer loss; config errors for bad warm-up sections.
// Threads: warm-up ingest then live ingest (parked / socket), 1 decision worker (parked), gateway.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { HostConfigError, parseHotpathConfig, startHotpathHost } from '../src/index.ts';
import type { HotpathHost } from '../src/index.ts';
import { hostConfigInput, startSims, waitUntil } from './workers/host-fixture.ts';
import type { Sims } from './workers/host-fixture.ts';

let sims: Sims;
let host: HotpathHost;
const venueDuringWarmUp: number[] = [];

before(async () => {
  sims = await startSims(2000, 40_000);
  const input = {
    ...hostConfigInput({ feedPort: sims.feed.port, venuePort: sims.venue.port }),
    warmUp: { traffic: 'generator', seed: 7, messagesPerSecond: 4000, batchMessages: 16 },
  };
  console.log('host config:', JSON.stringify(input));
  host = await startHotpathHost(parseHotpathConfig(input), {
    logger: pino({ level: 'warn' }, pino.destination(2)),
  });
});

after(async () => {
  await host?.stop();
  await sims?.close();
});

test('generated warm-up → switch to the live feed → READY; the venue sees only post-READY orders', async () => {
  const sample = setInterval(() => {
    if (host.state() === 'WARM_UP') venueDuringWarmUp.push(sims.venue.stats().ordersReceived);
  }, 10);
  try {
    const ready = await host.waitForState('READY', 30_000);
    const history = host.lifecycleHistory();
    const warm = history.find((t) => t.to === 'WARM_UP');
    assert.match(warm?.reason ?? '', /warm-up on generated traffic/);
    assert.equal(warm?.trusted, false, 'everything in WARM_UP is untrusted');
    assert.match(ready.reason, /for 3 windows/);
    const atReady = await host.report();
    assert.ok(atReady.warmUpOrders > 0, 'the sink answered the warm-up orders');
    assert.ok(
      venueDuringWarmUp.length > 0 && venueDuringWarmUp.every((n) => n === 0),
      'no order reached the venue in WARM_UP',
    );
    assert.ok(
      await waitUntil(() => sims.venue.stats().ordersReceived > 0, 10_000),
      'live orders reach the venue',
    );
    // The live ingest worker's own counters: the feed-sim events arrived after the switch.
    assert.ok(await waitUntil(async () => (await host.report()).eventsIn > 50, 10_000), 'live events in');
    const consumers = host.backend.listConsumers();
    console.log('consumers after the switch:', JSON.stringify(consumers));
    for (const c of consumers) assert.equal(c.loss, 0, `consumer ${c.id} lost events in the switch`);
    const r = await host.report();
    console.log(
      `warm-up: sink answered ${r.warmUpOrders}, venue ${sims.venue.stats().ordersReceived}, live events ${r.eventsIn}, ${venueDuringWarmUp.length} WARM_UP samples of the venue`,
    );
  } finally {
    clearInterval(sample);
  }
});

test('warm-up config errors name the field', () => {
  const base = hostConfigInput({ feedPort: 1, venuePort: 2 });
  const bad = (warmUp: unknown): string[] => {
    try {
      parseHotpathConfig({ ...base, warmUp });
    } catch (err) {
      assert.ok(err instanceof HostConfigError);
      return err.issues.map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  };
  assert.ok(
    bad({ traffic: 'generator', messagesPerSecond: 0 }).some((m) => m.startsWith('warmUp.messagesPerSecond')),
  );
  assert.ok(
    bad({ traffic: 'file', path: 'no-such.itch' }).some((m) => /warmUp.path: ITCH file not found/.test(m)),
  );
  assert.ok(bad({ traffic: 'file' }).some((m) => m.startsWith('warmUp.path')));
  assert.ok(bad({ traffic: 'tcp' }).length > 0);
  assert.deepEqual(bad({ traffic: 'generator' }), []);
});
