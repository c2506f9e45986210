// Real NASDAQ data: decodes both ITCH 5.0 files in ../shared/data/itch completely (message
// counts per type must match the data README) and cross-checks the decoded fields against the
// LOBSTER message files they were made from (lobster2itch.py): every LOBSTER submission is an
// 'A' with the same id, size, price, side and nanosecond time; every visible execution an 'E';
// every hidden execution a 'P'.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  charCode,
  ItchDecoder,
  ItchErrorCounters,
  ItchType,
  NasdaqFrameReader,
  Side,
  stockKey,
  SystemEventCode,
  TradingState,
} from '@ringside/protocols';
import { requireSharedData } from '@ringside/testkit';

interface Sample {
  itch: string;
  messages: string;
  symbol: string;
  counts: Record<string, number>;
}

const SAMPLES: Sample[] = [
  {
    itch: 'itch/AMZN_2012-06-21_lobster_level1.itch',
    messages: 'lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv',
    symbol: 'AMZN',
    counts: { A: 36309, D: 29426, E: 8974, X: 3503, P: 2444, S: 2, R: 1, H: 1 },
  },
  {
    itch: 'itch/AAPL_2012-06-21_lobster_level10_first998.itch',
    messages: 'lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv',
    symbol: 'AAPL',
    counts: { A: 501, D: 371, E: 98, P: 61, X: 2, S: 2, R: 1, H: 1 },
  },
];

const SYNTHETIC_REF = 9_000_000_000; // lobster2itch.py invents refs from here up

interface Row {
  ns: number;
  type: number;
  id: number;
  size: number;
  price: number;
  side: number;
}

function lobsterRows(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => {
      const [t, type, id, size, price, dir] = l.split(',');
      return {
        ns: Math.round(Number(t) * 1e9),
        type: Number(type),
        id: Number(id),
        size: Number(size),
        price: Number(price),
        side: Number(dir) === 1 ? Side.BUY : Side.SELL,
      };
    });
}

for (const s of SAMPLES) {
  test(`decode ${s.itch} completely and match its LOBSTER source`, (t) => {
    const itchPath = requireSharedData(t, s.itch);
    const csvPath = requireSharedData(t, s.messages);
    if (itchPath === undefined || csvPath === undefined) return;
    const file = readFileSync(itchPath);
    const errors = new ItchErrorCounters();
    const reader = new NasdaqFrameReader(errors).reset(file);
    const d = new ItchDecoder(errors);
    const counts: Record<string, number> = {};
    const adds = new Map<number, Row>();
    const execs: Row[] = [];
    const trades: Row[] = [];
    const events: number[] = [];
    const key = stockKey(s.symbol);
    let len: number;
    while ((len = reader.next()) >= 0) {
      const type = d.decode(file, reader.messageOffset, len);
      assert.ok(type > 0, `message at ${reader.messageOffset} decodes`);
      const letter = String.fromCharCode(type);
      counts[letter] = (counts[letter] ?? 0) + 1;
      switch (type) {
        case ItchType.ADD_ORDER: {
          const m = d.addOrder;
          assert.equal(m.stock, key);
          assert.equal(m.stockLocate, 1);
          if (m.orderRef < SYNTHETIC_REF) {
            assert.ok(!adds.has(m.orderRef), `order ref ${m.orderRef} added once`);
            adds.set(m.orderRef, {
              ns: m.timestamp,
              type: 1,
              id: m.orderRef,
              size: m.shares,
              price: m.price,
              side: m.side,
            });
          }
          break;
        }
        case ItchType.ORDER_EXECUTED: {
          const m = d.orderExecuted;
          execs.push({ ns: m.timestamp, type: 4, id: m.orderRef, size: m.executedShares, price: 0, side: 0 });
          break;
        }
        case ItchType.TRADE: {
          const m = d.trade;
          assert.equal(m.stock, key);
          trades.push({
            ns: m.timestamp,
            type: 5,
            id: m.orderRef,
            size: m.shares,
            price: m.price,
            side: m.side,
          });
          break;
        }
        case ItchType.SYSTEM_EVENT:
          events.push(d.systemEvent.eventCode);
          break;
        case ItchType.STOCK_DIRECTORY:
          assert.equal(d.stockDirectory.stockString(), s.symbol);
          assert.equal(d.stockDirectory.stockLocate, 1);
          assert.equal(d.stockDirectory.roundLotSize, 100);
          assert.equal(d.stockDirectory.marketCategory, charCode('Q'));
          break;
        case ItchType.STOCK_TRADING_ACTION:
          assert.equal(d.stockTradingAction.tradingState, TradingState.TRADING);
          break;
      }
    }
    assert.equal(errors.total(), 0, 'no decode or framing errors');
    assert.equal(reader.remaining(), 0, 'the whole file was read');
    assert.deepEqual(counts, s.counts, 'messages per type as in the data README');
    assert.deepEqual(events, [SystemEventCode.START_OF_MESSAGES, SystemEventCode.END_OF_MESSAGES]);

    // LOBSTER's first row only seeds the book; rows 2.. are converted one by one.
    const rows = lobsterRows(csvPath).slice(1);
    const submissions = rows.filter((r) => r.type === 1);
    for (const r of submissions) assert.deepEqual(adds.get(r.id), r, `LOBSTER submission ${r.id}`);
    assert.equal(adds.size, submissions.length, 'every real add is a LOBSTER submission');

    const visible = rows.filter((r) => r.type === 4);
    assert.equal(execs.length, visible.length, 'one E per visible execution');
    visible.forEach((r, i) => {
      const e = execs[i]!;
      assert.equal(e.ns, r.ns, `execution ${i} time`);
      if (e.id < SYNTHETIC_REF) assert.equal(e.id, r.id, `execution ${i} order ref`);
      assert.ok(e.size <= r.size && e.size > 0, `execution ${i} shares`);
    });

    const hidden = rows.filter((r) => r.type === 5);
    assert.equal(trades.length, hidden.length, 'one P per hidden execution');
    hidden.forEach((r, i) => assert.deepEqual(trades[i], { ...r, id: 0 }, `hidden execution ${i}`));
    console.log(
      `${s.itch}: ${Object.values(counts).reduce((a, b) => a + b)} messages, ${submissions.length} adds,` +
        ` ${visible.length} executions, ${hidden.length} hidden trades cross-checked against LOBSTER`,
    );
  });
}
