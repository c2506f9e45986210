// The demo's pieces that need no running services: the hot-path config it writes is accepted by
// the host's own validator (with and without telemetry), its runbook templates by automation's
// parser, the OTLP span counter counts the spans of a real protobuf request (and rejects junk),
// the Prometheus sample reader, the slow-consumer choice, and the status line on a terminal and
// on a pipe.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadRunbookDir } from '@ringside/automation';
import { parseHotpathConfig } from '@ringside/hotpath';
import { sampleValue } from '../src/control-plane-readback.ts';
import { writeDemoRunbooks } from '../src/demo-services.ts';
import { chooseSlowConsumer, planFaults } from '../src/fault-plan.ts';
import { hotpathDemoConfig } from '../src/hotpath-stage.ts';
import { spanNamesOf } from '../src/span-counter.ts';
import { StatusLine, formatNs, renderStatus } from '../src/status-line.ts';
import type { StatusFields } from '../src/status-line.ts';

const TOKENS = { operator: 'o'.repeat(32), automation: 'a'.repeat(32) };

test('the hot-path config the demo writes passes the host validator, with and without NATS', () => {
  const base = { feedPort: 15000, venuePort: 15001, locates: [1, 2], approvalPublicKey: undefined };
  const withNats = parseHotpathConfig(
    hotpathDemoConfig(
      { ...base, nats: { url: 'nats://127.0.0.1:4222', login: { user: 'hotpath_edge1', pass: 'x' } } },
      TOKENS,
    ),
  );
  assert.equal(withNats.host, 'edge1');
  assert.equal(withNats.decision.workers, 2);
  assert.notEqual(withNats.sidecar, undefined);
  const without = parseHotpathConfig(hotpathDemoConfig({ ...base, nats: undefined }, TOKENS));
  assert.equal(without.sidecar, undefined, 'no NATS: no sidecar, telemetry off');
});

test('runbook templates: filled in, accepted by automation, the drop aims at the slow consumer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'demo-runbooks-'));
  try {
    const books = loadRunbookDir(writeDemoRunbooks(dir, 3));
    assert.deepEqual(books.map((b) => b.name).sort(), [
      'demo-isolated-consumer-drop',
      'demo-venue-timeout-alert',
    ]);
    const drop = books.find((b) => b.name === 'demo-isolated-consumer-drop')!;
    assert.equal(drop.risk, 'high');
    const prepare = drop.steps.find((s) => 'prepare' in s);
    assert.ok(prepare !== undefined && 'prepare' in prepare);
    assert.equal(prepare.prepare.consumer, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Protobuf: a length-delimited field (wire type 2). */
function ld(no: number, body: Uint8Array): Uint8Array {
  const out: number[] = [(no << 3) | 2];
  let n = body.length;
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Uint8Array.from([...out, ...body]);
}
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

test('span counter: counts spans through resource_spans → scope_spans → spans, by name', () => {
  // A span: trace_id (1), span_id (2), name (5), start (7, fixed64) — the counter reads only 5.
  const span = (name: string): Uint8Array =>
    cat(
      ld(1, new Uint8Array(16)),
      ld(2, new Uint8Array(8)),
      ld(5, text(name)),
      Uint8Array.of(0x39, 1, 0, 0, 0, 0, 0, 0, 0),
    );
  const scope = cat(ld(1, ld(1, text('ringside-observer'))), ld(2, span('order')), ld(2, span('decision')));
  const request = cat(
    ld(1, cat(ld(1, new Uint8Array(0)), ld(2, scope))),
    ld(1, ld(2, ld(2, span('execution')))),
  );
  assert.deepEqual(spanNamesOf(request), ['order', 'decision', 'execution']);
  assert.deepEqual(spanNamesOf(new Uint8Array(0)), []);
  assert.throws(() => spanNamesOf(Uint8Array.of(0x0b)), RangeError, 'wire type 3 is refused');
});

test('Prometheus samples: value by metric and labels, undefined when absent', () => {
  const lines = [
    'ringside_host_up{host="edge1"} 1',
    'ringside_counter_total{host="edge1",label="ingest.messages_in",type="1"} 4242 1795643029215',
    'ringside_counter_total{host="edge1",label="gateway.timeouts",type="2"} 3',
  ];
  assert.equal(sampleValue(lines, 'ringside_counter', { host: 'edge1', label: 'ingest.messages_in' }), 4242);
  assert.equal(sampleValue(lines, 'ringside_host_up', { host: 'edge1' }), 1);
  assert.equal(sampleValue(lines, 'ringside_host_up', { host: 'edge2' }), undefined);
});

test('slow consumer: the last decision worker by name, not by id; faults inside the run', () => {
  const consumers = [
    { id: 0, name: 'decision-1' },
    { id: 1, name: 'decision-0' },
  ];
  assert.equal(chooseSlowConsumer(consumers), 0);
  assert.equal(
    chooseSlowConsumer([
      { id: 4, name: 'x' },
      { id: 7, name: 'y' },
    ]),
    7,
  );
  assert.equal(chooseSlowConsumer([]), undefined);
  const f = planFaults(20_000, 0);
  assert.ok(f.slowConsumerAtMs < f.venueStallAtMs && f.venueStallAtMs + f.venueStallMs < 20_000);
});

const FIELDS: StatusFields = {
  elapsedMs: 10_000,
  totalMs: 20_000,
  state: 'READY',
  eventsPerSec: 4_033,
  decisionP50Ns: 45_247,
  decisionP99Ns: 2_889_727,
  executionP50Ns: 2_011_135,
  executionP99Ns: undefined,
  shedLevel: 1,
  isolated: 2,
};

test('status line: every figure, a TTY rewrites one line, a pipe gets one line per interval', () => {
  assert.equal(formatNs(999), '999ns');
  assert.equal(formatNs(45_247), '45.2µs');
  assert.equal(formatNs(2_889_727), '2.89ms');
  assert.equal(formatNs(undefined), '–');
  const line = renderStatus(FIELDS);
  for (const part of [
    '[######......] 10/20s',
    'READY',
    'events/s 4.0k',
    'p50 45.2µs p99 2.89ms',
    'p99 –',
    'shed 1',
    'isolated 2',
  ])
    assert.ok(line.includes(part), `${part} in ${line}`);

  const tty: string[] = [];
  const onTty = new StatusLine({ isTTY: true, columns: 60, write: (s: string) => tty.push(s) });
  onTty.update(FIELDS);
  onTty.say('hello');
  onTty.finish();
  assert.ok(tty[0]!.startsWith('\r\x1b[2K') && !tty[0]!.includes('\n'), 'rewritten in place');
  assert.ok(tty[0]!.length <= 60 + 5, 'cut to the terminal width');
  assert.ok(tty[1]!.includes('hello\n'), 'a message goes above the status line');
  assert.equal(tty.at(-1), '\n');

  const piped: string[] = [];
  const onPipe = new StatusLine({ write: (s: string) => piped.push(s) }, 60_000);
  onPipe.update(FIELDS);
  onPipe.update(FIELDS);
  assert.equal(piped.length, 1, 'at most one line per interval');
  assert.ok(piped[0]!.endsWith('\n') && !piped[0]!.includes('\r'));
});
