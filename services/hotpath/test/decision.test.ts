// Decision worker behaviour in one thread (the real agent, queues, books and SinkGateway):
// probe orders flow and come back with monotonic stamps; a full order queue refuses at once
// with LOCAL_REJECT EXEC_BACKLOG while market data keeps flowing; each risk check refuses with
// its reason; the kill switch refuses the next order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Books } from '@ringside/book';
import { SampleRingReader } from '@ringside/counters';
import {
  CompletionReason,
  CompletionStatus,
  DecisionCommand,
  DecisionConfigError,
  DecisionFlagsDescriptor,
  DecisionLatencyTag,
  DecisionTally,
  LatencyProbeStrategy,
  OrderSide,
  SubmitStatus,
  TimeInForce,
  TopOfBookStrategy,
  parseDecisionConfig,
  workerIdOfClientOrderId,
} from '@ringside/hotpath';
import type { CompletionReader, DecisionContext, MarketEventReader, Strategy } from '@ringside/hotpath';
import { ASK, BID, LOCATE, Pipeline } from './workers/decision-harness.ts';

interface Seen {
  status: number;
  reason: number;
  number: number;
  workerId: number;
  stamps: number[];
}

/** Submits what `next` says on each market event, records every completion. */
class ScriptedStrategy implements Strategy {
  next: ((ctx: DecisionContext) => void) | null = null;
  readonly results: number[] = [];
  readonly seen: Seen[] = [];
  events = 0;

  onMarketEvent(_e: MarketEventReader, _books: Books, ctx: DecisionContext): void {
    this.events++;
    const f = this.next;
    this.next = null;
    f?.(ctx);
  }

  onCompletion(c: CompletionReader): void {
    this.seen.push({
      status: c.status,
      reason: c.reason,
      number: c.orderNumber,
      workerId: workerIdOfClientOrderId(c.clientOrderId),
      stamps: [c.ingestNs, c.publishNs, c.decisionReadNs, c.enqueuedNs, c.sentNs, c.ackedNs],
    });
  }

  submitOnNext(locate: number, side: number, price: number, qty: number): void {
    this.next = (ctx) => this.results.push(ctx.submit(locate, side, price, qty, TimeInForce.DAY));
  }
}

test('probe orders reach the sink and completions return with monotonic stamps', () => {
  const probe = new LatencyProbeStrategy(
    { everyEvents: 50 },
    { workerId: 3, strategyId: 9, locates: [LOCATE] },
  );
  const p = new Pipeline({ strategy: probe, sink: 'expire' });
  p.open();
  for (let i = 0; i < 100; i++) {
    p.churn(200);
    p.pump();
  }
  const t = p.agent.tallies.scalars;
  console.log(
    `probe: ${t[DecisionTally.EVENTS]} events, ${probe.stats[0]} orders, ${t[DecisionTally.COMPLETIONS]} completions`,
  );
  assert.equal(t[DecisionTally.EVENTS], 3 + 100 * 200);
  assert.ok(probe.stats[0]! >= 390, `orders ${probe.stats[0]}`);
  assert.equal(probe.stats[1], 0, 'no probe order refused');
  assert.equal(t[DecisionTally.COMPLETIONS], 2 * probe.stats[0]!, 'ACCEPTED + CANCELED per order');
  assert.equal(p.agent.tallies.byStatus[CompletionStatus.ACCEPTED], probe.stats[0]);
  assert.equal(t[DecisionTally.STAMP_VIOLATIONS], 0);
  assert.equal(p.agent.open.size, 0, 'expired orders are no longer open');
  const decision: number[] = [];
  const execution: number[] = [];
  SampleRingReader.attach(p.samples.buffer).poll((v, tag) => {
    if (tag === DecisionLatencyTag.INGEST_TO_ENQUEUED) decision.push(v);
    if (tag === DecisionLatencyTag.ENQUEUED_TO_ACKED) execution.push(v);
  });
  assert.equal(decision.length, probe.stats[0]);
  assert.equal(execution.length, probe.stats[0]);
  assert.ok(decision.every((v) => v > 0));
});

test('completions carry ids, and every stamp is ingest <= publish <= read <= enqueued <= sent <= acked', () => {
  const s = new ScriptedStrategy();
  const p = new Pipeline({ strategy: s, sink: 'fill' });
  p.open();
  p.pump();
  s.submitOnNext(LOCATE, OrderSide.BUY, BID, 10);
  p.churn(1);
  p.pump();
  assert.equal(s.results[0], 1, 'first order number');
  assert.deepEqual(
    s.seen.map((x) => x.status),
    [CompletionStatus.ACCEPTED, CompletionStatus.FILLED],
  );
  for (const x of s.seen) {
    assert.equal(x.number, 1);
    assert.equal(x.workerId, 3);
    assert.ok(x.stamps.every((v) => v > 0));
    for (let k = 1; k < x.stamps.length; k++) assert.ok(x.stamps[k - 1]! <= x.stamps[k]!, `stamp ${k} order`);
  }
});

test('order queue full: LOCAL_REJECT EXEC_BACKLOG at once, market data keeps flowing', () => {
  const s = new ScriptedStrategy();
  const p = new Pipeline({ strategy: s, orderQueueCapacity: 4, risk: { maxOpenOrders: 1000 } }); // no sink
  p.open();
  p.pump();
  for (let i = 0; i < 6; i++) {
    s.submitOnNext(LOCATE, OrderSide.BUY, BID, 1);
    p.churn(1);
    p.pump();
  }
  p.churn(500);
  p.pump();
  assert.deepEqual(s.results, [1, 2, 3, 4, SubmitStatus.EXEC_BACKLOG, SubmitStatus.EXEC_BACKLOG]);
  const rejects = s.seen.filter((x) => x.status === CompletionStatus.LOCAL_REJECT);
  assert.equal(rejects.length, 2);
  assert.ok(rejects.every((x) => x.reason === CompletionReason.EXEC_BACKLOG));
  assert.equal(p.agent.tallies.byReason[CompletionReason.EXEC_BACKLOG], 2);
  assert.equal(p.agent.tallies.scalars[DecisionTally.EVENTS], 3 + 6 + 500, 'every event consumed');
  assert.equal(p.orders.size(), 4);
});

test('each pre-trade risk check refuses with its reason', () => {
  const s = new ScriptedStrategy();
  const p = new Pipeline({
    strategy: s,
    sink: 'accept',
    risk: { maxOrderQty: 500, maxNotional: 20_000, maxOpenOrders: 2, priceBandBps: 100 },
  });
  p.open();
  p.pump();
  const cases: [number, number, number, number][] = [
    [BID, 501, SubmitStatus.RISK_MAX_SIZE, CompletionReason.RISK_MAX_SIZE],
    [BID, 300, SubmitStatus.RISK_MAX_NOTIONAL, CompletionReason.RISK_MAX_NOTIONAL], // $30,000
    [BID + 20_000, 1, SubmitStatus.RISK_PRICE_BAND, CompletionReason.RISK_PRICE_BAND], // +2%
    [0, 1, SubmitStatus.BAD_ORDER, CompletionReason.BAD_ORDER],
    [BID, 1, 1, CompletionReason.NONE],
    [BID, 1, 2, CompletionReason.NONE],
    [BID, 1, SubmitStatus.RISK_MAX_OPEN, CompletionReason.RISK_MAX_OPEN], // two accepted, open
  ];
  for (const [price, qty] of cases) {
    s.submitOnNext(LOCATE, OrderSide.BUY, price, qty);
    p.churn(1);
    p.pump();
  }
  assert.deepEqual(
    s.results,
    cases.map((c) => c[2]),
  );
  const rejects = s.seen.filter((x) => x.status === CompletionStatus.LOCAL_REJECT).map((x) => x.reason);
  assert.deepEqual(
    rejects,
    cases.filter((c) => c[3] !== CompletionReason.NONE).map((c) => c[3]),
  );
  assert.equal(p.agent.tallies.scalars[DecisionTally.LOCAL_REJECTS], 5);
  // A finished order frees its place: cancel one, the next order passes again.
  s.next = (ctx) => s.results.push(ctx.cancel(1));
  p.churn(1);
  p.pump();
  s.submitOnNext(LOCATE, OrderSide.BUY, BID, 1);
  p.churn(1);
  p.pump();
  assert.ok(s.results.at(-1)! > 0, 'accepted after a cancel');
  // SET_RISK_LIMIT command tightens the size limit.
  p.commands.offer(DecisionCommand.SET_RISK_LIMIT, 0, 5);
  s.submitOnNext(LOCATE, OrderSide.BUY, BID, 6);
  p.churn(1);
  p.pump();
  assert.equal(s.results.at(-1), SubmitStatus.RISK_MAX_SIZE);
});

test('kill switch: the shared halt flag and the HALT command refuse the very next order', () => {
  const s = new ScriptedStrategy();
  const p = new Pipeline({ strategy: s, sink: 'expire' });
  p.open();
  p.pump();
  Atomics.store(p.flags, DecisionFlagsDescriptor.HALT_INDEX, 1);
  s.submitOnNext(LOCATE, OrderSide.SELL, ASK, 1);
  p.churn(1);
  p.pump();
  Atomics.store(p.flags, DecisionFlagsDescriptor.HALT_INDEX, 0);
  s.submitOnNext(LOCATE, OrderSide.SELL, ASK, 1);
  p.churn(1);
  p.pump();
  p.commands.offer(DecisionCommand.HALT);
  s.submitOnNext(LOCATE, OrderSide.SELL, ASK, 1);
  p.churn(1);
  p.pump();
  p.commands.offer(DecisionCommand.RESUME);
  s.submitOnNext(LOCATE, OrderSide.SELL, ASK, 1);
  p.churn(1);
  p.pump();
  assert.deepEqual(s.results, [SubmitStatus.HALTED, 1, SubmitStatus.HALTED, 2]);
  assert.equal(p.agent.tallies.byReason[CompletionReason.HALTED], 2);
});

test('TopOfBookStrategy joins both sides, pulls a quote when the top moves, re-joins', () => {
  const tob = new TopOfBookStrategy(
    { quantity: 10, minSpread: 50, maxPosition: 100 },
    { workerId: 3, strategyId: 9, locates: [LOCATE] },
  );
  const p = new Pipeline({ strategy: tob, sink: 'accept' });
  p.open();
  p.pump();
  assert.deepEqual([tob.restingPrice[0], tob.restingPrice[1]], [BID, ASK]);
  const firstBuy = tob.restingNumber[0]!;
  const firstSell = tob.restingNumber[1]!;
  p.quote(0x42, BID + 20); // a better bid: our buy quote is no longer the top
  p.pump();
  p.churn(2); // the cancel's CANCELED arrives; the next event re-joins at the new top
  p.pump();
  assert.ok(p.agent.tallies.scalars[DecisionTally.CANCELS]! >= 1);
  assert.notEqual(tob.restingNumber[0], firstBuy);
  assert.equal(tob.restingNumber[1], firstSell, 'the ask did not move: its quote stays');
  assert.deepEqual([tob.restingPrice[0], tob.restingPrice[1]], [BID + 20, ASK]);
  p.quote(0x42, ASK - 10); // spread 10 < minSpread 50: both quotes pulled
  p.pump();
  p.churn(1);
  p.pump();
  assert.equal(p.agent.open.size, 0);
  assert.deepEqual([tob.restingNumber[0], tob.restingNumber[1]], [0, 0]);
});

test("decision config: instrument priority (default high) and the workers' shed knobs", () => {
  const c = parseDecisionConfig({
    strategy: { name: 'latency-probe' },
    instruments: [{ locate: 1 }, { locate: 2, priority: 'low' }],
  });
  assert.deepEqual(
    c.instruments.map((i) => i.priority),
    ['high', 'low'],
  );
  assert.deepEqual(c.shed, { conflateLagEvents: 256, sampleProcessedLatency: false });
  assert.throws(
    () =>
      parseDecisionConfig({
        strategy: { name: 'latency-probe' },
        instruments: [{ locate: 1, priority: 'medium' }],
        shed: { conflateLagEvents: -1 },
      }),
    (err: unknown) =>
      err instanceof DecisionConfigError &&
      /instruments\.0\.priority/.test(err.message) &&
      /shed\.conflateLagEvents/.test(err.message),
  );
});

test('a book marked stale is refused LOCAL_REJECT SHED; the shed level is visible to the strategy', () => {
  let seenLevel = -1;
  let stale = false;
  let result = 0;
  const strategy: Strategy = {
    onMarketEvent(_e: MarketEventReader, _b: Books, ctx: DecisionContext) {
      seenLevel = ctx.shedLevel;
      stale = ctx.isBookStale(LOCATE);
      result = ctx.submit(LOCATE, OrderSide.BUY, BID, 1, TimeInForce.IOC);
    },
    onCompletion() {},
  };
  const p = new Pipeline({ strategy, sink: 'expire', lowPriorityLocates: [LOCATE] });
  p.open();
  p.pump();
  assert.ok(result > 0, 'level NONE: the low-priority instrument trades');
  Atomics.store(p.flags, DecisionFlagsDescriptor.LEVEL_INDEX, 2);
  const before = p.agent.tallies.scalars[DecisionTally.SHED_DROPPED]!;
  p.quote(0x42, BID - 200);
  p.pump();
  assert.equal(p.agent.tallies.scalars[DecisionTally.SHED_DROPPED]! - before, 1, 'dropped, counted');
  assert.equal(p.agent.tallies.scalars[DecisionTally.SHED_LEVEL], 2);
  assert.equal(p.agent.ctx.isBookStale(LOCATE), true);
  Atomics.store(p.flags, DecisionFlagsDescriptor.LEVEL_INDEX, 0);
  result = 0;
  p.quote(0x42, BID - 300);
  p.pump();
  assert.equal(seenLevel, 0);
  assert.equal(stale, true, 'stale stays: the book missed an event');
  assert.equal(result, SubmitStatus.SHED, 'no order on a stale book');
  assert.ok(p.agent.tallies.byReason[CompletionReason.SHED]! >= 1);
});

test('RESET (warm-up → live): books and open orders from before are gone; the live book equals one built from live events alone', () => {
  const s = new ScriptedStrategy();
  const warm = new Pipeline({ strategy: s, sink: 'expire' });
  // Warm-up traffic: a two-sided book plus resting orders behind the top, and an open order.
  warm.open();
  warm.quote(0x42, BID - 500);
  warm.quote(0x53, ASK + 500);
  warm.pump();
  const book = warm.agent.books.book(LOCATE)!;
  assert.ok(book.orderCount() >= 4, `warm-up book has orders: ${book.orderCount()}`);
  assert.equal(book.bestBidPrice(), BID);
  warm.commands.offer(DecisionCommand.RESET);
  warm.pump();
  assert.equal(warm.agent.books.book(LOCATE)!.orderCount(), 0, 'no warm-up order survives RESET');

  // Live traffic after the reset: only a bid at BID - 100 and an ask at ASK + 100.
  warm.quote(0x42, BID - 100);
  warm.quote(0x53, ASK + 100);
  warm.pump();
  const reference = new Pipeline({ strategy: new ScriptedStrategy(), sink: 'expire' });
  reference.quote(0x42, BID - 100);
  reference.quote(0x53, ASK + 100);
  reference.pump();
  const live = warm.agent.books.book(LOCATE)!;
  const fresh = reference.agent.books.book(LOCATE)!;
  assert.deepEqual(
    [live.orderCount(), live.bestBidPrice(), live.bestBidSize(), live.bestAskPrice(), live.bestAskSize()],
    [
      fresh.orderCount(),
      fresh.bestBidPrice(),
      fresh.bestBidSize(),
      fresh.bestAskPrice(),
      fresh.bestAskSize(),
    ],
  );
  assert.equal(live.bestBidPrice(), BID - 100, 'the warm-up top (BID) is gone');
});
