// HistogramFolder and the hdr-histogram-js helpers: percentiles against a sorted-array
// reference within HdrHistogram's precision, merge == folding everything, encode/decode
// round trip, clamping, reset, and folding straight from sample rings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  COUNTERS_ERROR_CODE,
  CountersError,
  HistogramFolder,
  SampleRing,
  SampleRingReader,
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  mergeHistogram,
  resolveHistogramOptions,
  summarize,
} from '../src/index.ts';
import type { Histogram, SignificantDigits } from '../src/index.ts';

const PERCENTILES = [1, 25, 50, 90, 99, 99.9, 100] as const;

/** The value HdrHistogram's percentile definition picks from exact data (rank = ceil(p% of n)). */
function referencePercentile(sorted: readonly number[], p: number): number {
  const exact = (p / 100) * sorted.length;
  const rank = Math.max(1, Math.ceil(exact - exact * 1e-12));
  return sorted[Math.min(rank, sorted.length) - 1];
}

function assertWithinPrecision(actual: number, reference: number, digits: number, what: string): void {
  // HdrHistogram reports the highest value equivalent to the reference: never below it, and at
  // most one bucket (< 10^-digits relative) above it.
  assert.ok(
    actual >= reference && actual - reference <= Math.max(0, reference * 10 ** -digits),
    `${what}: ${actual} vs reference ${reference} (${digits} digits)`,
  );
}

function fold(values: readonly number[], digits: SignificantDigits, tag = 0): HistogramFolder {
  const folder = new HistogramFolder({ highestTrackableValue: 3_600e9, significantDigits: digits });
  for (const v of values) folder.record(tag, v);
  return folder;
}

function percentilesOf(h: Histogram): number[] {
  return PERCENTILES.map((p) => h.getValueAtPercentile(p));
}

test('property: percentiles match a sorted-array reference within HdrHistogram precision', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 2e12 }), { minLength: 1, maxLength: 3000 }),
      fc.constantFrom<SignificantDigits>(2, 3, 4),
      (values, digits) => {
        const folder = fold(values, digits);
        const sorted = [...values].sort((a, b) => a - b);
        const h = folder.histogram(0);
        assert.ok(h !== undefined);
        for (const p of PERCENTILES) {
          assertWithinPrecision(h.getValueAtPercentile(p), referencePercentile(sorted, p), digits, `p${p}`);
        }
        const s = folder.summary(0);
        assert.ok(s !== undefined);
        assert.equal(s.count, values.length);
        assertWithinPrecision(s.p50, referencePercentile(sorted, 50), digits, 'summary p50');
        assertWithinPrecision(s.p999, referencePercentile(sorted, 99.9), digits, 'summary p99.9');
        assert.equal(s.max, sorted[sorted.length - 1]);
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        assert.ok(Math.abs(s.mean - mean) <= mean * 10 ** -digits + 1, `mean ${s.mean} vs ${mean}`);
      },
    ),
    { numRuns: 150 },
  );
});

test('property: merging two folders equals folding both inputs into one', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 1e9 })), {
        maxLength: 500,
      }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 1e9 })), {
        maxLength: 500,
      }),
      (a, b) => {
        const left = new HistogramFolder();
        const right = new HistogramFolder();
        const both = new HistogramFolder();
        for (const [tag, v] of a) left.record(tag, v);
        for (const [tag, v] of b) right.record(tag, v);
        for (const [tag, v] of [...a, ...b]) both.record(tag, v);
        left.merge(right);
        assert.deepEqual(left.tags(), both.tags());
        for (const tag of both.tags()) {
          assert.deepEqual(left.summary(tag), both.summary(tag));
          const l = left.histogram(tag);
          const r = both.histogram(tag);
          assert.ok(l !== undefined && r !== undefined);
          assert.deepEqual(percentilesOf(l), percentilesOf(r));
        }
      },
    ),
    { numRuns: 100 },
  );
});

test('encode/decode round trip keeps count and percentiles; mergeHistogram adds', () => {
  const values = Array.from({ length: 20_000 }, (_, i) => 1_000 + ((i * 7919) % 5_000_000));
  const folder = fold(values, 3, 7);
  const encoded = folder.encode(7);
  assert.ok(encoded !== undefined && encoded.startsWith('HISTF'), 'HdrHistogram compressed base64');
  assert.equal(folder.encode(8), undefined);
  const decoded = decodeHistogram(encoded);
  const original = folder.histogram(7);
  assert.ok(original !== undefined);
  assert.equal(decoded.totalCount, values.length);
  assert.deepEqual(percentilesOf(decoded), percentilesOf(original));
  assert.equal(encodeHistogram(decoded), encoded);

  const options = resolveHistogramOptions({ highestTrackableValue: 3_600e9 });
  const total = createHistogram(options);
  mergeHistogram(total, decoded);
  mergeHistogram(total, decodeHistogram(encoded));
  assert.equal(total.totalCount, 2 * values.length);
  assert.deepEqual(percentilesOf(total), percentilesOf(original)); // same distribution twice
  assert.deepEqual(summarize(createHistogram(options)), {
    count: 0,
    mean: 0,
    min: 0,
    p50: 0,
    p90: 0,
    p99: 0,
    p999: 0,
    max: 0,
  });
});

test('out-of-range samples are clamped and counted; reset starts a new interval', () => {
  const folder = new HistogramFolder({ highestTrackableValue: 1_000_000, significantDigits: 3 });
  for (const v of [5, 10.4, 10.6, 2_000_000, 1e12, -3, Number.NaN, Number.POSITIVE_INFINITY])
    folder.record(1, v);
  const s = folder.summary(1);
  assert.ok(s !== undefined);
  assert.equal(s.count, 6); // NaN and Infinity are not recorded
  assert.equal(s.clampedHigh, 2);
  assert.equal(s.clampedLow, 1);
  assert.equal(s.invalid, 2);
  assert.equal(s.max, 1_000_000);
  assert.equal(s.min, 0);
  const h = folder.histogram(1);
  assert.ok(h !== undefined);
  // Recorded: 0, 5, 10 (10.4), 11 (10.6), 1e6, 1e6. p50 is rank 3, p60 rank 4.
  assert.equal(h.getValueAtPercentile(50), 10);
  assert.equal(h.getValueAtPercentile(60), 11);
  folder.reset();
  const after = folder.summary(1);
  assert.ok(after !== undefined);
  assert.deepEqual(
    [after.count, after.clampedHigh, after.clampedLow, after.invalid, after.p99],
    [0, 0, 0, 0, 0],
  );
  assert.equal(folder.histogram(1), h, 'reset keeps the allocated histogram');
  folder.record(1, 42);
  assert.equal(folder.summary(1)?.p50, 42);
  folder.close();
  assert.deepEqual(folder.tags(), []);
});

test('drain folds several sample rings by tag and sums what their readers missed', () => {
  const a = SampleRing.allocate(16);
  const b = SampleRing.allocate(1024);
  const folder = new HistogramFolder({ highestTrackableValue: 1e9 });
  folder.addRing(SampleRingReader.attach(a.buffer));
  folder.addRing(SampleRingReader.attach(b.buffer));
  for (let i = 0; i < 100; i++) a.record(1_000 + i, 0); // laps a 16-slot ring
  for (let i = 0; i < 300; i++) b.record(50_000 + i, i % 2 === 0 ? 1 : 2);
  const folded = folder.drain();
  assert.equal(folded + folder.missed, 400);
  assert.ok(folder.missed > 0);
  assert.deepEqual(folder.tags(), [0, 1, 2]);
  assert.equal(folder.summary(1)?.count, 150);
  assert.equal(folder.summary(2)?.count, 150);
  assert.equal(folder.summary(0)?.count, 100 - folder.missed);
  assert.equal(folder.summary(0)?.max, 1_099); // the newest survive a lap
  assert.equal(folder.drain(), 0);
});

test('WebAssembly histograms give the same percentiles as the JS default', () => {
  const values = Array.from({ length: 5_000 }, (_, i) => 100 + ((i * 104729) % 900_000));
  const js = new HistogramFolder();
  const wasm = new HistogramFolder({ useWebAssembly: true });
  for (const v of values) {
    js.record(3, v);
    wasm.record(3, v);
  }
  assert.deepEqual(wasm.summary(3), js.summary(3));
  wasm.close();
  js.close();
});

test('invalid histogram options are typed errors', () => {
  for (const bad of [
    { lowestDiscernibleValue: 0 },
    { highestTrackableValue: 1 },
    { significantDigits: 6 as SignificantDigits },
    { lowestDiscernibleValue: 1.5 },
  ]) {
    assert.throws(
      () => new HistogramFolder(bad),
      (e: unknown) => e instanceof CountersError && e.code === COUNTERS_ERROR_CODE.INVALID_HISTOGRAM_OPTIONS,
    );
  }
});
