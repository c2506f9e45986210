import { SpscQueue } from '../spsc/spsc-queue.ts';
import type { SpscHandler } from '../spsc/spsc-handler.ts';
import { SpscStatus } from '../spsc/spsc-status.ts';
import { CommandDescriptor as C } from './command-descriptor.ts';

/** Receives drained commands; implement it on the agent (no closure per command). */
export interface CommandHandler {
  onCommand(opcode: number, arg0: number, arg1: number, arg2: number): void;
}

/**
 * Bounded conductor → agent command queue (Aeron's SenderProxy + command queue): the conductor
 * offers fixed-size commands, the agent drains up to a limit at the start of each doWork. A full
 * queue is never waited on: offer returns SpscStatus.FULL and the failure is counted.
 */
export class CommandQueue {
  readonly queue: SpscQueue;
  private readonly dispatcher = new CommandDispatcher();
  private failedOffers = 0;

  static create(capacity: number): CommandQueue {
    return new CommandQueue(SpscQueue.create({ capacity, slotBytes: C.SLOT_BYTES }));
  }

  static attach(buffer: SharedArrayBuffer): CommandQueue {
    return new CommandQueue(SpscQueue.attach(buffer));
  }

  private constructor(queue: SpscQueue) {
    this.queue = queue;
  }

  get buffer(): SharedArrayBuffer {
    return this.queue.buffer;
  }

  /** Producer side: enqueues and publishes one command. Returns SpscStatus.OK or FULL. */
  offer(opcode: number, arg0 = 0, arg1 = 0, arg2 = 0): number {
    const q = this.queue;
    const offset = q.claim();
    if (offset < 0) {
      this.failedOffers++;
      return offset;
    }
    q.i32[(offset + C.OPCODE_OFFSET) >> 2] = opcode;
    q.i32[(offset + 4) >> 2] = 0;
    q.f64[(offset + C.ARG0_OFFSET) >> 3] = arg0;
    q.f64[(offset + C.ARG1_OFFSET) >> 3] = arg1;
    q.f64[(offset + C.ARG2_OFFSET) >> 3] = arg2;
    q.commit();
    q.flush();
    return SpscStatus.OK;
  }

  /** Producer side: offers refused because the queue was full (never hidden). */
  offerFailures(): number {
    return this.failedOffers;
  }

  /** Consumer side: hands up to `limit` commands to `handler`; returns how many. */
  drain(handler: CommandHandler, limit: number = C.DEFAULT_DRAIN_LIMIT): number {
    this.dispatcher.target = handler;
    return this.queue.poll(this.dispatcher, limit);
  }
}

/** Decodes a slot into onCommand arguments; one per queue, retargeted per drain. */
class CommandDispatcher implements SpscHandler {
  target: CommandHandler | null = null;

  onEvent(_bytes: Uint8Array, i32: Int32Array, f64: Float64Array, _dv: DataView, offset: number): void {
    this.target!.onCommand(
      i32[(offset + C.OPCODE_OFFSET) >> 2],
      f64[(offset + C.ARG0_OFFSET) >> 3],
      f64[(offset + C.ARG1_OFFSET) >> 3],
      f64[(offset + C.ARG2_OFFSET) >> 3],
    );
  }
}
