// A 3-node JetStream cluster losing its stream leader (SIGKILL) in the middle of a run of
// audit-like writes: the client (given all three URLs) keeps writing, retrying each record with
// the same msgID until acked; after the node comes back every record is in the stream exactly
// once, and a KV counter moved only by compare-and-set has exactly one step per operation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { KV } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { natsServerSkipReason, startNatsCluster } from '@ringside/testkit';

const RECORDS = 300;
const KILL_AT = 100;
const RESTART_AT = 200;
const CAS_EVERY = 10;
const STREAM = 'CLUSTER_AUDIT';
const SUBJECT = 'cluster.audit.rec';
const BUCKET = 'cluster_cas';
const RUN_DEADLINE_MS = 30_000;

const skip = natsServerSkipReason();
if (skip !== false) console.log(`nats-cluster: SKIPPED, ${skip}`);

interface Step {
  readonly n: number;
  readonly op: number;
}

/** Moves the counter n → n+1 tagged with `op`, by CAS; an ambiguous failure is resolved by
 *  re-reading (our tag there means our write landed). Returns the number of attempts. */
async function casStep(kv: KV, op: number, deadline: number): Promise<number> {
  for (let attempt = 1; Date.now() < deadline; attempt++) {
    try {
      const e = await kv.get('counter');
      assert.ok(e !== null);
      const cur = e.json<Step>();
      if (cur.op === op) return attempt; // an earlier attempt was stored, its reply lost
      await kv.update('counter', JSON.stringify({ n: cur.n + 1, op }), e.revision);
      return attempt;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`CAS step ${op} not done before the deadline`);
}

test(
  '3-node JetStream cluster: leader SIGKILL mid-stream loses and duplicates nothing',
  { skip, timeout: 45_000 },
  async (t) => {
    const t0 = Date.now();
    const cluster = await startNatsCluster(3, { jetstream: true });
    t.after(() => cluster.stop());
    const tStarted = Date.now();
    const nc = await connect({
      servers: [...cluster.urls],
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
      waitOnFirstConnect: true,
    });
    t.after(() => nc.close());
    const statuses: string[] = [];
    void (async () => {
      for await (const s of nc.status()) statuses.push(s.type);
    })();
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: STREAM, subjects: [`${SUBJECT}.>`], num_replicas: 3, storage: 'file' });
    const kv = await new Kvm(nc).create(BUCKET, { replicas: 3, history: 5, storage: 'file' });
    await kv.create('counter', JSON.stringify({ n: 0, op: -1 }));
    const js = jetstream(nc);
    console.log(
      `nats-cluster: 3 nodes ${cluster.urls.join(' ')}; ${RECORDS} records, SIGKILL stream leader at ${KILL_AT}, ` +
        `restart at ${RESTART_AT}, CAS every ${CAS_EVERY}`,
    );

    const deadline = Date.now() + RUN_DEADLINE_MS;
    let retries = 0;
    let duplicates = 0;
    let casOps = 0;
    let casAttempts = 0;
    let worstRecordMs = 0;
    let killed: { index: number; name: string; at: number } | undefined;
    let tRestart = 0;
    for (let i = 0; i < RECORDS; i++) {
      if (i === KILL_AT) {
        const leader = (await jsm.streams.info(STREAM)).cluster?.leader ?? '';
        const node = cluster.nodeByName(leader);
        assert.ok(node !== undefined, `stream leader ${leader} is one of ours`);
        await node.kill('SIGKILL');
        killed = { index: node.index, name: leader, at: Date.now() };
      }
      if (i === RESTART_AT && killed !== undefined) {
        const r0 = Date.now();
        await cluster.node(killed.index).restart();
        tRestart = Date.now() - r0;
      }
      const r0 = Date.now();
      for (;;) {
        assert.ok(Date.now() < deadline, `record ${i} not stored before the deadline`);
        try {
          const ack = await js.publish(`${SUBJECT}.${i % 7}`, JSON.stringify({ i }), {
            msgID: `rec-${i}`,
            timeout: 1_500,
          });
          if (ack.duplicate) duplicates++;
          break;
        } catch {
          retries++; // no leader yet, or the ack was lost: same msgID, so a retry cannot duplicate
          await sleep(50);
        }
      }
      worstRecordMs = Math.max(worstRecordMs, Date.now() - r0);
      if (i % CAS_EVERY === 0) {
        casAttempts += await casStep(kv, casOps, deadline);
        casOps++;
      }
    }
    const tWritten = Date.now();
    assert.ok(killed !== undefined);
    await cluster.ready();

    // Every replica, including the restarted one, caught up.
    const catchUpDeadline = Date.now() + 10_000;
    let info = await jsm.streams.info(STREAM);
    while (
      !(info.cluster?.replicas ?? []).every((r) => r.current && (r.lag ?? 0) === 0) ||
      (info.cluster?.replicas ?? []).length !== 2
    ) {
      assert.ok(Date.now() < catchUpDeadline, `replicas did not catch up: ${JSON.stringify(info.cluster)}`);
      await sleep(100);
      info = await jsm.streams.info(STREAM);
    }
    assert.equal(info.state.messages, RECORDS, 'stream holds exactly one message per record');
    const counts = new Map<number, number>();
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(STREAM, { seq });
      assert.ok(m !== null, `seq ${seq}`);
      const { i } = m.json<{ i: number }>();
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    for (let i = 0; i < RECORDS; i++)
      assert.equal(counts.get(i), 1, `record ${i} stored ${counts.get(i) ?? 0} times`);
    assert.equal(counts.size, RECORDS);

    // CAS consistency: one step per operation, in order, and a stale revision still loses.
    const final = await kv.get('counter');
    assert.ok(final !== null);
    assert.deepEqual(final.json<Step>(), { n: casOps, op: casOps - 1 });
    const history: Step[] = [];
    for await (const e of await kv.history({ key: 'counter' })) history.push(e.json<Step>());
    for (let k = 1; k < history.length; k++) assert.equal(history[k]?.n, (history[k - 1]?.n ?? 0) + 1);
    const stale = final.revision;
    await kv.update('counter', JSON.stringify({ n: casOps + 1, op: casOps }), stale);
    await assert.rejects(kv.update('counter', JSON.stringify({ n: casOps + 1, op: -2 }), stale));

    console.log(
      `nats-cluster: killed ${killed.name}; cluster start ${tStarted - t0} ms, writes ${tWritten - tStarted} ms, ` +
        `restart+rejoin ${tRestart} ms, worst record ${worstRecordMs} ms, publish retries ${retries}, ` +
        `duplicate acks ${duplicates}, CAS ops ${casOps} (${casAttempts} attempts), client status ${statuses.join(',') || 'none'}, ` +
        `total ${Date.now() - t0} ms`,
    );
  },
);
