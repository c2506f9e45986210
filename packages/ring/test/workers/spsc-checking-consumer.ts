// Worker: an SpscQueue consumer agent that verifies every event (order, untorn payload, checksum)
// and stops on the sentinel event (sequence -1). Stalls behind a gate first (parked), so the
// producer can fill the queue. Idles with the configured strategy; a parking one parks on the
// queue itself, so the producer's flush wakes it.
import { workerData, parentPort } from 'node:worker_threads';
import { AgentControl, AgentRunner, SpscQueue, idleStrategyFromConfig, nowNs } from '../../src/index.ts';
import type { Agent, SpscHandler } from '../../src/index.ts';
import { checkPayload, foldChecksum } from './spsc-payload.ts';

export interface CheckingConsumerData {
  readonly queue: SharedArrayBuffer;
  /** Int32 words: [0] gate open (main sets 1), [1] consumer ready (worker sets 1). */
  readonly gate: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly deadlineMs: number;
  readonly pollLimit: number;
  /** Idle strategy config, e.g. "busy-spin", "park:1000". */
  readonly idle: string;
}

export interface CheckingConsumerResult {
  readonly received: number;
  readonly checksum: number;
  readonly orderErrors: number;
  readonly tornErrors: number;
  readonly sawSentinel: boolean;
  readonly reason: string;
  readonly dutyCycles: number;
  readonly errors: number;
  readonly elapsedNs: number;
}

const data = workerData as CheckingConsumerData;
const queue = SpscQueue.attach(data.queue);
const gate = new Int32Array(data.gate);
const control = AgentControl.attach(data.control);
const words = queue.slotBytes >> 2;
const deadlineNs = nowNs() + data.deadlineMs * 1e6;

class CheckingConsumer implements Agent, SpscHandler {
  readonly roleName = 'checking-consumer';
  // [0] received, [1] next expected sequence, [2] order errors, [3] torn errors, [4] sentinel seen
  readonly stats = new Float64Array(5);
  readonly sums = new Int32Array(1);

  doWork(): number {
    return queue.poll(this, data.pollLimit);
  }

  onEvent(_b: Uint8Array, i32: Int32Array, _f: Float64Array, _d: DataView, offset: number): void {
    const index = offset >> 2;
    const seq = i32[index];
    const stats = this.stats;
    if (seq === -1) {
      stats[4] = 1;
      control.requestStop();
      return;
    }
    if (seq !== stats[1]) {
      stats[2]++;
    }
    if (!checkPayload(i32, index, words, seq)) {
      stats[3]++;
    }
    stats[1] = seq + 1;
    stats[0]++;
    this.sums[0] = foldChecksum(this.sums[0], seq);
  }
}

Atomics.store(gate, 1, 1);
while (Atomics.load(gate, 0) === 0 && nowNs() < deadlineNs) {
  Atomics.wait(gate, 0, 0, 50);
}

const agent = new CheckingConsumer();
const startNs = nowNs();
const result = new AgentRunner(agent, {
  idleStrategy: idleStrategyFromConfig(data.idle, queue),
  control,
  deadlineNs,
  errorHandler: (error) => console.error('checking-consumer error', error),
}).run();
const elapsedNs = nowNs() - startNs;

const out: CheckingConsumerResult = {
  received: agent.stats[0],
  checksum: agent.sums[0],
  orderErrors: agent.stats[2],
  tornErrors: agent.stats[3],
  sawSentinel: agent.stats[4] === 1,
  reason: result.reason,
  dutyCycles: result.dutyCycles,
  errors: result.errors,
  elapsedNs,
};
parentPort?.postMessage(out);
