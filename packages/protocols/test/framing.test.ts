// NASDAQ file framing: the writer frames encoded messages, the reader walks them in place; damaged
// framing (a stray last byte, a length beyond the data) is reported, counted and left in place
// for a streaming caller to complete.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  encodeAddOrder,
  encodeOrderDelete,
  FramingStatus,
  ItchDecoder,
  ItchErrorCounters,
  ItchType,
  NasdaqFrameReader,
  NasdaqFrameWriter,
  Side,
  stockKey,
} from '@ringside/protocols';

const add = {
  stockLocate: 3,
  trackingNumber: 0,
  timestamp: 1,
  orderRef: 0,
  side: Side.SELL,
  shares: 10,
  stock: stockKey('MSFT'),
  price: 300_000,
};

test('writer → reader: every message back, in order, zero-copy offsets into the same buffer', () => {
  const buf = new Uint8Array(4096);
  const w = new NasdaqFrameWriter(buf, 5);
  for (let i = 0; i < 50; i++) {
    add.orderRef = i;
    const n =
      i % 2 === 0 ? encodeAddOrder(buf, w.messageOffset, add) : encodeOrderDelete(buf, w.messageOffset, add);
    assert.ok(n > 0);
    assert.ok(w.commit(n) > 0);
  }
  assert.equal(w.written, 25 * (2 + 36) + 25 * (2 + 19));
  const r = new NasdaqFrameReader().reset(buf, 5, w.position);
  const d = new ItchDecoder();
  let len: number;
  let i = 0;
  while ((len = r.next()) >= 0) {
    assert.equal(r.buffer, buf, 'no copy');
    const t = d.decode(buf, r.messageOffset, len);
    if (i % 2 === 0) {
      assert.equal(t, ItchType.ADD_ORDER);
      assert.equal(d.addOrder.orderRef, i);
    } else {
      assert.equal(t, ItchType.ORDER_DELETE);
      assert.equal(d.orderDelete.orderRef, i);
    }
    i++;
  }
  assert.equal(len, FramingStatus.END_OF_DATA);
  assert.equal(i, 50);
  assert.equal(r.remaining(), 0);
});

test('damaged framing: stray byte, length beyond the data, zero-length frame', () => {
  const errors = new ItchErrorCounters();
  const r = new NasdaqFrameReader(errors);
  // 0x00 0x02 'S' 'S' then a stray byte
  r.reset(Uint8Array.from([0, 2, 0x53, 0x53, 0x07]));
  assert.equal(r.next(), 2);
  assert.equal(r.next(), FramingStatus.TRUNCATED_HEADER);
  assert.equal(r.position, 4, 'stays at the damaged frame');
  assert.equal(r.remaining(), 1);
  // a frame that promises 36 bytes and holds 3
  r.reset(Uint8Array.from([0, 36, 0x41, 0, 1]));
  assert.equal(r.next(), FramingStatus.LENGTH_BEYOND_BUFFER);
  assert.equal(r.position, 0);
  // zero-length frames are legal framing; the decoder calls the empty message truncated
  r.reset(Uint8Array.from([0, 0, 0, 0]));
  assert.equal(r.next(), 0);
  assert.equal(r.next(), 0);
  assert.equal(r.next(), FramingStatus.END_OF_DATA);
  assert.equal(errors.count(FramingStatus.TRUNCATED_HEADER), 1);
  assert.equal(errors.count(FramingStatus.LENGTH_BEYOND_BUFFER), 1);
  assert.equal(errors.count(FramingStatus.END_OF_DATA), 0, 'the end is not an error');
  // reset clamps silly ranges instead of reading outside the buffer
  r.reset(new Uint8Array(4), -10, 99);
  assert.equal(r.position, 0);
  assert.equal(r.end, 4);
});

test('streaming: a frame split across reads completes once the rest arrives', () => {
  const whole = new Uint8Array(2 + 36);
  const w = new NasdaqFrameWriter(whole);
  assert.ok(w.commit(encodeAddOrder(whole, w.messageOffset, add)) > 0);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: whole.length }), (cut) => {
      const r = new NasdaqFrameReader();
      const partial = whole.subarray(0, cut);
      r.reset(partial);
      const first = r.next();
      if (cut === whole.length) {
        assert.equal(first, 36);
        return;
      }
      assert.equal(
        first,
        cut === 0
          ? FramingStatus.END_OF_DATA
          : cut === 1
            ? FramingStatus.TRUNCATED_HEADER
            : FramingStatus.LENGTH_BEYOND_BUFFER,
      );
      assert.equal(r.position, 0);
      r.reset(whole, r.position);
      assert.equal(r.next(), 36);
    }),
  );
});

test('writer refuses what does not fit and never writes past its buffer', () => {
  const buf = new Uint8Array(2 + 36 + 2 + 10);
  const w = new NasdaqFrameWriter(buf);
  assert.ok(w.commit(encodeAddOrder(buf, w.messageOffset, add)) > 0);
  assert.equal(w.remaining(), 10);
  assert.ok(encodeAddOrder(buf, w.messageOffset, add) < 0, 'the encoder sees no room');
  assert.equal(w.commit(36), FramingStatus.LENGTH_BEYOND_BUFFER);
  assert.equal(w.commit(-1), FramingStatus.LENGTH_BEYOND_BUFFER);
  assert.equal(
    w.append(Uint8Array.from([1, 2, 3]), 1, 3),
    FramingStatus.LENGTH_BEYOND_BUFFER,
    'source range',
  );
  assert.equal(w.append(Uint8Array.from([9, 8, 7, 6]), 1, 3), 2 + 36 + 2 + 3);
  assert.deepEqual([...buf.subarray(38, 43)], [0, 3, 8, 7, 6]);
  const big = new NasdaqFrameWriter(new Uint8Array(70000));
  assert.equal(big.commit(65536), FramingStatus.LENGTH_BEYOND_BUFFER, 'a frame length is 16 bits');
  assert.ok(big.commit(65535) > 0);
  w.reset();
  assert.equal(w.position, 0);
  assert.equal(w.written, 0);
});
