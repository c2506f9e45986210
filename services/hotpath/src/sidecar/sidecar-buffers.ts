// The shared memory a sidecar reads (it never writes any of it): what the conductor hands the
// sidecar worker at start.
import type { CountersBuffers } from '@ringside/counters';
import type { EventQueueBuffers } from './event-queue-descriptor.ts';

/**
 * A SampleRing whose tags are folded as `tagBase + tag`: rings of different workers write
 * overlapping small tags, and the host gives each ring its own range (host/latency-tag-space.ts)
 * so their histograms never merge.
 */
export interface TaggedSampleRing {
  readonly buffer: SharedArrayBuffer;
  readonly tagBase: number;
}

export interface SidecarBuffers {
  /** The process's counters set (CountersManager.buffers). */
  readonly counters: CountersBuffers;
  /** Latency SampleRings, one per writing worker (a bare buffer: tag base 0). */
  readonly sampleRings: readonly (SharedArrayBuffer | TaggedSampleRing)[];
  /** Trace rings (createTraceRingBuffer), one per writing worker. */
  readonly traceRings: readonly SharedArrayBuffer[];
  /** The telemetry state block (TelemetryStateWriter.buffer). */
  readonly state: SharedArrayBuffer;
  /** The conductor's event queue (createEventQueueBuffers). */
  readonly events: EventQueueBuffers;
}

export function taggedSampleRing(ring: SharedArrayBuffer | TaggedSampleRing): TaggedSampleRing {
  return ring instanceof SharedArrayBuffer ? { buffer: ring, tagBase: 0 } : ring;
}
