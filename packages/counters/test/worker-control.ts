// Shared between the concurrency tests and their workers (a worker module cannot be imported
// by the test itself: importing it would run the worker's body on the main thread).
import type { CountersBuffers } from '../src/index.ts';

/** Int32 indexes in a test's `control` SharedArrayBuffer (16 bytes). */
export const CONTROL = { START: 0, DONE: 1, ITERATIONS: 2 } as const;

export interface WriterWorkerData {
  readonly buffers: CountersBuffers;
  readonly ids: readonly [number, number, number];
  readonly control: SharedArrayBuffer;
  readonly iterations: number;
  readonly deadlineMs: number;
  readonly step1: number;
  readonly step2: number;
}

export interface RecorderWorkerData {
  readonly ring: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
  readonly samples: number;
  readonly tagModulus: number;
  readonly deadlineMs: number;
}
