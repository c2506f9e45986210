// The host with its telemetry sidecar: against a real nats-server, lifecycle transitions and
// every admin call (method, caller role, result code: the audit trail) arrive as Events on
// ringside.<host>.events, warm-up state snapshots are untrusted and READY ones trusted, and the
// audit also goes to the log. Against an unreachable NATS the host still reaches READY and says
// plainly that telemetry is off. Threads: ingest, 1 parked decision worker, gateway, sidecar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Metadata, credentials } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { connect } from '@nats-io/transport-node';
import { AdminServiceClient, Event, StateSnapshot, telemetrySubject } from '@ringside/contracts';
import { natsServerSkipReason, startNatsServer } from '@ringside/testkit';
import { pino } from 'pino';
import { parseHotpathConfig, startHotpathHost } from '../src/index.ts';
import { HOST, VIEWER, hostConfigInput, startSims, waitUntil } from './workers/host-fixture.ts';

/** A pino logger whose JSON lines land in `lines`. */
function capturingLogger(lines: Record<string, unknown>[]): pino.Logger {
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n'))
        if (l.length > 0) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return pino({ level: 'info' }, stream);
}

const md = (token: string): Metadata => {
  const m = new Metadata();
  m.set('authorization', `Bearer ${token}`);
  return m;
};

test(
  'telemetry: transitions and audited admin calls reach NATS; warm-up is untrusted',
  { skip: natsServerSkipReason(), timeout: 50_000 },
  async () => {
    await using nats = await startNatsServer();
    const sims = await startSims(2000, 40_000);
    const nc = await connect({ servers: nats.url });
    const events: Event[] = [];
    const states: StateSnapshot[] = [];
    nc.subscribe(telemetrySubject(HOST, 'events'), {
      callback: (_e, m) => void events.push(Event.decode(m.data)),
    });
    nc.subscribe(telemetrySubject(HOST, 'state'), {
      callback: (_e, m) => void states.push(StateSnapshot.decode(m.data)),
    });
    await nc.flush();
    const input = {
      ...hostConfigInput({ feedPort: sims.feed.port, venuePort: sims.venue.port }),
      sidecar: { natsServers: nats.url, intervalMs: 100 },
    };
    console.log('host config:', JSON.stringify(input));
    const lines: Record<string, unknown>[] = [];
    const host = await startHotpathHost(parseHotpathConfig(input), { logger: capturingLogger(lines) });
    const client = new AdminServiceClient(`127.0.0.1:${host.adminPort}`, credentials.createInsecure());
    try {
      await host.waitForState('READY', 20_000);
      await new Promise<void>((resolve, reject) =>
        client.status({}, md(VIEWER), (err) => (err === null ? resolve() : reject(err))),
      );
      await new Promise<void>((resolve) =>
        client.status({}, md('not-a-known-token-000'), (err: ServiceError | null) => {
          assert.ok(err !== null);
          resolve();
        }),
      );
      const audited = (role: string, code: string): boolean =>
        events.some(
          (e) =>
            e.kind === 'admin.call' &&
            e.labels['method'] === 'Status' &&
            e.labels['role'] === role &&
            e.labels['code'] === code,
        );
      assert.ok(
        await waitUntil(() => audited('viewer', 'OK') && audited('anonymous', 'UNAUTHENTICATED'), 10_000),
        `audit events: ${JSON.stringify(events.filter((e) => e.kind === 'admin.call'))}`,
      );
      const transitions = events.filter((e) => e.kind === 'lifecycle.transition');
      assert.ok(
        transitions.some((e) => e.labels['to'] === 'WARM_UP' && !e.trusted),
        'warm-up transition untrusted',
      );
      assert.ok(
        transitions.some((e) => e.labels['to'] === 'READY' && e.trusted),
        'READY transition trusted',
      );
      assert.ok(
        await waitUntil(() => states.some((s) => s.state === 3 && s.trusted), 5000),
        'trusted READY state',
      );
      assert.ok(
        states.filter((s) => s.state === 2).every((s) => !s.trusted),
        'warm-up states untrusted',
      );
      const auditLines = lines.filter((l) => l['audit'] !== undefined);
      assert.ok(auditLines.length >= 2, 'audit log lines');
      const report = await host.report();
      assert.equal(report.telemetry.enabled, true);
      assert.ok(report.telemetry.published > 0);
      console.log(
        `telemetry: ${events.length} events, ${states.length} state snapshots, report ${JSON.stringify(report.telemetry)}`,
      );
    } finally {
      client.close();
      const final = await host.stop();
      assert.equal(final.lostOrders, 0);
      await nc.close();
      await sims.close();
    }
  },
);

test(
  'telemetry off when NATS is unreachable: said plainly, trading unaffected',
  { timeout: 40_000 },
  async () => {
    const sims = await startSims(2000, 30_000);
    const input = {
      ...hostConfigInput({ feedPort: sims.feed.port, venuePort: sims.venue.port }),
      // Port 1 on loopback: nothing listens there.
      sidecar: { natsServers: 'nats://127.0.0.1:1', intervalMs: 100, reconnectTimeWaitMs: 100 },
    };
    const lines: Record<string, unknown>[] = [];
    const host = await startHotpathHost(parseHotpathConfig(input), { logger: capturingLogger(lines) });
    try {
      await host.waitForState('READY', 20_000);
      assert.ok(
        await waitUntil(
          () => lines.some((l) => String(l['msg']).startsWith('telemetry off: NATS unreachable')),
          5000,
        ),
        'the host says telemetry is off',
      );
      const r = await host.report();
      assert.equal(r.telemetry.enabled, true);
      assert.equal(r.telemetry.connected, false);
      assert.ok(r.ordersSent > 0);
    } finally {
      const final = await host.stop();
      assert.equal(final.lostOrders, 0);
      await sims.close();
    }
  },
);
