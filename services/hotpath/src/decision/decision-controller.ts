// The conductor's handle on the decision workers: validates the config, allocates each
// worker's queues, counters and sample ring, starts N worker threads, and hands back the queue
// buffers the gateway attaches to. Control plane: throws DecisionConfigError.
import { Worker } from 'node:worker_threads';
import { createSampleRingBuffer } from '@ringside/counters';
import type { CountersManager } from '@ringside/counters';
import { AgentControl, CommandQueue } from '@ringside/ring';
import { createCompletionQueue, createOrderQueue } from '../orders/order-queues.ts';
import { describeDecisionConfig, parseDecisionConfig } from './decision-config.ts';
import type { DecisionConfig } from './decision-config.ts';
import { allocateDecisionCounters } from './decision-counters.ts';
import type { DecisionCounterIds } from './decision-counters.ts';
import { DecisionFlagsDescriptor } from './decision-status.ts';
import type { DecisionWorkerData, DecisionWorkerMessage } from './decision-worker.ts';

export interface DecisionWorkerSummary {
  readonly workerId: number;
  readonly reason: string;
  /** DecisionTally values by index. */
  readonly tallies: readonly number[];
  /** 'gc' performance entries in the worker thread while its agent ran (warm-up included). */
  readonly gcEvents: number;
}

export interface DecisionWorkerHandle {
  readonly workerId: number;
  readonly worker: Worker;
  /** Order queue (worker → gateway) and completion queue (gateway → worker) buffers. */
  readonly orders: SharedArrayBuffer;
  readonly completions: SharedArrayBuffer;
  /** Conductor side of the worker's command queue (DecisionCommand opcodes). */
  readonly commands: CommandQueue;
  readonly samples: SharedArrayBuffer;
  readonly counterIds: DecisionCounterIds;
  readonly ready: Promise<string>;
  readonly done: Promise<DecisionWorkerSummary>;
}

export interface DecisionWorkersHandle {
  readonly config: DecisionConfig;
  readonly workers: readonly DecisionWorkerHandle[];
  /** The shared flags block (DecisionFlagsDescriptor). */
  readonly flags: SharedArrayBuffer;
  /** Kill switch: every worker refuses new orders from its next submit on. */
  halt(): void;
  resume(): void;
  /** Sends HALT/RESUME-style commands to one worker; returns SpscStatus. */
  command(workerId: number, opcode: number, arg0?: number, arg1?: number): number;
  stop(): Promise<DecisionWorkerSummary[]>;
}

export function startDecisionWorkers(
  configInput: unknown,
  ringBuffer: SharedArrayBuffer,
  counters: CountersManager,
): DecisionWorkersHandle {
  const config = parseDecisionConfig(configInput);
  console.log(describeDecisionConfig(config));
  const flags = new SharedArrayBuffer(DecisionFlagsDescriptor.BYTES);
  const flagWords = new Int32Array(flags);
  const controls: AgentControl[] = [];
  const workers: DecisionWorkerHandle[] = [];
  for (let workerId = 0; workerId < config.workers; workerId++) {
    const orders = createOrderQueue(config.orderQueueCapacity).buffer;
    const completions = createCompletionQueue(config.completionQueueCapacity).buffer;
    const commands = CommandQueue.create(config.commandQueueCapacity);
    const samples = createSampleRingBuffer(config.sampleCapacity);
    const counterIds = allocateDecisionCounters(counters, workerId);
    const control = AgentControl.create();
    controls.push(control);
    const workerData: DecisionWorkerData = {
      workerId,
      config,
      ring: ringBuffer,
      orders,
      completions,
      commands: commands.buffer,
      flags,
      control: control.buffer,
      samples,
      counters: counters.buffers,
      counterIds,
    };
    const worker = new Worker(new URL('./decision-worker.ts', import.meta.url), {
      workerData,
      name: `decision-${workerId}`,
    });
    const { ready, done } = lifecycle(worker, workerId);
    workers.push({ workerId, worker, orders, completions, commands, samples, counterIds, ready, done });
  }
  return {
    config,
    workers,
    flags,
    halt: () => Atomics.store(flagWords, DecisionFlagsDescriptor.HALT_INDEX, 1),
    resume: () => Atomics.store(flagWords, DecisionFlagsDescriptor.HALT_INDEX, 0),
    command: (workerId, opcode, arg0 = 0, arg1 = 0) => workers[workerId]!.commands.offer(opcode, arg0, arg1),
    stop: async () => {
      for (const c of controls) c.requestStop();
      return Promise.all(workers.map((w) => w.done));
    },
  };
}

function lifecycle(
  worker: Worker,
  workerId: number,
): { ready: Promise<string>; done: Promise<DecisionWorkerSummary> } {
  let resolveReady!: (d: string) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<string>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  ready.catch(() => {});
  let summary: DecisionWorkerSummary | undefined;
  let failure: Error | undefined;
  const done = new Promise<DecisionWorkerSummary>((resolve, reject) => {
    worker.on('message', (m: DecisionWorkerMessage) => {
      if (m.kind === 'ready') resolveReady(m.description);
      else if (m.kind === 'done')
        summary = { workerId, reason: m.reason, tallies: m.tallies, gcEvents: m.gcEvents };
      else failure = new Error(`decision-${workerId}: ${m.message}`);
    });
    worker.on('error', (err: Error) => (failure = err));
    worker.on('exit', (code) => {
      if (summary !== undefined) return resolve(summary);
      const err = failure ?? new Error(`decision-${workerId} exited (code ${code}) without a summary`);
      rejectReady(err);
      reject(err);
    });
  });
  return { ready, done };
}
