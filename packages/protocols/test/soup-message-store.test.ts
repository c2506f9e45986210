// The retained store against a model: after any sequence of appends, the retained messages are
// the newest ones, in order, byte for byte, and both bounds (bytes, count) hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SoupMessageStore, SoupStatus } from '@ringside/protocols';

const MIN_BYTES = 3 + 65535;

function payloadFor(seq: number, len: number): Uint8Array {
  const p = new Uint8Array(len);
  for (let i = 0; i < len; i++) p[i] = (seq * 31 + i) & 0xff;
  return p;
}

// Reads everything retained through planRange/copyRange in chunks of `chunk` bytes.
function readAll(store: SoupMessageStore, chunk: number): { seq: number; payload: number[] }[] {
  const out: { seq: number; payload: number[] }[] = [];
  let seq = store.firstSequence;
  while (seq < store.nextSequence) {
    const count = store.planRange(seq, chunk);
    assert.ok(count >= 1);
    const buf = new Uint8Array(store.plannedBytes);
    assert.equal(store.copyRange(seq, count, buf, 0), store.plannedBytes);
    let off = 0;
    for (let i = 0; i < count; i++) {
      const len = (buf[off]! << 8) | buf[off + 1]!;
      assert.equal(buf[off + 2], 0x53);
      out.push({ seq: seq + i, payload: Array.from(buf.subarray(off + 3, off + 2 + len)) });
      off += 2 + len;
    }
    assert.equal(off, buf.length);
    seq += count;
  }
  return out;
}

test('retains the newest messages within both bounds, byte for byte', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 9000 }), { minLength: 1, maxLength: 120 }),
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 0, max: 60000 }),
      fc.integer({ min: 1, max: 70000 }),
      (lengths, capMessages, extraBytes, chunk) => {
        const capBytes = MIN_BYTES + extraBytes;
        const store = new SoupMessageStore({ capacityBytes: capBytes, capacityMessages: capMessages });
        lengths.forEach((len, i) => assert.equal(store.append(payloadFor(i + 1, len), 0, len), i + 1));
        assert.equal(store.nextSequence, lengths.length + 1);
        assert.ok(store.size() <= capMessages);
        assert.ok(store.usedBytes() <= capBytes);
        assert.ok(store.size() >= 1, 'the newest message is always retained');
        assert.equal(store.evicted, store.firstSequence - 1);
        // Eviction is not over-eager: keeping one more (older) message would have broken a
        // bound, allowing for one unused wrap tail (shorter than the largest packet).
        if (store.firstSequence > 1) {
          const older = lengths[store.firstSequence - 2]! + 3;
          const retainedBytes = lengths.slice(store.firstSequence - 1).reduce((n, l) => n + l + 3, 0);
          const wrapAllowance = Math.max(...lengths) + 3;
          assert.ok(store.size() === capMessages || retainedBytes + older + wrapAllowance > capBytes);
        }
        const got = readAll(store, chunk);
        assert.equal(got.length, store.size());
        for (const m of got) assert.deepEqual(m.payload, Array.from(payloadFor(m.seq, lengths[m.seq - 1]!)));
      },
    ),
    { numRuns: 200 },
  );
});

test('copyRange refuses evicted or future ranges and small buffers', () => {
  const store = new SoupMessageStore({ capacityBytes: MIN_BYTES, capacityMessages: 4 });
  for (let i = 1; i <= 6; i++) store.append(payloadFor(i, 10), 0, 10);
  assert.equal(store.firstSequence, 3);
  assert.equal(store.copyRange(2, 1, new Uint8Array(100), 0), SoupStatus.BAD_FIELD);
  assert.equal(store.copyRange(6, 2, new Uint8Array(100), 0), SoupStatus.BAD_FIELD);
  assert.equal(store.copyRange(3, 2, new Uint8Array(20), 0), SoupStatus.BUFFER_TOO_SMALL);
  assert.equal(store.planRange(2, 100), 0);
  assert.equal(store.planRange(3, 26), 2);
  assert.equal(store.plannedBytes, 26);
  assert.throws(() => new SoupMessageStore({ capacityBytes: 100, capacityMessages: 4 }), {
    code: 'SOUP_BAD_CONFIG',
  });
});
