// `bench ring` through its module API in tiny mode: every contender runs, the JSON has the
// promised shape, and every number is finite and positive (the targets are not checked here:
// tiny runs are too short to mean anything). Budget 60 s; tiny mode takes a few seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRingBench, ringBenchJson, runRingBench } from '@ringside/bench';

const NAMES = [
  'BroadcastRing 1P→1C',
  'BroadcastRing 1P→3C',
  'SpscQueue',
  'ringbuf.js SPSC',
  'ringbuf.js SPSC, push per event',
  'MessagePort',
];

test('bench ring (tiny): JSON shape, finite positive numbers, printed configuration', async () => {
  const report = await runRingBench({ mode: 'tiny' });
  const lines = formatRingBench(report);
  console.log(lines.join('\n'));
  const json = JSON.parse(JSON.stringify(ringBenchJson(report))) as Record<string, unknown>;

  assert.deepEqual(Object.keys(json).sort(), ['bench', 'gcEventsInHotLoops', 'ratios', 'results']);
  assert.equal(json.bench, 'ring');
  const results = json.results as Record<string, unknown>[];
  assert.deepEqual(
    results.map((r) => r.name),
    NAMES,
  );
  for (const r of results) {
    assert.deepEqual(Object.keys(r).sort(), ['eventsPerSec', 'name', 'p50Ns', 'p999Ns', 'p99Ns']);
    for (const key of ['eventsPerSec', 'p50Ns', 'p99Ns', 'p999Ns']) {
      const v = r[key];
      assert.ok(
        typeof v === 'number' && Number.isFinite(v) && v > 0,
        `${String(r.name)} ${key} = ${String(v)}`,
      );
    }
    assert.ok((r.p50Ns as number) <= (r.p99Ns as number) && (r.p99Ns as number) <= (r.p999Ns as number));
  }
  const ratios = json.ratios as Record<string, unknown>;
  assert.deepEqual(Object.keys(ratios).sort(), [
    'p99VsMessagePort',
    'stalledConsumerPublishP99Ratio',
    'throughputVsMessagePort',
    'throughputVsRingbufJs',
  ]);
  for (const [key, v] of Object.entries(ratios)) {
    assert.ok(typeof v === 'number' && Number.isFinite(v) && v > 0, `${key} = ${String(v)}`);
  }
  const gc = json.gcEventsInHotLoops;
  assert.ok(typeof gc === 'number' && Number.isInteger(gc) && gc >= 0);
  for (const row of report.rows) {
    assert.equal(row.timedOut, false, `${row.name} hit its time bound`);
    assert.ok(row.latencySamples > 0, `${row.name} recorded latencies`);
  }
  assert.ok(
    lines.some((l) => l.includes('idle, BroadcastRing 1P→3C')),
    'idle strategies are printed',
  );
  assert.ok(report.seconds < 60);
});
