// `ringside bench pipeline` in its tiny mode through the module API: the real feed-sim →
// ingest → 2 decision workers → gateway → venue-sim pipeline over loopback TCP, then the
// MessagePort baseline, at 20 k msg/s (about 9 s of traffic in all). Checks the JSON shape,
// finite numbers, that orders flowed, and that no order was lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPipelineBench, pipelineBenchJson, runPipelineBench } from '../src/pipeline/pipeline-bench.ts';

test('bench pipeline (tiny): JSON shape, finite numbers, 0 lost orders', { timeout: 45_000 }, async () => {
  const report = await runPipelineBench({ mode: 'tiny', log: (line) => console.log(line) });
  for (const line of formatPipelineBench(report)) console.log(line);
  const json = pipelineBenchJson(report);
  console.log(JSON.stringify(json));
  assert.deepEqual(Object.keys(json), [
    'bench',
    'offeredPerSec',
    'eventsIn',
    'ordersSent',
    'completions',
    'lostOrders',
    'decision',
    'execution',
    'baseline',
    'p99VsBaseline',
    'gcEventsInHotWorkers',
  ]);
  assert.equal(json.bench, 'pipeline');
  assert.deepEqual(Object.keys(json.decision), ['p50Ns', 'p99Ns', 'p999Ns']);
  assert.deepEqual(Object.keys(json.execution), ['p50Ns', 'p99Ns']);
  assert.deepEqual(Object.keys(json.baseline.decision), ['p50Ns', 'p99Ns', 'p999Ns']);
  const numbers = [
    json.offeredPerSec,
    json.eventsIn,
    json.ordersSent,
    json.completions,
    json.lostOrders,
    ...Object.values(json.decision),
    ...Object.values(json.execution),
    ...Object.values(json.baseline.decision),
    json.p99VsBaseline,
    json.gcEventsInHotWorkers,
  ];
  for (const n of numbers) assert.ok(Number.isFinite(n), `finite: ${JSON.stringify(json)}`);
  assert.equal(json.offeredPerSec, 20_000);
  // 20 k msg/s for ~3.3 s reaches ingest; one probe order per 100 events per worker.
  assert.ok(json.eventsIn > 40_000, `events in ${json.eventsIn}`);
  assert.ok(json.ordersSent > 500, `orders ${json.ordersSent}`);
  assert.equal(json.completions, json.ordersSent);
  assert.equal(json.lostOrders, 0);
  assert.ok(json.decision.p50Ns > 0 && json.decision.p50Ns <= json.decision.p99Ns);
  assert.ok(json.decision.p99Ns <= json.decision.p999Ns);
  assert.ok(json.execution.p50Ns > 0 && json.baseline.decision.p50Ns > 0);
  const baseline = report.rows[0]!.baseline;
  assert.ok(baseline.ordersSent > 500 && baseline.lostOrders === 0, 'the baseline ran too');
});
