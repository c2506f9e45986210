// The client's receive path allocates nothing per message: a client in a worker thread (as the
// ingest worker runs it) receives millions of sequenced messages from a server in the main
// thread, and the worker's heap sees no garbage collection. A control run with a handler that
// allocates per message must show GCs, so the measurement can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { SoupBinTcpClient, SoupBinTcpServer, SoupClientState } from '@ringside/protocols';
import type { SoupSequencedHandler } from '@ringside/protocols';

const MESSAGES = 1_500_000;
const WARMUP = 200_000;
const PAYLOAD = 32;

interface WorkerInput {
  port: number;
  messages: number;
  allocate: boolean;
}

interface WorkerResult {
  /** Messages received while GCs were counted. */
  received: number;
  total: number;
  gcs: number;
  ms: number;
  checksum: number;
  outOfOrder: number;
}

class SumHandler implements SoupSequencedHandler {
  received = 0;
  checksum = 0;
  expected = 1;
  outOfOrder = 0;
  onMessage(bytes: Uint8Array, offset: number, length: number, seq: number): void {
    if (seq !== this.expected) this.outOfOrder++;
    this.expected = seq + 1;
    this.checksum = (this.checksum + bytes[offset]! + bytes[offset + length - 1]!) | 0;
    this.received++;
  }
}

class AllocatingHandler extends SumHandler {
  kept: Uint8Array | undefined;
  override onMessage(bytes: Uint8Array, offset: number, length: number, seq: number): void {
    this.kept = bytes.slice(offset, offset + length); // a copy per message: garbage
    super.onMessage(this.kept, 0, length, seq);
  }
}

async function runWorker(): Promise<void> {
  const input = workerData as WorkerInput;
  const handler = input.allocate ? new AllocatingHandler() : new SumHandler();
  const client = new SoupBinTcpClient({
    host: '127.0.0.1',
    port: input.port,
    username: 'ingest',
    password: '',
    reconnect: false,
    readBufferBytes: 256 * 1024,
    handler,
  });
  let gcs = 0;
  let counting = false;
  const obs = new PerformanceObserver((list) => {
    if (counting) gcs += list.getEntries().length;
  });
  obs.observe({ entryTypes: ['gc'] });
  client.connect();
  // Warm-up: the first messages let V8 optimize the receive path before counting starts.
  while (handler.received < WARMUP) await new Promise((r) => setTimeout(r, 1));
  // Let a GC caused by warm-up/compilation finish before we start counting.
  await new Promise((r) => setTimeout(r, 50));
  counting = true;
  parentPort?.postMessage('warm');
  const t0 = performance.now();
  const from = handler.received;
  const deadline = t0 + 20000;
  while (handler.received < input.messages && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - t0;
  counting = false;
  // PerformanceObserver delivers entries asynchronously: give it a turn.
  await new Promise((r) => setTimeout(r, 50));
  obs.disconnect();
  await client.close();
  const result: WorkerResult = {
    received: handler.received - from,
    total: handler.received,
    gcs,
    ms,
    checksum: handler.checksum,
    outOfOrder: handler.outOfOrder + (client.state === SoupClientState.CLOSED ? 0 : 1),
  };
  parentPort?.postMessage(result);
}

async function measure(allocate: boolean): Promise<WorkerResult> {
  const server = new SoupBinTcpServer({ port: 0 });
  const port = await server.listen();
  const payload = new Uint8Array(PAYLOAD);
  const publish = (from: number, to: number): void => {
    for (let s = from; s <= to; s++) {
      payload[0] = s & 0xff;
      payload[PAYLOAD - 1] = (s >>> 8) & 0xff;
      server.publish(payload, 0, PAYLOAD);
    }
  };
  // Warm-up messages first; the rest only once the worker counts GCs.
  publish(1, WARMUP);
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { port, messages: MESSAGES, allocate } satisfies WorkerInput,
  });
  try {
    return await new Promise<WorkerResult>((resolve, reject) => {
      worker.on('message', (m: WorkerResult | 'warm') => {
        if (m === 'warm') publish(WARMUP + 1, MESSAGES);
        else resolve(m);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
  } finally {
    await worker.terminate();
    await server.close();
  }
}

if (isMainThread) {
  test(
    'client receive path: no GC in the worker over 1.3 M messages; an allocating handler shows GCs',
    { timeout: 60000 },
    async () => {
      const clean = await measure(false);
      const dirty = await measure(true);
      const rate = (r: WorkerResult): string => `${(((r.received / r.ms) * 1000) / 1e6).toFixed(2)} M msg/s`;
      console.log(
        `zero-alloc: ${MESSAGES} messages of ${PAYLOAD} bytes, client in a worker, 256 KiB read buffer; ` +
          `counted after ${WARMUP} warm-up. allocation-free handler: ${clean.received} msgs, ${clean.gcs} GCs, ${rate(clean)}; ` +
          `allocating handler: ${dirty.received} msgs, ${dirty.gcs} GCs, ${rate(dirty)}`,
      );
      assert.equal(clean.outOfOrder, 0);
      assert.equal(clean.total, MESSAGES);
      assert.equal(clean.received, MESSAGES - WARMUP);
      assert.equal(clean.gcs, 0, 'no garbage collection while receiving');
      assert.ok(dirty.gcs > 0, 'the control run must allocate enough to trigger GC');
    },
  );
} else {
  await runWorker();
}
