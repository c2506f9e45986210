import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TELEMETRY_KIND,
  TelemetrySubjectError,
  parseTelemetrySubject,
  telemetrySubject,
  telemetryWildcard,
} from '@ringside/contracts';

test('subjects are ringside.<host>.<kind> and parse back', () => {
  for (const kind of Object.values(TELEMETRY_KIND)) {
    const subject = telemetrySubject('hot-1', kind);
    assert.equal(subject, `ringside.hot-1.${kind}`);
    assert.deepEqual(parseTelemetrySubject(subject), { host: 'hot-1', kind });
  }
  assert.equal(telemetryWildcard(TELEMETRY_KIND.STATE), 'ringside.*.state');
});

test('a host that is not one subject token is refused', () => {
  for (const host of ['', 'a.b', 'a b', '*', '>', 'x\n']) {
    assert.throws(() => telemetrySubject(host, TELEMETRY_KIND.METRICS), TelemetrySubjectError);
  }
});

test('other subjects do not parse', () => {
  for (const s of [
    'ringside.h.logs',
    'other.h.metrics',
    'ringside.h',
    'ringside.h.metrics.x',
    'ringside.*.state',
  ]) {
    assert.equal(parseTelemetrySubject(s), undefined, s);
  }
});
