// The normalizer, the market event layout and the sequence tracker, in process: every ITCH type
// lands in the ring as the event the descriptor promises, malformed input is counted by kind
// and never published, holes become GAP events, replays never become duplicates, and bad
// configs are refused with a message naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BroadcastRing } from '@ringside/ring';
import {
  ItchStatus,
  Side,
  encodeAddOrder,
  encodeAddOrderMpid,
  encodeBrokenTrade,
  encodeCrossTrade,
  encodeNoii,
  encodeOrderCancel,
  encodeOrderDelete,
  encodeOrderExecuted,
  encodeOrderExecutedWithPrice,
  encodeOrderReplace,
  encodeRegShoRestriction,
  encodeStockDirectory,
  encodeStockTradingAction,
  encodeSystemEvent,
  encodeTrade,
  stockKey,
} from '@ringside/protocols';
import type { BroadcastConsumer } from '@ringside/ring';
import {
  FeedSequenceTracker,
  IngestError,
  IngestErrorCode,
  IngestTally,
  ItchNormalizer,
  MarketEventReader,
  MarketEventType,
  NormalizeStatus,
  NormalizerContext,
  SequenceVerdict,
  parseIngestConfig,
} from '@ringside/hotpath';

const AMZN = stockKey('AMZN');

/** Sets the normalizer's context (as a source does) and normalizes b[0 .. len). */
function run(n: ItchNormalizer, b: Uint8Array, len: number, seq: number, ingestNs: number): number {
  n.context[NormalizerContext.FEED_SEQUENCE] = seq;
  n.context[NormalizerContext.INGEST_NS] = ingestNs;
  return n.normalize(b, 0, len);
}
const hdr = { stockLocate: 7, trackingNumber: 0, timestamp: 34_200_000_000_123 };

function setup(capacity = 64): { normalizer: ItchNormalizer; consumer: BroadcastConsumer } {
  const ring = BroadcastRing.create({ capacity, slotBytes: 64 });
  const consumer = ring.attachConsumer({ maxBatch: capacity });
  return { normalizer: new ItchNormalizer(ring.attachProducer()), consumer };
}

/** Receives everything published and returns a reader positioned on event i via `at(i)`. */
function drain(consumer: BroadcastConsumer): { n: number; at: (i: number) => MarketEventReader } {
  const n = consumer.receive(consumer.maxBatch);
  const r = new MarketEventReader();
  return { n, at: (i) => r.wrap(consumer.batchI32, consumer.batchF64, i * consumer.slotBytes) };
}

test('every ITCH type becomes the market event the descriptor promises', () => {
  const { normalizer, consumer } = setup();
  const b = new Uint8Array(64);
  const cases: [number, () => number][] = [
    [
      MarketEventType.ADD,
      () =>
        encodeAddOrder(b, 0, {
          ...hdr,
          orderRef: 2 ** 52 + 3,
          side: Side.BUY,
          shares: 300,
          stock: AMZN,
          price: 2_201_500,
        }),
    ],
    [
      MarketEventType.ADD,
      () =>
        encodeAddOrderMpid(b, 0, {
          ...hdr,
          orderRef: 11,
          side: Side.SELL,
          shares: 4_000_000_000,
          stock: AMZN,
          price: 1,
          attribution: 0x4142_4344,
        }),
    ],
    [
      MarketEventType.EXECUTE,
      () =>
        encodeOrderExecuted(b, 0, {
          ...hdr,
          orderRef: 11,
          executedShares: 100,
          matchNumber: 987_654_321_012,
        }),
    ],
    [
      MarketEventType.EXECUTE,
      () =>
        encodeOrderExecutedWithPrice(b, 0, {
          ...hdr,
          orderRef: 11,
          executedShares: 5,
          matchNumber: 12,
          printable: 0x59,
          executionPrice: 2_200_000,
        }),
    ],
    [MarketEventType.CANCEL, () => encodeOrderCancel(b, 0, { ...hdr, orderRef: 11, cancelledShares: 50 })],
    [MarketEventType.DELETE, () => encodeOrderDelete(b, 0, { ...hdr, orderRef: 11 })],
    [
      MarketEventType.REPLACE,
      () => encodeOrderReplace(b, 0, { ...hdr, originalRef: 11, newRef: 12, shares: 70, price: 2_199_900 }),
    ],
    [
      MarketEventType.TRADE,
      () =>
        encodeTrade(b, 0, {
          ...hdr,
          orderRef: 0,
          side: Side.BUY,
          shares: 9,
          stock: AMZN,
          price: 2_200_100,
          matchNumber: 13,
        }),
    ],
    [
      MarketEventType.CROSS,
      () =>
        encodeCrossTrade(b, 0, {
          ...hdr,
          shares: 2 ** 40,
          stock: AMZN,
          price: 2_200_000,
          matchNumber: 14,
          crossType: 0x4f,
        }),
    ],
    [MarketEventType.BROKEN_TRADE, () => encodeBrokenTrade(b, 0, { ...hdr, matchNumber: 14 })],
    [MarketEventType.SYSTEM, () => encodeSystemEvent(b, 0, { ...hdr, eventCode: 0x51 })],
    [
      MarketEventType.DIRECTORY,
      () =>
        encodeStockDirectory(b, 0, {
          ...hdr,
          stock: AMZN,
          marketCategory: 0x51,
          financialStatus: 0x4e,
          roundLotSize: 100,
          roundLotsOnly: 0x4e,
          issueClassification: 0x43,
          issueSubType: 0x5a20,
          authenticity: 0x50,
          shortSaleThreshold: 0x4e,
          ipoFlag: 0x4e,
          luldTier: 0x31,
          etpFlag: 0x4e,
          etpLeverageFactor: 0,
          inverseIndicator: 0x4e,
        }),
    ],
    [
      MarketEventType.TRADING_ACTION,
      () =>
        encodeStockTradingAction(b, 0, {
          ...hdr,
          stock: AMZN,
          tradingState: 0x54,
          reserved: 0x20,
          reason: 0x20202020,
        }),
    ],
    [MarketEventType.ADMIN, () => encodeRegShoRestriction(b, 0, { ...hdr, stock: AMZN, regShoAction: 0x30 })],
  ];
  let seq = 100;
  for (const [expected, encode] of cases) {
    const len = encode();
    assert.ok(len > 0, 'encoder wrote a message');
    assert.equal(run(normalizer, b, len, seq++, 5e12 + seq), expected);
  }
  const noiiLen = encodeNoii(b, 0, {
    ...hdr,
    pairedShares: 1,
    imbalanceShares: 2,
    imbalanceDirection: 0x42,
    stock: AMZN,
    farPrice: 1,
    nearPrice: 1,
    currentReferencePrice: 1,
    crossType: 0x4f,
    priceVariation: 0x4c,
  });
  assert.ok(noiiLen > 0);
  assert.equal(run(normalizer, b, noiiLen, seq++, 0), NormalizeStatus.COUNTED_ONLY);
  assert.equal(normalizer.publish(), cases.length);

  const { n, at } = drain(consumer);
  assert.equal(n, cases.length, 'one event per published message, I only counted');
  for (let i = 0; i < n; i++) {
    const e = at(i);
    assert.equal(e.type, cases[i]![0]);
    assert.equal(e.feedSequence, 100 + i);
    assert.equal(e.ingestNs, 5e12 + 101 + i);
    assert.equal(e.exchangeNs, hdr.timestamp);
    assert.equal(e.locate, 7);
    assert.equal(e.ringSequence, i);
  }
  assert.deepEqual(
    [at(0).orderRef, at(0).side, at(0).price, at(0).quantity, at(0).itchType],
    [2 ** 52 + 3, Side.BUY, 2_201_500, 300, 0x41],
  );
  assert.deepEqual(
    [at(1).quantity, at(1).side, at(1).aux, at(1).itchType],
    [4_000_000_000, Side.SELL, 0x4142_4344, 0x46],
  );
  assert.deepEqual(
    [at(2).orderRef, at(2).quantity, at(2).matchNumber, at(2).price],
    [11, 100, 987_654_321_012, 0],
  );
  assert.deepEqual([at(3).price, at(3).aux, at(3).itchType], [2_200_000, 0x59, 0x43]);
  assert.deepEqual([at(4).quantity, at(5).orderRef], [50, 11]);
  assert.deepEqual([at(6).orderRef, at(6).newOrderRef, at(6).quantity, at(6).price], [11, 12, 70, 2_199_900]);
  assert.deepEqual([at(7).side, at(7).matchNumber, at(7).quantity], [Side.BUY, 13, 9]);
  assert.deepEqual(
    [at(8).quantity, at(8).aux, at(8).matchNumber],
    [0xffffffff, 0x4f, 14],
    'cross shares saturate',
  );
  assert.deepEqual([at(9).matchNumber, at(10).aux], [14, 0x51]);
  assert.deepEqual([at(11).stockKey, at(11).aux], [AMZN, 100]);
  assert.deepEqual([at(12).stockKey, at(12).aux], [AMZN, 0x54]);
  assert.equal(at(13).itchType, 0x59);

  const s = normalizer.tallies.scalars;
  assert.equal(s[IngestTally.MESSAGES_IN], cases.length + 1);
  assert.equal(s[IngestTally.EVENTS_PUBLISHED], cases.length);
  assert.equal(s[IngestTally.COUNTED_ONLY], 1);
  assert.equal(normalizer.tallies.byType[0x41], 1);
  assert.equal(normalizer.tallies.byType[0x49], 1);
});

test('malformed messages are counted by kind and never published', () => {
  const { normalizer, consumer } = setup();
  const b = new Uint8Array(64);
  const len = encodeOrderDelete(b, 0, { ...hdr, orderRef: 1 });
  assert.equal(run(normalizer, b, len + 1, 1, 0), ItchStatus.WRONG_LENGTH);
  b[0] = 0x7a; // 'z': no such type
  assert.equal(run(normalizer, b, len, 2, 0), ItchStatus.UNKNOWN_TYPE);
  encodeAddOrder(b, 0, { ...hdr, orderRef: 1, side: Side.BUY, shares: 1, stock: AMZN, price: 1 });
  b[19] = 0x58; // side 'X'
  assert.equal(run(normalizer, b, 36, 3, 0), ItchStatus.BAD_FIELD_VALUE);
  assert.equal(run(normalizer, b, 0, 4, 0), ItchStatus.TRUNCATED);
  assert.equal(normalizer.publish(), 0);
  assert.equal(drain(consumer).n, 0);
  const m = normalizer.tallies.malformed;
  assert.deepEqual(
    [
      m[-ItchStatus.WRONG_LENGTH],
      m[-ItchStatus.UNKNOWN_TYPE],
      m[-ItchStatus.BAD_FIELD_VALUE],
      m[-ItchStatus.TRUNCATED],
    ],
    [1, 1, 1, 1],
  );
  assert.equal(normalizer.tallies.malformedTotal(), 4);
  assert.equal(normalizer.tallies.scalars[IngestTally.MESSAGES_IN], 4);
});

test('a reused slot shows none of the previous lap (every field is written)', () => {
  const { normalizer, consumer } = setup(4);
  const b = new Uint8Array(64);
  const addLen = encodeAddOrder(b, 0, {
    ...hdr,
    orderRef: 99,
    side: Side.SELL,
    shares: 77,
    stock: AMZN,
    price: 1234,
  });
  for (let i = 0; i < 4; i++) {
    run(normalizer, b, addLen, i + 1, 1);
    normalizer.publish();
    assert.equal(drain(consumer).n, 1);
  }
  const delLen = encodeOrderDelete(b, 0, { ...hdr, stockLocate: 3, orderRef: 5 });
  run(normalizer, b, delLen, 5, 2);
  normalizer.publish();
  const { n, at } = drain(consumer);
  assert.equal(n, 1);
  const e = at(0);
  assert.deepEqual(
    [e.type, e.orderRef, e.side, e.price, e.quantity, e.newOrderRef, e.aux, e.locate],
    [MarketEventType.DELETE, 5, 0, 0, 0, 0, 0, 3],
  );
});

test('the sequence tracker turns holes into GAP events and drops replays', () => {
  const { normalizer, consumer } = setup();
  const tracker = new FeedSequenceTracker(normalizer, 1);
  const b = new Uint8Array(64);
  const len = encodeOrderDelete(b, 0, { ...hdr, orderRef: 1 });
  const feed = [1, 2, 5, 4, 5, 6, 3, 10];
  const verdicts = feed.map((seq) => {
    normalizer.context[NormalizerContext.INGEST_NS] = 42;
    const v = tracker.accept(seq);
    if (v >= 0) run(normalizer, b, len, seq, 42);
    return v;
  });
  const { DELIVER: D, DELIVER_AFTER_GAP: G, DUPLICATE: X } = SequenceVerdict;
  assert.deepEqual(verdicts, [D, D, G, X, X, D, X, G]);
  assert.equal(tracker.expected, 11);
  normalizer.publish();
  const { n, at } = drain(consumer);
  const seen = Array.from({ length: n }, (_, i) => {
    const e = at(i);
    return e.type === MarketEventType.GAP ? `gap ${e.feedSequence}+${e.missingCount}` : `${e.feedSequence}`;
  });
  assert.deepEqual(seen, ['1', '2', 'gap 3+2', '5', '6', 'gap 7+3', '10']);
  const s = normalizer.tallies.scalars;
  assert.deepEqual([s[IngestTally.GAPS], s[IngestTally.GAP_MESSAGES], s[IngestTally.DUPLICATES]], [2, 5, 3]);
});

test('a read holding more events than half the ring is published in parts, never lost', () => {
  const { normalizer, consumer } = setup(8);
  const b = new Uint8Array(64);
  const len = encodeOrderDelete(b, 0, { ...hdr, orderRef: 1 });
  let received = 0;
  for (let i = 1; i <= 6; i++) {
    run(normalizer, b, len, i, 0);
    received += Math.max(0, consumer.receive(8));
  }
  normalizer.publish();
  received += Math.max(0, consumer.receive(8));
  assert.equal(received, 6);
  assert.equal(consumer.loss, 0);
  assert.equal(normalizer.tallies.scalars[IngestTally.BATCH_SPLITS], 1);
});

test('bad configs are refused with a typed error naming the field', () => {
  const bad = (input: unknown, fragment: RegExp): void => {
    assert.throws(
      () => parseIngestConfig(input),
      (err: unknown) =>
        err instanceof IngestError && err.code === IngestErrorCode.BAD_CONFIG && fragment.test(err.message),
    );
  };
  bad({ source: { kind: 'tcp', port: 70000 } }, /source\.port/);
  bad({ source: { kind: 'ftp' } }, /source\.kind/);
  bad({ source: { kind: 'file' } }, /source\.path/);
  bad({ source: { kind: 'file', path: 'x', loops: 0 } }, /source\.loops/);
  bad({ source: { kind: 'tcp', port: 1, username: 'much-too-long' } }, /source\.username/);
  bad({ source: { kind: 'file', path: 'x' }, idleStrategy: 'nap' }, /idleStrategy/);
  bad(
    { source: { kind: 'file', path: 'x' }, sampleCapacity: 1000 },
    /sampleCapacity: must be a power of two/,
  );
  bad({ source: { kind: 'file', path: 'x' }, extra: 1 }, /extra/);
  const ok = parseIngestConfig({ source: { kind: 'tcp', port: 9000 } });
  assert.equal(ok.source.kind, 'tcp');
  assert.deepEqual(ok.source.kind === 'tcp' ? [ok.source.host, ok.source.firstSequence] : [], [
    '127.0.0.1',
    1,
  ]);
});
