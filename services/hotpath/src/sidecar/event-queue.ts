// The bounded telemetry event queue (layout in event-queue-descriptor.ts). The conductor offers
// events and never blocks: a full queue refuses the event and counts it. The sidecar drains it
// into protobuf Event messages. Control plane on both sides (offer encodes and allocates).
import { SpscQueue, SpscStatus } from '@ringside/ring';
import { loadLong, peekLong, storeLong } from '@ringside/counters';
import type { SpscHandler } from '@ringside/ring';
import { Event } from '@ringside/contracts';
import { EVENT_QUEUE_LAYOUT as L } from './event-queue-descriptor.ts';
import type { EventQueueBuffers } from './event-queue-descriptor.ts';

export const EventQueueStatus = {
  OK: 0,
  /** The sidecar is behind (or gone): the event was dropped and counted. */
  FULL: -2,
  /** The encoded event exceeds MAX_PAYLOAD bytes: dropped and counted. */
  TOO_LARGE: -3,
} as const;

export type EventQueueStatusCode = (typeof EventQueueStatus)[keyof typeof EventQueueStatus];

export interface TelemetryEventInput {
  readonly kind: string;
  readonly reason: string;
  readonly numbers?: Readonly<Record<string, number>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly trusted?: boolean;
}

/** A drained event: the protobuf Event (no stamp yet) and when it happened (monotonic ns). */
export interface QueuedEvent {
  readonly monoNs: number;
  readonly event: Event;
}

export function createEventQueueBuffers(capacity: number = L.DEFAULT_CAPACITY): EventQueueBuffers {
  const queue = SpscQueue.create({ capacity, slotBytes: L.SLOT_BYTES });
  return { slots: queue.buffer, stats: new SharedArrayBuffer(L.STATS_BYTES) };
}

/** The producer side (conductor). */
export class EventQueueWriter {
  readonly #queue: SpscQueue;
  readonly #stats: Int32Array;

  constructor(buffers: EventQueueBuffers) {
    this.#queue = SpscQueue.attach(buffers.slots);
    this.#stats = new Int32Array(buffers.stats);
  }

  /** Queue one event stamped `monoNs`; returns an EventQueueStatus code, never throws. */
  offer(input: TelemetryEventInput, monoNs: number): EventQueueStatusCode {
    const payload = Event.encode(
      Event.fromPartial({
        kind: input.kind,
        reason: input.reason,
        numbers: { ...input.numbers },
        labels: { ...input.labels },
        trusted: input.trusted ?? true,
      }),
    ).finish();
    if (payload.length > L.MAX_PAYLOAD) return this.#drop(EventQueueStatus.TOO_LARGE);
    const queue = this.#queue;
    const at = queue.claim();
    if (at === SpscStatus.FULL) return this.#drop(EventQueueStatus.FULL);
    queue.dv.setInt32(at + L.LENGTH_OFFSET, payload.length, true);
    queue.dv.setFloat64(at + L.MONO_NS_OFFSET, monoNs, true);
    queue.bytes.set(payload, at + L.PAYLOAD_OFFSET);
    queue.commit();
    queue.flush();
    return EventQueueStatus.OK;
  }

  get dropped(): number {
    return peekLong(this.#stats, L.DROPPED_INDEX);
  }

  #drop(code: EventQueueStatusCode): EventQueueStatusCode {
    storeLong(this.#stats, L.DROPPED_INDEX, peekLong(this.#stats, L.DROPPED_INDEX) + 1);
    return code;
  }
}

/** The consumer side (sidecar). */
export class EventQueueReader implements SpscHandler {
  readonly #queue: SpscQueue;
  readonly #stats: Int32Array;
  #sink: QueuedEvent[] = [];

  constructor(buffers: EventQueueBuffers) {
    this.#queue = SpscQueue.attach(buffers.slots);
    this.#stats = new Int32Array(buffers.stats);
  }

  /** Up to `limit` queued events, oldest first. Slots that do not decode are skipped. */
  drain(limit: number): QueuedEvent[] {
    const out: QueuedEvent[] = [];
    this.#sink = out;
    this.#queue.poll(this, limit);
    return out;
  }

  onEvent(bytes: Uint8Array, _i32: Int32Array, _f64: Float64Array, dv: DataView, offset: number): void {
    const length = dv.getInt32(offset + L.LENGTH_OFFSET, true);
    if (length < 0 || length > L.MAX_PAYLOAD) return;
    const start = offset + L.PAYLOAD_OFFSET;
    try {
      const event = Event.decode(bytes.slice(start, start + length));
      this.#sink.push({ monoNs: dv.getFloat64(offset + L.MONO_NS_OFFSET, true), event });
    } catch {
      // A corrupt slot is a bug upstream; skipping it keeps telemetry flowing.
    }
  }

  /** Events the producer could not queue, since creation. */
  get dropped(): number {
    return loadLong(this.#stats, L.DROPPED_INDEX);
  }
}
