import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REPORT_ERROR_CODE, ReportError, parseDemoReport } from '@ringside/report';
import { sampleReport } from './sample-report.ts';

function minimal(): Record<string, unknown> {
  return {
    states: [{ state: 'INIT', reason: 'start' }],
    eventsIn: 0,
    ordersSent: 0,
    completions: 0,
    lostOrders: 0,
    decision: { p50Ns: 0, p99Ns: 0 },
    execution: { p50Ns: 0, p99Ns: 0 },
    telemetry: { natsConnected: false, snapshotsPublished: 0, snapshotsDropped: 0 },
    observer: { prometheusSeries: 0, spansExported: 0 },
    automation: { actions: 0 },
    approvals: { requested: 0, approved: 0 },
  };
}

function issuesOf(input: unknown): readonly string[] {
  try {
    parseDemoReport(input);
  } catch (err) {
    assert.ok(err instanceof ReportError, `expected ReportError, got ${String(err)}`);
    assert.equal(err.code, REPORT_ERROR_CODE.INVALID_REPORT);
    for (const issue of err.issues) assert.ok(err.message.includes(issue), 'message lists every issue');
    return err.issues;
  }
  assert.fail('parseDemoReport accepted a bad report');
}

test('a full report survives a JSON round trip unchanged', () => {
  const report = sampleReport();
  assert.deepEqual(parseDemoReport(JSON.stringify(report)), report);
  assert.deepEqual(parseDemoReport(report), report);
});

test('the minimal required shape is accepted, and unknown top-level keys are kept', () => {
  const parsed = parseDemoReport({ ...minimal(), extraFromProducer: { a: 1 } });
  assert.deepEqual((parsed as Record<string, unknown>)['extraFromProducer'], { a: 1 });
});

test('bad shapes are rejected with the path of every problem', () => {
  const bad = minimal();
  bad['states'] = [
    { state: 'INIT', reason: 'start' },
    { state: 'READY', reason: 42 },
  ];
  bad['decision'] = { p50Ns: -1, p99Ns: 5 };
  delete (bad['telemetry'] as Record<string, unknown>)['natsConnected'];
  bad['eventsIn'] = 1.5;
  bad['events'] = [{ kind: 'shed', reason: 'x', numbers: { level: 'high' } }];
  const issues = issuesOf(bad);
  const paths = issues.map((i) => i.slice(0, i.indexOf(':')));
  assert.deepEqual(
    [...paths].sort(),
    [
      'decision.p50Ns',
      'eventsIn',
      'events[0].numbers.level',
      'states[1].reason',
      'telemetry.natsConnected',
    ].sort(),
  );
});

test('NaN and Infinity are refused, so they never reach a plot', () => {
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
    const bad = minimal();
    bad['execution'] = { p50Ns: 1, p99Ns: value };
    assert.deepEqual(
      issuesOf(bad).map((i) => i.split(':')[0]),
      ['execution.p99Ns'],
    );
  }
});

test('a missing required section and a non-object root name their paths', () => {
  const bad = minimal();
  delete bad['approvals'];
  assert.deepEqual(
    issuesOf(bad).map((i) => i.split(':')[0]),
    ['approvals'],
  );
  assert.deepEqual(
    issuesOf([]).map((i) => i.split(':')[0]),
    ['(root)'],
  );
});

test('text that is not JSON is INVALID_JSON', () => {
  assert.throws(
    () => parseDemoReport('{"states": ['),
    (err: unknown) => err instanceof ReportError && err.code === REPORT_ERROR_CODE.INVALID_JSON,
  );
});
