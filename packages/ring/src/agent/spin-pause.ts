/**
 * One spin-wait hint. Atomics.pause (Node 24, V8 12.x+) emits the CPU's pause instruction, which
 * eases the sibling hyper-thread and the memory bus while spinning; on older runtimes it is a no-op.
 */
type AtomicsWithPause = typeof Atomics & { pause?: (iterationNumber?: number) => void };

const atomicsPause = (Atomics as AtomicsWithPause).pause;

export const hasAtomicsPause: boolean = typeof atomicsPause === 'function';

export function spinPause(): void {
  if (atomicsPause !== undefined) {
    atomicsPause();
  }
}
