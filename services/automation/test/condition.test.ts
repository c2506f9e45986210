// The condition parser: the grammar's examples, errors that name the column, and a property
// test — any string either parses to a well-formed AST or throws ConditionSyntaxError, nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConditionSyntaxError, OPERATORS, STATS, parseCondition, sourceOf } from '../src/index.ts';
import type { Condition } from '../src/index.ts';

test('examples parse to the expected AST', () => {
  assert.deepEqual(parseCondition('consumer lag > 4096'), {
    kind: 'consumer',
    field: 'lag',
    op: '>',
    value: 4096,
  });
  assert.deepEqual(parseCondition('  consumer   loss>=1 '), {
    kind: 'consumer',
    field: 'loss',
    op: '>=',
    value: 1,
  });
  assert.deepEqual(parseCondition('lifecycle == DEGRADED'), {
    kind: 'lifecycle',
    op: '==',
    state: 'DEGRADED',
  });
  assert.deepEqual(parseCondition('lifecycle != warm-up'), { kind: 'lifecycle', op: '!=', state: 'WARM_UP' });
  assert.deepEqual(parseCondition('p99(decision) > 250us'), {
    kind: 'latency',
    stat: 'p99',
    histogram: 'decision',
    op: '>',
    valueNs: 250_000,
  });
  assert.deepEqual(parseCondition('max( execution ) <= 1.5ms'), {
    kind: 'latency',
    stat: 'max',
    histogram: 'execution',
    op: '<=',
    valueNs: 1_500_000,
  });
  assert.deepEqual(parseCondition('counter gateway.exec_backlog >= 1'), {
    kind: 'counter',
    label: 'gateway.exec_backlog',
    op: '>=',
    value: 1,
  });
  assert.deepEqual(parseCondition('shed_level != 0'), { kind: 'shed_level', op: '!=', value: 0 });
  assert.deepEqual(parseCondition('event == consumer.isolated'), {
    kind: 'event',
    eventKind: 'consumer.isolated',
  });
  assert.equal(sourceOf(parseCondition('counter x > 1')), 'metrics');
  assert.equal(sourceOf(parseCondition('lifecycle == READY')), 'state');
  assert.equal(sourceOf(parseCondition('event == x')), 'events');
});

test('errors name what was expected and where', () => {
  const cases: Array<[string, RegExp, number]> = [
    ['', /expected counter, consumer/, 1],
    ['consumer lag', /expected one of >= <= == != > </, 13],
    ['consumer lagg > 3', /expected lag or loss/, 10],
    ['lifecycle > READY', /only == and != compare a name/, 11],
    ['lifecycle == SLEEPY', /expected one of INIT, WARM_UP, READY, DEGRADED/, 14],
    ['p99 decision > 3', /expected '\('/, 5],
    ['p42(decision) > 3', /unknown quantity 'p42'/, 1],
    ['consumer lag > 10ms', /units .* only to latency/, 16],
    ['consumer lag > 10 and more', /unexpected 'and more'/, 19],
    ['event != x', /events compare with == only/, 7],
  ];
  for (const [text, msg, column] of cases) {
    assert.throws(
      () => parseCondition(text),
      (e: unknown) => {
        assert.ok(e instanceof ConditionSyntaxError, `${text}: ${String(e)}`);
        assert.match(e.message, msg, text);
        assert.equal(e.column, column, `${text}: ${e.message}`);
        return true;
      },
    );
  }
});

function wellFormed(c: Condition): boolean {
  switch (c.kind) {
    case 'counter':
    case 'consumer':
    case 'shed_level':
      return OPERATORS.includes(c.op) && Number.isFinite(c.value) && c.value >= 0;
    case 'latency':
      return STATS.includes(c.stat) && c.histogram.length > 0 && Number.isFinite(c.valueNs);
    case 'lifecycle':
      return c.op === '==' || c.op === '!=';
    case 'event':
      return c.eventKind.length > 0;
  }
}

test('property: random text parses to a well-formed AST or throws ConditionSyntaxError only', () => {
  const tokens = fc.constantFrom(
    'consumer',
    'lag',
    'loss',
    'counter',
    'lifecycle',
    'event',
    'shed_level',
    'p99',
    'p999',
    'mean',
    '(',
    ')',
    '>',
    '>=',
    '==',
    '!=',
    '<',
    '=',
    '!',
    'READY',
    'DEGRADED',
    '42',
    '1.5',
    'us',
    'ms',
    ' ',
    'x.y',
  );
  const text = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(tokens, { maxLength: 8 }).map((t) => t.join(' ')),
    fc.array(tokens, { maxLength: 8 }).map((t) => t.join('')),
    // Near-valid shapes, so the valid side of the property is exercised as well.
    fc
      .tuple(
        fc.constantFrom(
          'consumer lag',
          'consumer loss',
          'counter a.b',
          'shed_level',
          'p99(decision)',
          'lifecycle',
          'event',
          'consumer',
        ),
        fc.constantFrom(...OPERATORS, '=', '=>'),
        fc.constantFrom('0', '42', '1.5us', '3ms', 'READY', 'degraded', 'x.y', '', '9'.repeat(400)),
      )
      .map(([q, o, v]) => `${q} ${o} ${v}`),
  );
  let parsed = 0;
  fc.assert(
    fc.property(text, (s) => {
      try {
        const c = parseCondition(s);
        parsed++;
        return wellFormed(c);
      } catch (e) {
        return e instanceof ConditionSyntaxError && e.column >= 1 && e.column <= s.length + 1;
      }
    }),
    { numRuns: 5_000 },
  );
  console.log(`condition property: 5000 runs, ${parsed} parsed`);
  assert.ok(parsed > 0, 'the generator should reach valid conditions too');
});

test('property: generated valid conditions parse to what was generated', () => {
  const arb = fc.oneof(
    fc
      .record({ field: fc.constantFrom('lag', 'loss'), op: fc.constantFrom(...OPERATORS), n: fc.nat() })
      .map(
        (r) =>
          [
            `consumer ${r.field} ${r.op} ${r.n}`,
            { kind: 'consumer', field: r.field, op: r.op, value: r.n },
          ] as const,
      ),
    fc
      .record({
        stat: fc.constantFrom(...STATS),
        h: fc.stringMatching(/^[a-z_]{1,12}$/),
        op: fc.constantFrom(...OPERATORS),
        n: fc.nat(10_000),
      })
      .map(
        (r) =>
          [
            `${r.stat}(${r.h}) ${r.op} ${r.n}us`,
            { kind: 'latency', stat: r.stat, histogram: r.h, op: r.op, valueNs: r.n * 1000 },
          ] as const,
      ),
  );
  fc.assert(
    fc.property(arb, ([text, expected]) => {
      assert.deepEqual(parseCondition(text), expected);
    }),
    { numRuns: 1_000 },
  );
});
