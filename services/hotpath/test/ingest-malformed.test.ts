// Malformed frames in a replay file are counted by kind and never stop the replay: fast-check
// builds NASDAQ-framed files mixing valid messages with damaged ones (unknown type, wrong
// length, bad field, unsafe integer, empty frame, damaged tail) and the real ReplayIngestAgent
// must publish exactly the valid ones, in order, each with its frame index as feed sequence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { AgentControl, AgentRunner, BroadcastRing } from '@ringside/ring';
import { CountersManager, CountersWriterView, SampleRing } from '@ringside/counters';
import {
  FramingStatus,
  ITCH_LENGTH_BY_TYPE,
  ItchStatus,
  Side,
  encodeAddOrder,
  encodeOrderDelete,
  encodeOrderExecuted,
  encodeSystemEvent,
  itchErrorName,
  stockKey,
} from '@ringside/protocols';
import {
  BufferFramedSource,
  IngestCountersPublisher,
  ItchNormalizer,
  MarketEventReader,
  ReplayIngestAgent,
  allocateIngestCounters,
  startIngest,
} from '@ringside/hotpath';

type Frame =
  | { kind: 'valid'; type: 'A' | 'D' | 'E' | 'S'; ref: number }
  | { kind: 'unknown-type'; byte: number; length: number }
  | { kind: 'wrong-length'; delta: number }
  | { kind: 'bad-side' }
  | { kind: 'unsafe-ref' }
  | { kind: 'empty' };
type Tail = 'none' | 'one-byte' | 'length-beyond';

const EXPECTED_STATUS: Record<Exclude<Frame['kind'], 'valid'>, number> = {
  'unknown-type': ItchStatus.UNKNOWN_TYPE,
  'wrong-length': ItchStatus.WRONG_LENGTH,
  'bad-side': ItchStatus.BAD_FIELD_VALUE,
  'unsafe-ref': ItchStatus.UNSAFE_INTEGER,
  empty: ItchStatus.TRUNCATED,
};
const TAIL_STATUS: Record<Tail, number> = {
  none: 0,
  'one-byte': FramingStatus.TRUNCATED_HEADER,
  'length-beyond': FramingStatus.LENGTH_BEYOND_BUFFER,
};

const hdr = { stockLocate: 1, trackingNumber: 0, timestamp: 36_000_000_000_000 };
const AMZN = stockKey('AMZN');

function encodeValid(b: Uint8Array, o: number, f: { type: string; ref: number }): number {
  switch (f.type) {
    case 'A':
      return encodeAddOrder(b, o, {
        ...hdr,
        orderRef: f.ref,
        side: Side.BUY,
        shares: 100,
        stock: AMZN,
        price: 10_000,
      });
    case 'D':
      return encodeOrderDelete(b, o, { ...hdr, orderRef: f.ref });
    case 'E':
      return encodeOrderExecuted(b, o, {
        ...hdr,
        orderRef: f.ref,
        executedShares: 1,
        matchNumber: f.ref + 1,
      });
    default:
      return encodeSystemEvent(b, o, { ...hdr, eventCode: 0x4f });
  }
}

/** The message bytes of one frame (what goes after its 2-byte length prefix). */
function frameBytes(f: Frame): Uint8Array {
  const b = new Uint8Array(128);
  switch (f.kind) {
    case 'valid':
      return b.slice(0, encodeValid(b, 0, f));
    case 'unknown-type':
      b[0] = f.byte;
      return b.slice(0, f.length);
    case 'wrong-length': {
      const n = encodeOrderDelete(b, 0, { ...hdr, orderRef: 5 });
      return b.slice(0, n + f.delta);
    }
    case 'bad-side': {
      const n = encodeAddOrder(b, 0, {
        ...hdr,
        orderRef: 5,
        side: Side.BUY,
        shares: 1,
        stock: AMZN,
        price: 1,
      });
      b[19] = 0x51; // 'Q' is no side
      return b.slice(0, n);
    }
    case 'unsafe-ref': {
      const n = encodeOrderDelete(b, 0, { ...hdr, orderRef: 5 });
      b[11] = 0xff; // order ref >= 2^53
      return b.slice(0, n);
    }
    case 'empty':
      return b.slice(0, 0);
  }
}

function buildFile(frames: Frame[], tail: Tail): Uint8Array {
  const parts: number[] = [];
  for (const f of frames) {
    const m = frameBytes(f);
    parts.push(m.length >> 8, m.length & 0xff, ...m);
  }
  if (tail === 'one-byte') parts.push(0);
  if (tail === 'length-beyond') parts.push(0, 40, 0x44, 1, 2);
  return Uint8Array.from(parts);
}

const frameArb: fc.Arbitrary<Frame> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      type: fc.constantFrom('A' as const, 'D' as const, 'E' as const, 'S' as const),
      ref: fc.integer({ min: 1, max: 2 ** 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unknown-type' as const),
      byte: fc.integer({ min: 0, max: 255 }).filter((x) => ITCH_LENGTH_BY_TYPE[x] === 0),
      length: fc.integer({ min: 1, max: 60 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('wrong-length' as const),
      delta: fc.integer({ min: -18, max: 30 }).filter((d) => d !== 0),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'bad-side' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unsafe-ref' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
);

function replay(file: Uint8Array, loops: number) {
  const ring = BroadcastRing.create({ capacity: 4096, slotBytes: 64 });
  const consumer = ring.attachConsumer({ maxBatch: 4096 });
  const normalizer = new ItchNormalizer(ring.attachProducer());
  const manager = CountersManager.create({ capacity: 64 });
  const publisher = new IngestCountersPublisher(
    normalizer.tallies,
    CountersWriterView.attach(manager.buffers),
    allocateIngestCounters(manager),
  );
  const control = AgentControl.create();
  const agent = new ReplayIngestAgent(
    new BufferFramedSource(file, loops),
    normalizer,
    publisher,
    SampleRing.allocate(64),
    7,
    control,
  );
  const result = new AgentRunner(agent, { idleStrategy: 'busy-spin', control, maxDutyCycles: 10_000 }).run();
  const n = consumer.receive(4096);
  const r = new MarketEventReader();
  const events = Array.from({ length: Math.max(0, n) }, (_, i) => {
    const e = r.wrap(consumer.batchI32, consumer.batchF64, i * 64);
    return { seq: e.feedSequence, itch: String.fromCharCode(e.itchType), ref: e.orderRef };
  });
  return { result, agent, events, tallies: normalizer.tallies, lost: consumer.loss };
}

test('malformed frames are counted by kind and the replay goes on (fast-check)', () => {
  const seen = new Map<string, number>();
  fc.assert(
    fc.property(
      fc.array(frameArb, { minLength: 0, maxLength: 150 }),
      fc.constantFrom<Tail>('none', 'one-byte', 'length-beyond'),
      fc.integer({ min: 1, max: 3 }),
      (frames, tail, loops) => {
        const { result, agent, events, tallies, lost } = replay(buildFile(frames, tail), loops);
        assert.equal(result.reason, 'stopped', 'the agent stopped itself at the end of the source');
        assert.ok(agent.finished);
        assert.equal(lost, 0);
        const expected: { seq: number; itch: string; ref: number }[] = [];
        const malformed = new Map<number, number>();
        for (let loop = 0; loop < loops; loop++) {
          frames.forEach((f, i) => {
            const seq = loop * frames.length + i + 1;
            if (f.kind === 'valid') expected.push({ seq, itch: f.type, ref: f.type === 'S' ? 0 : f.ref });
            else malformed.set(EXPECTED_STATUS[f.kind], (malformed.get(EXPECTED_STATUS[f.kind]) ?? 0) + 1);
          });
          if (tail !== 'none') malformed.set(TAIL_STATUS[tail], (malformed.get(TAIL_STATUS[tail]) ?? 0) + 1);
        }
        assert.deepEqual(events, expected);
        for (let i = 1; i < tallies.malformed.length; i++) {
          assert.equal(tallies.malformed[i], malformed.get(-i) ?? 0, `count of ${itchErrorName(-i)}`);
          if (tallies.malformed[i]! > 0) seen.set(itchErrorName(-i), (seen.get(itchErrorName(-i)) ?? 0) + 1);
        }
        assert.equal(tallies.scalars[0], frames.length * loops, 'every frame reached the normalizer');
      },
    ),
    { numRuns: 200, interruptAfterTimeLimit: 20_000, seed: 20240621 },
  );
  console.log(
    'config: 200 runs, <=150 frames x 1-3 loops, batch 7; runs that hit each kind:',
    Object.fromEntries(seen),
  );
  for (const kind of [
    'UNKNOWN_TYPE',
    'WRONG_LENGTH',
    'BAD_FIELD_VALUE',
    'UNSAFE_INTEGER',
    'TRUNCATED',
    'TRUNCATED_HEADER',
    'LENGTH_BEYOND_BUFFER',
  ]) {
    assert.ok((seen.get(kind) ?? 0) > 0, `the generator exercised ${kind}`);
  }
});

test('the ingest worker replays a damaged file to the end and reports malformed by kind', async () => {
  const frames: Frame[] = [
    { kind: 'valid', type: 'S', ref: 0 },
    { kind: 'unknown-type', byte: 0x7a, length: 9 },
    { kind: 'valid', type: 'A', ref: 7 },
    { kind: 'wrong-length', delta: 3 },
    { kind: 'empty' },
    { kind: 'valid', type: 'D', ref: 7 },
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-ingest-'));
  const file = path.join(dir, 'damaged.itch');
  writeFileSync(file, buildFile(frames, 'length-beyond'));
  try {
    const ring = BroadcastRing.create({ capacity: 64, slotBytes: 64 });
    const summary = await startIngest(
      { source: { kind: 'file', path: file } },
      ring.buffer,
      CountersManager.create({ capacity: 64 }),
    ).done;
    assert.equal(summary.reason, 'source exhausted');
    assert.deepEqual(summary.byType, { S: 1, A: 1, D: 1 });
    assert.deepEqual(summary.malformed, {
      UNKNOWN_TYPE: 1,
      WRONG_LENGTH: 1,
      TRUNCATED: 1,
      LENGTH_BEYOND_BUFFER: 1,
    });
    assert.equal(summary.eventsPublished, 3);
    assert.equal(summary.nextSequence, 7);
  } finally {
    rmSync(dir, { recursive: true });
  }
});
