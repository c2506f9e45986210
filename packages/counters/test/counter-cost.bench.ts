// Cost of one counter update per representation, and of SampleRing.record, on this machine.
// Run: node packages/counters/test/counter-cost.bench.ts   (not part of the test suite)
// Each variant runs ROUNDS rounds of OPS updates; the per-round ns/op goes into an
// HdrHistogram (in picoseconds) and is reported as p50 / p99 / max. Baseline: a plain Float64
// store, the fastest option and the one the JS memory model does not guarantee untorn.
import {
  COUNTER_TYPE,
  CountersManager,
  CountersReader,
  SampleRing,
  createHistogram,
  resolveHistogramOptions,
  warmUpWriters,
} from '../src/index.ts';

const OPS = 1_000_000;
const ROUNDS = 30;
const DEADLINE_MS = 60_000;

const sab = new SharedArrayBuffer(4096);
const f64 = new Float64Array(sab);
const i32 = new Int32Array(sab);
const manager = CountersManager.create({ capacity: 2 });
const counter = manager.newCounter('bench', COUNTER_TYPE.EVENTS_IN);
const reader = CountersReader.attach(manager.buffers);
const ring = SampleRing.allocate(1 << 12);
warmUpWriters();

const variants: Record<string, (n: number) => number> = {
  'baseline: plain Float64 store (may tear)': (n) => {
    for (let i = 0; i < n; i++) f64[0] = f64[0] + 1;
    return 0;
  },
  'Atomics.add Int32 (32-bit range only)': (n) => {
    for (let i = 0; i < n; i++) Atomics.add(i32, 32, 1);
    return 0;
  },
  'seqlock on every update (hi/lo + 2 version stores)': (n) => {
    for (let i = 0; i < n; i++) {
      const v = i32[66];
      Atomics.store(i32, 66, (v + 1) | 0);
      const lo = (i32[64] >>> 0) + 1;
      i32[64] = lo | 0;
      if (lo > 0xffffffff) i32[65]++;
      Atomics.store(i32, 66, (v + 2) | 0);
    }
    return 0;
  },
  'Counter.increment (chosen: one Atomics.store)': (n) => {
    let failures = 0;
    for (let i = 0; i < n; i++) if (counter.increment() !== 0) failures++;
    return failures;
  },
  'Counter.add(3)': (n) => {
    let failures = 0;
    for (let i = 0; i < n; i++) if (counter.add(3) !== 0) failures++;
    return failures;
  },
  'SampleRing.record': (n) => {
    for (let i = 0; i < n; i++) ring.record(i + 0.5, i & 7);
    return 0;
  },
  'CountersReader.getCounterValue (reader side)': (n) => {
    let failures = 0;
    for (let i = 0; i < n; i++) if (reader.getCounterValue(0) < 0) failures++;
    return failures;
  },
};

console.log(`config: ${ROUNDS} rounds x ${OPS} ops per variant, one thread, node ${process.version}`);
const deadline = performance.now() + DEADLINE_MS;
for (const [name, run] of Object.entries(variants)) {
  run(OPS); // warm-up
  const h = createHistogram(resolveHistogramOptions({ highestTrackableValue: 1e9 }));
  for (let r = 0; r < ROUNDS && performance.now() < deadline; r++) {
    const t0 = performance.now();
    if (run(OPS) !== 0) throw new Error(`${name}: a call failed`);
    h.recordValue(Math.round(((performance.now() - t0) * 1e9) / OPS)); // ps per op
  }
  const ns = (p: number): string => (h.getValueAtPercentile(p) / 1000).toFixed(2);
  console.log(`${name.padEnd(52)} p50 ${ns(50)} ns  p99 ${ns(99)} ns  max ${ns(100)} ns`);
}
