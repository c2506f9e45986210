// The two per-worker queues between a decision worker and the gateway, with the slot sizes their
// layouts need. Control plane: call at setup, pass `.buffer` to the other thread, attach there.
import { SpscQueue } from '@ringside/ring';
import { CompletionDescriptor } from './completion-descriptor.ts';
import { OrderCommandDescriptor } from './order-command-descriptor.ts';

/** Decision worker → gateway: order commands. `capacity` a power of two. */
export function createOrderQueue(capacity: number): SpscQueue {
  return SpscQueue.create({ capacity, slotBytes: OrderCommandDescriptor.SLOT_BYTES });
}

/** Gateway → decision worker: completions. `capacity` a power of two. */
export function createCompletionQueue(capacity: number): SpscQueue {
  return SpscQueue.create({ capacity, slotBytes: CompletionDescriptor.SLOT_BYTES });
}
