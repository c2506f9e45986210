// The frame decoder against a reference parser: whatever the bytes and however TCP splits
// them, the decoder must deliver exactly the packets, final status and leftover bytes that a
// one-shot sequential parse of the whole stream gives, and never throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SoupFrameDecoder, SoupStatus, writeSoupDataPacket } from '@ringside/protocols';
import type { SoupPacketHandler } from '@ringside/protocols';

interface Packet {
  type: number;
  payload: number[];
}

class Recorder implements SoupPacketHandler {
  packets: Packet[] = [];
  sources: Uint8Array[] = [];
  stopAfter = Infinity;
  onPacket(type: number, bytes: Uint8Array, off: number, len: number): number {
    this.packets.push({ type, payload: Array.from(bytes.subarray(off, off + len)) });
    this.sources.push(bytes);
    return this.packets.length >= this.stopAfter ? -1 : 0;
  }
}

interface ModelResult {
  packets: Packet[];
  status: number;
  pending: number;
}

// Reference: parse the whole stream at once.
function model(stream: Uint8Array, maxLen: number): ModelResult {
  const packets: Packet[] = [];
  let pos = 0;
  while (stream.length - pos >= 2) {
    const len = (stream[pos]! << 8) | stream[pos + 1]!;
    if (len === 0) return { packets, status: SoupStatus.EMPTY_FRAME, pending: 0 };
    if (len > maxLen) return { packets, status: SoupStatus.FRAME_TOO_LONG, pending: 0 };
    if (stream.length - pos < 2 + len) break;
    packets.push({ type: stream[pos + 2]!, payload: Array.from(stream.subarray(pos + 3, pos + 2 + len)) });
    pos += 2 + len;
  }
  return { packets, status: SoupStatus.OK, pending: stream.length - pos };
}

// Feed `stream` cut at `cuts` (sorted offsets); returns what the decoder did.
function feed(stream: Uint8Array, cuts: number[], maxLen: number): ModelResult & { recorder: Recorder } {
  const rec = new Recorder();
  const dec = new SoupFrameDecoder(rec, maxLen);
  const points = [0, ...cuts.filter((c) => c > 0 && c < stream.length).sort((a, b) => a - b), stream.length];
  let status: number = SoupStatus.OK;
  for (let i = 0; i + 1 < points.length; i++) {
    // Each read arrives in its own buffer, as from a socket.
    const chunk = stream.slice(points[i], points[i + 1]);
    const r = dec.push(chunk, 0, chunk.length);
    if (r < 0) {
      status = r;
      break;
    }
  }
  return {
    packets: rec.packets,
    status,
    pending: status === SoupStatus.OK ? dec.pendingBytes() : 0,
    recorder: rec,
  };
}

function encode(packets: Packet[]): Uint8Array {
  const total = packets.reduce((n, p) => n + 3 + p.payload.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of packets) {
    const n = writeSoupDataPacket(out, off, p.type, Uint8Array.from(p.payload), 0, p.payload.length);
    assert.ok(n > 0);
    off += n;
  }
  return out;
}

const packetArb = fc.record({
  type: fc.integer({ min: 0, max: 255 }),
  payload: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }),
});
const cutsArb = fc.array(fc.nat({ max: 20000 }), { maxLength: 40 });

test('valid packets survive any split into reads', () => {
  fc.assert(
    fc.property(fc.array(packetArb, { maxLength: 40 }), cutsArb, (packets, cuts) => {
      const stream = encode(packets);
      const got = feed(stream, cuts, 4096);
      assert.equal(got.status, SoupStatus.OK);
      assert.equal(got.pending, 0);
      assert.deepEqual(
        got.packets,
        packets.map((p) => ({ type: p.type, payload: [...p.payload] })),
      );
    }),
    { numRuns: 300 },
  );
});

test('random bytes: decoder matches the reference parser and never throws', () => {
  fc.assert(
    fc.property(
      // Half plain noise, half noise rich in zero bytes, so short lengths (and so many
      // "packets" and partial frames) come up instead of an instant FRAME_TOO_LONG.
      fc.oneof(
        fc.uint8Array({ maxLength: 3000 }),
        fc
          .array(fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, fc.integer({ min: 0, max: 255 })), {
            maxLength: 3000,
          })
          .map((a) => Uint8Array.from(a)),
      ),
      cutsArb,
      fc.integer({ min: 1, max: 600 }),
      (bytes, cuts, maxLen) => {
        const want = model(bytes, maxLen);
        const got = feed(bytes, cuts, maxLen);
        assert.equal(got.status, want.status);
        assert.deepEqual(got.packets, want.packets);
        assert.equal(got.pending, want.pending);
      },
    ),
    { numRuns: 500 },
  );
});

test('mutated valid streams: same outcome as the reference parser', () => {
  const mutation = fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
  fc.assert(
    fc.property(
      fc.array(packetArb, { minLength: 1, maxLength: 20 }),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
      fc.nat({ max: 50 }),
      cutsArb,
      (packets, mutations, truncate, cuts) => {
        const stream = encode(packets);
        for (const m of mutations) stream[m.at % stream.length] = m.value;
        const cut = stream.subarray(0, Math.max(0, stream.length - truncate));
        const want = model(cut, 256);
        const got = feed(cut, cuts, 256);
        assert.equal(got.status, want.status);
        assert.deepEqual(got.packets, want.packets);
        assert.equal(got.pending, want.pending);
      },
    ),
    { numRuns: 500 },
  );
});

test('whole packets are delivered from the read buffer itself (no copy), split ones from the reassembly buffer', () => {
  const stream = encode([
    { type: 0x53, payload: [1, 2, 3] },
    { type: 0x53, payload: [4, 5, 6, 7] },
    { type: 0x53, payload: [8] },
  ]);
  const rec = new Recorder();
  const dec = new SoupFrameDecoder(rec);
  const first = stream.slice(0, 6 + 4); // packet 1 whole, packet 2 split inside its payload
  const second = stream.slice(10);
  assert.equal(dec.push(first, 0, first.length), 1);
  assert.equal(dec.pendingBytes(), 4);
  assert.equal(dec.push(second, 0, second.length), 2);
  assert.equal(rec.sources[0], first);
  assert.notEqual(rec.sources[1], second);
  assert.notEqual(rec.sources[1], first);
  assert.equal(rec.sources[2], second);
  assert.deepEqual(
    rec.packets.map((p) => p.payload),
    [[1, 2, 3], [4, 5, 6, 7], [8]],
  );
});

test('a one-byte-at-a-time stream (split length prefix) decodes', () => {
  const packets: Packet[] = [
    { type: 0x48, payload: [] },
    { type: 0x53, payload: Array.from({ length: 300 }, (_, i) => i & 0xff) },
  ];
  const stream = encode(packets);
  const cuts = Array.from({ length: stream.length }, (_, i) => i);
  const got = feed(stream, cuts, 4096);
  assert.deepEqual(got.packets, packets);
});

test('handler stop and fatal errors are sticky until reset', () => {
  const stream = encode([
    { type: 0x53, payload: [1] },
    { type: 0x53, payload: [2] },
  ]);
  const rec = new Recorder();
  rec.stopAfter = 1;
  const dec = new SoupFrameDecoder(rec);
  assert.equal(dec.push(stream, 0, stream.length), SoupStatus.STOPPED);
  assert.equal(rec.packets.length, 1);
  assert.equal(dec.push(stream, 0, stream.length), SoupStatus.DECODER_FAILED);
  dec.reset();
  rec.stopAfter = Infinity;
  assert.equal(dec.push(stream, 0, stream.length), 2);

  const tooLong = new SoupFrameDecoder(new Recorder(), 100);
  assert.equal(tooLong.push(Uint8Array.of(0, 101, 0x53), 0, 3), SoupStatus.FRAME_TOO_LONG);
  assert.equal(tooLong.badLengthField, 101);
  const empty = new SoupFrameDecoder(new Recorder());
  assert.equal(empty.push(Uint8Array.of(0, 0), 0, 2), SoupStatus.EMPTY_FRAME);
  assert.throws(() => new SoupFrameDecoder(new Recorder(), 0), { code: 'SOUP_BAD_CONFIG' });
  assert.throws(() => new SoupFrameDecoder(new Recorder(), 70000), { code: 'SOUP_BAD_CONFIG' });
});
