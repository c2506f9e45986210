// Consumer states across threads: the conductor (this thread, also the producer) isolates,
// drops, readmits and releases a consumer living in a worker; a third thread reads its lag,
// state and loss. Also: a parked consumer is woken by publish (parked mask) and a dropped one by
// readmit (state word), well before its park timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { BroadcastRing, BroadcastStatus, ConsumerState } from '@ringside/ring';
import type { BroadcastProducer } from '@ringside/ring';

interface Drained {
  seqs: number[];
  statuses: number[];
  lost: number;
}
interface Reading {
  lag: number;
  state: number;
  loss: number;
  cursor: number;
  parkedMask: number;
}

function ask<T>(worker: Worker, message?: object): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onError = (e: Error): void => {
      clearTimeout(timer);
      reject(e);
    };
    const timer = setTimeout(() => {
      worker.off('error', onError);
      reject(new Error('worker did not answer in 10 s'));
    }, 10_000);
    worker.once('message', (m: T) => {
      clearTimeout(timer);
      worker.off('error', onError);
      resolve(m);
    });
    worker.once('error', onError);
    if (message !== undefined) worker.postMessage(message);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function publish(producer: BroadcastProducer, n: number): void {
  for (let i = 0; i < n; i++) {
    if (producer.pending === producer.capacity >> 1) producer.publish();
    assert.ok(producer.claim() >= 0);
  }
  producer.publish();
}

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

test('isolate / drop / readmit / release from another thread; lag and loss read from a third', async () => {
  const ring = BroadcastRing.create({ capacity: 16 });
  const url = new URL('./workers/broadcast-state-worker.ts', import.meta.url);
  const consumerWorker = new Worker(url, { workerData: { ring: ring.buffer, role: 'consumer' } });
  const observerWorker = new Worker(url, { workerData: { ring: ring.buffer, role: 'observer' } });
  try {
    // Listen to both before awaiting either: a message with no listener yet is lost.
    const [{ index: k }] = await Promise.all([ask<{ index: number }>(consumerWorker), ask(observerWorker)]);
    const producer = ring.attachProducer();
    const drain = (): Promise<Drained> => ask<Drained>(consumerWorker, { cmd: 'drain' });
    const read = (): Promise<Reading> => ask<Reading>(observerWorker, { cmd: 'read', index: k });

    publish(producer, 10);
    assert.equal((await read()).lag, 10, 'lag seen from the observer thread');
    assert.deepEqual((await drain()).seqs, range(0, 10));
    assert.deepEqual(await read(), {
      lag: 0,
      state: ConsumerState.ACTIVE,
      loss: 0,
      cursor: 10,
      parkedMask: 0,
    });

    assert.equal(ring.isolate(k), true);
    assert.equal((await read()).state, ConsumerState.ISOLATED);
    publish(producer, 5);
    assert.equal((await read()).lag, 5);
    const isolated = await drain();
    assert.deepEqual(isolated, { seqs: [], statuses: [BroadcastStatus.ISOLATED], lost: 5 });
    assert.deepEqual(await read(), {
      lag: 0,
      state: ConsumerState.ISOLATED,
      loss: 5,
      cursor: 15,
      parkedMask: 0,
    });

    assert.equal(ring.readmit(k), true);
    publish(producer, 3);
    assert.deepEqual((await drain()).seqs, range(15, 3));

    assert.equal(ring.drop(k), true);
    publish(producer, 4);
    assert.deepEqual(await drain(), { seqs: [], statuses: [BroadcastStatus.DROPPED], lost: 0 });
    assert.deepEqual(await read(), {
      lag: 4,
      state: ConsumerState.DROPPED,
      loss: 5,
      cursor: 18,
      parkedMask: 0,
    });

    // A dropped consumer parks on its state word; readmit wakes it long before the 5 s timeout.
    const parkedDropped = ask<{ parkedMs: number }>(consumerWorker, { cmd: 'park', ms: 5000 });
    await sleep(50);
    assert.equal(ring.readmit(k), true);
    const wokeByReadmit = (await parkedDropped).parkedMs;
    assert.ok(wokeByReadmit < 2500, `readmit woke the dropped consumer after ${wokeByReadmit} ms`);
    assert.deepEqual((await drain()).seqs, range(18, 4), 'nothing lost: the ring did not lap it');

    // Parked for data: the parked bit is visible from the observer, and publish wakes it.
    const parked = ask<{ parkedMs: number }>(consumerWorker, { cmd: 'park', ms: 5000 });
    let mask = 0;
    for (let i = 0; i < 100 && mask === 0; i++) {
      await sleep(10);
      mask = (await read()).parkedMask;
    }
    assert.equal(mask, 1 << k, 'the parked bit is set while the consumer sleeps');
    publish(producer, 2);
    const wokeByPublish = (await parked).parkedMs;
    assert.ok(wokeByPublish < 2500, `publish woke the parked consumer after ${wokeByPublish} ms`);
    assert.equal(ring.parkedMask(), 0, 'publish cleared the mask when it notified');
    assert.deepEqual((await drain()).seqs, range(22, 2));

    // Dropped, then lapped while dropped, then readmitted: the lap is counted, not hidden.
    assert.equal(ring.drop(k), true);
    publish(producer, 40);
    assert.equal((await read()).lag, 40);
    assert.equal(ring.readmit(k), true);
    const lapped = await drain();
    assert.equal(lapped.statuses[0], BroadcastStatus.LAPPED);
    assert.equal(lapped.seqs.length + lapped.lost, 40);
    assert.deepEqual(lapped.seqs, range(24 + lapped.lost, lapped.seqs.length));
    assert.equal((await read()).loss, 5 + lapped.lost);

    // Released by the conductor: the old owner is closed out, even after the line is reused.
    assert.equal(ring.drop(k), true);
    assert.equal(ring.release(k), true);
    const reused = ring.attachConsumer({ index: k });
    publish(producer, 1);
    assert.deepEqual(await drain(), { seqs: [], statuses: [BroadcastStatus.CLOSED], lost: 0 });
    assert.equal(reused.receive(8), 1);
    assert.equal((await read()).lag, 0);
    console.log(
      `state test: readmit woke a dropped consumer in ${wokeByReadmit.toFixed(2)} ms, publish woke a parked one in ${wokeByPublish.toFixed(2)} ms`,
    );
  } finally {
    await Promise.all([consumerWorker.terminate(), observerWorker.terminate()]);
  }
});
