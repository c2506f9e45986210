// The trading session on the venue's wall clock: open only on its days between start and end.
// Sunday is ISO day 7, and 0 as well, so the hot path's session (0 = Sunday .. 6) can be copied
// into the automation config unchanged and both agree on when restarts are forbidden.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AutomationError, TradingSession, parseAutomationConfig } from '../src/index.ts';

// 2026-11-22 is a Sunday, 2026-11-23 a Monday (UTC).
const SUNDAY_NOON = Date.UTC(2026, 10, 22, 12, 0);
const MONDAY_NOON = Date.UTC(2026, 10, 23, 12, 0);
const hours = { start: '09:00', end: '16:00', timezone: 'UTC' };

test('Sunday is day 7 and day 0', () => {
  for (const days of [[7], [0]]) {
    const s = new TradingSession({ ...hours, days });
    assert.equal(s.isOpen(SUNDAY_NOON), true, `days ${JSON.stringify(days)} on Sunday`);
    assert.equal(s.isOpen(MONDAY_NOON), false, `days ${JSON.stringify(days)} on Monday`);
  }
  const weekdays = new TradingSession({ ...hours, days: [1, 2, 3, 4, 5] });
  assert.equal(weekdays.isOpen(SUNDAY_NOON), false);
  assert.equal(weekdays.isOpen(MONDAY_NOON), true);
  assert.equal(weekdays.isOpen(MONDAY_NOON + 5 * 3600_000), false, '17:00 is after the close');
  assert.equal(weekdays.closesAt(MONDAY_NOON), MONDAY_NOON + 4 * 3600_000);
});

test('config: days 0..7 accepted (the hot path form 0..6 copies over), 8 refused', () => {
  const base = {
    natsUrl: 'nats://127.0.0.1:4222',
    runbookDir: 'deploy/runbooks',
    adminAddresses: {},
    approvalsAddress: '127.0.0.1:1',
  };
  const c = parseAutomationConfig({ ...base, tradingSession: { ...hours, days: [0, 1, 2, 3, 4, 5, 6] } });
  assert.equal(new TradingSession(c.tradingSession).isOpen(SUNDAY_NOON), true);
  assert.throws(
    () => parseAutomationConfig({ ...base, tradingSession: { ...hours, days: [8] } }),
    (e: unknown) => e instanceof AutomationError && /days/.test(e.message),
  );
});
