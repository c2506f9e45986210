// OUCH encoding and decoding allocate nothing in a sender's loop: a synchronous loop of a
// million order-entry rounds sees no garbage collection, while a control that allocates one small
// array per round does (so the measurement can fail). Its own file: other tests feed the codecs
// proxies and random shapes, which would leave their call sites megamorphic.
import assert from 'node:assert/strict';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { test } from 'node:test';
import {
  alpha4,
  encodeAccepted,
  encodeCanceled,
  encodeCancelOrder,
  encodeEnterOrder,
  encodeExecuted,
  encodeRejected,
  OuchInboundDecoder,
  OuchOutboundDecoder,
  OuchOutboundType,
  stockKey,
  writeTokenBase36,
} from '@ringside/protocols';
import type {
  AcceptedFields,
  CanceledFields,
  CancelOrderFields,
  EnterOrderFields,
  ExecutedFields,
  RejectedFields,
} from '@ringside/protocols';

function countGcsDuring(fn: () => void): Promise<{ gcs: number; ms: number }> {
  return new Promise((resolve) => {
    let gcs = 0;
    let from = 0;
    let to = 0;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime >= from && e.startTime <= to) gcs++;
    });
    obs.observe({ entryTypes: ['gc'] });
    from = performance.now();
    fn();
    to = performance.now();
    // gc entries are delivered asynchronously: give them a moment.
    setTimeout(() => {
      obs.disconnect();
      resolve({ gcs, ms: to - from });
    }, 100);
  });
}

// The gateway's pattern: monomorphic call sites, one reused record per type, realistic values
// (timestamps, order refs and match numbers above 2^31). A megamorphic loop through the test
// catalogue would box doubles across non-inlined calls (V8), which is not how senders use this.
test('an order-entry loop (encode O/X, decode A/E/C/J) allocates nothing: no GC over 1M rounds', async () => {
  const token = new Uint8Array(14);
  const c = (s: string): number => s.charCodeAt(0);
  const enter: EnterOrderFields = {
    token,
    side: c('B'),
    shares: 100,
    stock: stockKey('AAPL'),
    price: 1_500_000,
    timeInForce: 0,
    firm: alpha4('RNGS'),
    display: c('Y'),
    capacity: c('A'),
    intermarketSweep: c('N'),
    minimumQuantity: 0,
    crossType: c('N'),
    customerType: c('R'),
  };
  const cancel: CancelOrderFields = { token, shares: 0 };
  const acc: AcceptedFields = {
    timestamp: 0,
    token,
    side: c('B'),
    shares: 100,
    stock: stockKey('AAPL'),
    price: 1_500_000,
    timeInForce: 0,
    firm: alpha4('RNGS'),
    display: c('Y'),
    orderRef: 0,
    capacity: c('A'),
    intermarketSweep: c('N'),
    minimumQuantity: 0,
    crossType: c('N'),
    orderState: c('L'),
    bboWeight: c(' '),
  };
  const ex: ExecutedFields = {
    timestamp: 0,
    token,
    executedShares: 100,
    executionPrice: 1_500_000,
    liquidityFlag: c('R'),
    matchNumber: 0,
  };
  const cx: CanceledFields = { timestamp: 0, token, decrementShares: 100, reason: c('U') };
  const rj: RejectedFields = { timestamp: 0, token, reason: c('X') };
  const wire = new Uint8Array(256);
  const out = new Uint8Array(256);
  const inDec = new OuchInboundDecoder();
  const outDec = new OuchOutboundDecoder();
  let sum = 0;
  const round = (i: number): void => {
    writeTokenBase36(token, 0, 1_000_000_000 + i);
    sum += inDec.decode(wire, 0, encodeEnterOrder(wire, 0, enter));
    const ts = 34_200_000_000_000 + i * 1000;
    let len = 0;
    switch (i & 3) {
      case 0:
        acc.timestamp = ts;
        acc.orderRef = 5_000_000_000 + i;
        len = encodeAccepted(out, 0, acc);
        break;
      case 1:
        ex.timestamp = ts;
        ex.matchNumber = 7_000_000_000 + i;
        len = encodeExecuted(out, 0, ex);
        break;
      case 2:
        cx.timestamp = ts;
        len = encodeCanceled(out, 0, cx);
        break;
      default:
        rj.timestamp = ts;
        len = encodeRejected(out, 0, rj);
    }
    const t = outDec.decode(out, 0, len);
    if (t === OuchOutboundType.EXECUTED)
      sum += outDec.executed.executedShares + (outDec.executed.tokenId & 1);
    else if (t === OuchOutboundType.ACCEPTED) sum += outDec.accepted.shares;
    sum += inDec.decode(wire, 0, encodeCancelOrder(wire, 0, cancel));
  };
  const N = 1_000_000;
  let kept: Uint8Array | undefined;
  const loop = (): void => {
    for (let i = 0; i < N; i++) round(i);
  };
  const allocatingLoop = (): void => {
    for (let i = 0; i < N; i++) {
      round(i);
      kept = new Uint8Array(64); // what a copying decoder would do per message
    }
  };
  loop(); // warm up (JIT)
  const quiet = await countGcsDuring(loop);
  const control = await countGcsDuring(allocatingLoop);
  assert.ok(kept !== undefined);
  console.log(
    `zero-alloc: ${N} rounds (6 encode/decode each) in ${quiet.ms.toFixed(0)} ms ` +
      `(${((quiet.ms * 1e6) / N).toFixed(0)} ns/round), GCs ${quiet.gcs}; allocating control: GCs ${control.gcs}`,
  );
  assert.ok(sum > 0);
  assert.ok(inDec.errors.total() === 0 && outDec.errors.total() === 0);
  assert.ok(control.gcs > 0, 'the control allocates and must show GCs (else the measurement is blind)');
  assert.equal(quiet.gcs, 0, 'no GC while encoding and decoding');
});
