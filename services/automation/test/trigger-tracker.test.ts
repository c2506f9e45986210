// The debounce window and cooldown, on host monotonic time: fires only after `for`, once per
// cooldown per key, resets when the condition clears, and when the host reboots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TriggerTracker } from '../src/index.ts';
import type { Match } from '../src/index.ts';

const c2: Match = { key: 'consumer:2', observed: 9000, consumerId: 2 };
const c3: Match = { key: 'consumer:3', observed: 9000, consumerId: 3 };

test('fires after the window, once per cooldown, per key', () => {
  const t = new TriggerTracker(1_000, 10_000);
  assert.equal(t.observe('h', 'b', 0, [c2]).length, 0);
  assert.equal(t.observe('h', 'b', 999, [c2]).length, 0);
  const f = t.observe('h', 'b', 1_000, [c2, c3]);
  assert.deepEqual(f, [{ match: c2, heldMs: 1_000 }]);
  assert.equal(t.observe('h', 'b', 2_000, [c2, c3]).length, 1, 'consumer 3 has its own window');
  assert.equal(t.observe('h', 'b', 10_999, [c2]).length, 0, 'cooldown');
  assert.equal(t.observe('h', 'b', 11_000, [c2]).length, 1, 'cooldown over, still holding');
  assert.equal(t.observe('other', 'b', 11_000, [c2]).length, 0, 'hosts are separate');
});

test('clearing resets the window; a reboot resets everything', () => {
  const t = new TriggerTracker(1_000, 60_000);
  t.observe('h', 'b1', 0, [c2]);
  t.observe('h', 'b1', 900, []);
  assert.equal(t.observe('h', 'b1', 1_500, [c2]).length, 0, 'the window restarted at 1500');
  assert.equal(t.observe('h', 'b1', 2_500, [c2]).length, 1);
  // New boot id: the host clock restarted near 0, cooldown and window start over.
  assert.equal(t.observe('h', 'b2', 10, [c2]).length, 0);
  assert.equal(t.observe('h', 'b2', 1_010, [c2]).length, 1);
});

test('events fire on each occurrence, outside the cooldown', () => {
  const t = new TriggerTracker(5_000, 1_000);
  const e: Match = { key: '', observed: 'x' };
  assert.equal(t.observe('h', 'b', 0, [e], true).length, 1);
  assert.equal(t.observe('h', 'b', 500, [e], true).length, 0);
  assert.equal(t.observe('h', 'b', 1_000, [e], true).length, 1);
});
