// Zero GC on the hot path: the AMZN ITCH file (80,660 messages) replayed through framing, decode
// and the book 25 times in this thread, with a PerformanceObserver on 'gc' entries: none may
// start inside the hot loop's time window. A control loop doing the same work while allocating
// one small object per message must show GC in its window, so the observer is proven able to see
// what the first assertion says is absent. Both loops are bounded in passes and in time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { ItchDecoder, NasdaqFrameReader } from '@ringside/protocols';
import { requireSharedData } from '@ringside/testkit';
import { Books, BookStatus } from '@ringside/book';

const WARMUP_PASSES = 5;
const HOT_PASSES = 25;
const CONTROL_PASSES = 10;
const TIME_BUDGET_MS = 20_000;

test('replaying the AMZN file through decode + book triggers no GC', async (t) => {
  const path = requireSharedData(t, 'itch/AMZN_2012-06-21_lobster_level1.itch');
  if (path === undefined) return;
  const file = readFileSync(path);
  const config = { locates: [1], maxOrders: 1 << 16, maxLevels: 4096 };
  const reader = new NasdaqFrameReader();
  const decoder = new ItchDecoder();
  const books = new Books(config);
  const deadline = performance.now() + TIME_BUDGET_MS;

  // One pass; returns the number of messages the book refused (must stay 0).
  const pass = (): number => {
    books.clear();
    reader.reset(file);
    let refused = 0;
    let len: number;
    while ((len = reader.next()) >= 0) {
      const type = decoder.decode(file, reader.messageOffset, len);
      if (books.apply(decoder, type) < BookStatus.OK) refused++;
    }
    return refused;
  };

  // Same work, plus one small object per message kept in a bounded ring: real garbage.
  const ring: object[] = new Array<object>(1024);
  const allocatingPass = (): number => {
    books.clear();
    reader.reset(file);
    let n = 0;
    let len: number;
    while ((len = reader.next()) >= 0) {
      const type = decoder.decode(file, reader.messageOffset, len);
      ring[n++ & 1023] = { type, status: books.apply(decoder, type), at: reader.messageOffset };
    }
    return n;
  };

  const gcStarts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcStarts.push(e.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    for (let i = 0; i < WARMUP_PASSES; i++) assert.equal(pass(), 0);
    await sleep(50); // let GC work begun during warm-up (and its entries) finish outside the window

    const h0 = performance.now();
    let hotPasses = 0;
    let refused = 0;
    while (hotPasses < HOT_PASSES && performance.now() < deadline) {
      refused += pass();
      hotPasses++;
    }
    const h1 = performance.now();

    const c0 = performance.now();
    let controlPasses = 0;
    while (controlPasses < CONTROL_PASSES && performance.now() < deadline) {
      allocatingPass();
      controlPasses++;
    }
    const c1 = performance.now();
    await sleep(100); // GC entries are delivered asynchronously

    const inHot = gcStarts.filter((s) => s >= h0 && s <= h1).length;
    const inControl = gcStarts.filter((s) => s >= c0 && s <= c1).length;
    const messages = hotPasses * 80_660;
    console.log('zero-GC config', { ...config, WARMUP_PASSES, HOT_PASSES, CONTROL_PASSES, TIME_BUDGET_MS });
    console.log(
      `hot loop: ${hotPasses} passes, ${messages} messages in ${(h1 - h0).toFixed(1)} ms ` +
        `(${((messages / (h1 - h0)) * 1000).toExponential(2)} msg/s), GC events: ${inHot}; ` +
        `allocating control: ${controlPasses} passes, GC events: ${inControl}`,
    );
    assert.equal(refused, 0, 'the book refused no message');
    assert.equal(hotPasses, HOT_PASSES, 'all hot passes ran within the time budget');
    assert.equal(inHot, 0, 'no GC while decoding and building the book');
    assert.ok(inControl > 0, 'the allocating control loop shows GC (the observer works)');
  } finally {
    observer.disconnect();
  }
});
