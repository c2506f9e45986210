// The shared memory a sidecar reads (it never writes any of it): what the conductor hands the
// sidecar worker at start.
import type { CountersBuffers } from '@ringside/counters';
import type { EventQueueBuffers } from './event-queue-descriptor.ts';

export interface SidecarBuffers {
  /** The process's counters set (CountersManager.buffers). */
  readonly counters: CountersBuffers;
  /** Latency SampleRings, one per writing worker. */
  readonly sampleRings: readonly SharedArrayBuffer[];
  /** Trace rings (createTraceRingBuffer), one per writing worker. */
  readonly traceRings: readonly SharedArrayBuffer[];
  /** The telemetry state block (TelemetryStateWriter.buffer). */
  readonly state: SharedArrayBuffer;
  /** The conductor's event queue (createEventQueueBuffers). */
  readonly events: EventQueueBuffers;
}
