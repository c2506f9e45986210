// feed-sim's synthetic book over SoupBinTCP: the stream is self-consistent (a book built from it
// never sees an unknown order ref or a negative size), it is paced at the configured rate within
// a tolerance, and bursts are visible to the client. The generator itself (no crossed books,
// same seed → same stream) is tested in packages/marketgen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ItchDecoder, ItchType, stockKeyToString } from '@ringside/protocols';
import { startFeedSim } from '@ringside/feed-sim';
import { FeedCollector, within } from './feed-client.ts';

interface BookCheck {
  problems: string[];
  maxLive: number;
  live: number;
  symbols: Set<string>;
  events: string[];
}

/** Builds the set of live orders from the stream; every reference must hit a live order. */
function checkBook(messages: Uint8Array[]): BookCheck {
  const d = new ItchDecoder();
  const live = new Map<number, number>(); // ref -> shares
  const problems: string[] = [];
  const symbols = new Set<string>();
  const events: string[] = [];
  let maxLive = 0;
  const need = (ref: number, i: number, what: string): number | undefined => {
    const shares = live.get(ref);
    if (shares === undefined) problems.push(`#${i + 1} ${what}: unknown ref ${ref}`);
    return shares;
  };
  messages.forEach((m, i) => {
    const t = d.decode(m, 0, m.length);
    switch (t) {
      case ItchType.SYSTEM_EVENT:
        events.push(String.fromCharCode(d.systemEvent.eventCode));
        break;
      case ItchType.STOCK_DIRECTORY:
        symbols.add(stockKeyToString(d.stockDirectory.stock));
        break;
      case ItchType.ADD_ORDER: {
        const a = d.addOrder;
        if (live.has(a.orderRef)) problems.push(`#${i + 1} A: duplicate ref ${a.orderRef}`);
        if (!symbols.has(stockKeyToString(a.stock))) problems.push(`#${i + 1} A: stock not in directory`);
        live.set(a.orderRef, a.shares);
        break;
      }
      case ItchType.ORDER_EXECUTED: {
        const e = d.orderExecuted;
        const have = need(e.orderRef, i, 'E');
        if (have === undefined) break;
        if (e.executedShares > have) problems.push(`#${i + 1} E: executes ${e.executedShares} of ${have}`);
        if (have === e.executedShares) live.delete(e.orderRef);
        else live.set(e.orderRef, have - e.executedShares);
        break;
      }
      case ItchType.ORDER_CANCEL: {
        const x = d.orderCancel;
        const have = need(x.orderRef, i, 'X');
        if (have === undefined) break;
        if (x.cancelledShares >= have) problems.push(`#${i + 1} X: cancels ${x.cancelledShares} of ${have}`);
        live.set(x.orderRef, have - x.cancelledShares);
        break;
      }
      case ItchType.ORDER_DELETE:
        if (need(d.orderDelete.orderRef, i, 'D') !== undefined) live.delete(d.orderDelete.orderRef);
        break;
      case ItchType.ORDER_REPLACE: {
        const u = d.orderReplace;
        if (need(u.originalRef, i, 'U') === undefined) break;
        if (live.has(u.newRef)) problems.push(`#${i + 1} U: new ref ${u.newRef} already live`);
        live.delete(u.originalRef);
        live.set(u.newRef, u.shares);
        break;
      }
      case ItchType.STOCK_TRADING_ACTION:
        break;
      default:
        problems.push(`#${i + 1}: unexpected message (decode status ${t})`);
    }
    maxLive = Math.max(maxLive, live.size);
  });
  return { problems, maxLive, live: live.size, symbols, events };
}

const SYMBOLS = ['AAPL', 'MSFT', 'AMZN', 'GOOG'];

test(
  'generator: self-consistent stream at the configured rate, every ref live',
  { timeout: 20000 },
  async () => {
    const rate = 4000;
    const durationMs = 1500;
    const feed = await startFeedSim({
      source: { kind: 'synthetic', symbols: SYMBOLS, seed: 7, depth: 10 },
      pacing: { mode: 'rate', messagesPerSecond: rate },
      durationMs,
    });
    const c = new FeedCollector(feed.port);
    try {
      await within('end of session', c.ended, 10000);
      const stats = await feed.finished;
      const book = checkBook(c.messages);
      console.log(
        `generator: ${SYMBOLS.length} symbols, rate ${rate}/s for ${durationMs} ms -> published ${stats.published}, ` +
          `achieved ${Math.round(stats.achievedRate)}/s, by type ${JSON.stringify(stats.byType)}, max live orders ${book.maxLive}`,
      );
      assert.deepEqual(book.problems, []);
      assert.equal(c.firstSequenceBreak(), -1);
      assert.equal(c.messages.length, stats.published);
      assert.deepEqual([...book.symbols].sort(), [...SYMBOLS].sort());
      assert.deepEqual(book.events, ['O', 'S', 'Q', 'M', 'E', 'C']);
      for (const type of ['A', 'E', 'X', 'D', 'U'])
        assert.ok((stats.byType[type] ?? 0) > 50, `enough ${type}`);
      // Rate within ±10%: counted by the feed and by the client's arrival times.
      assert.ok(Math.abs(stats.achievedRate - rate) / rate < 0.1, `achieved ${stats.achievedRate}`);
      const span = (c.times.at(-1)! - c.times[0]!) / 1000;
      const clientRate = c.messages.length / span;
      assert.ok(Math.abs(clientRate - rate) / rate < 0.15, `client-side rate ${clientRate}`);
    } finally {
      await c.close();
      await feed.close();
    }
  },
);

test(
  'generator: bursts (10x for 200 ms every 1000 ms) are visible to the client',
  { timeout: 20000 },
  async () => {
    const base = 1000;
    const burst = { multiplier: 10, durationMs: 200, everyMs: 1000 };
    const durationMs = 2000;
    const feed = await startFeedSim({
      source: { kind: 'synthetic', symbols: SYMBOLS, seed: 11 },
      pacing: { mode: 'rate', messagesPerSecond: base },
      burst,
      durationMs,
    });
    const c = new FeedCollector(feed.port);
    try {
      await within('end of session', c.ended, 10000);
      const stats = await feed.finished;
      // Arrivals in 100 ms bins from the first message.
      const bins = new Array<number>(Math.ceil(durationMs / 100) + 2).fill(0);
      for (const t of c.times) bins[Math.min(bins.length - 1, Math.floor((t - c.times[0]!) / 100))]!++;
      const sorted = [...bins.slice(0, 20)].sort((a, b) => a - b);
      const median = sorted[10]!;
      const busy = bins.filter((n) => n >= 5 * median).length;
      // Expected: base * 2 s + base * (10 - 1) * 0.4 s of burst = 5600.
      const expected = base * (durationMs / 1000) + base * (burst.multiplier - 1) * 0.4;
      console.log(
        `bursts: base ${base}/s, ${JSON.stringify(burst)}, ${durationMs} ms -> ${stats.published} messages (expected ~${expected}), ` +
          `burst windows ${stats.burstWindows}, 100 ms bins ${JSON.stringify(bins)}`,
      );
      assert.equal(stats.burstWindows, 2);
      assert.ok(Math.abs(stats.published - expected) / expected < 0.15, `published ${stats.published}`);
      assert.ok(median >= 60 && median <= 140, `median bin ${median} (base rate is 100 per bin)`);
      assert.ok(busy >= 3, `bins at >= 5x the median: ${busy}`);
      assert.deepEqual(checkBook(c.messages).problems, []);
    } finally {
      await c.close();
      await feed.close();
    }
  },
);
