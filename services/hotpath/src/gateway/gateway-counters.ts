// The gateway's counters. The conductor allocates them (allocateGatewayCounters, control
// plane) and hands the ids to the worker; the worker tallies in a private Float64Array (a plain
// increment) and copies changed tallies into the shared counters once per duty cycle / socket
// read (flush), like the ingest worker: metrics are at most one batch stale, never blocking.
import { COUNTER_TYPE, USER_COUNTER_TYPE_BASE } from '@ringside/counters';
import type { Counter, CountersManager, CountersReader, CountersWriterView } from '@ringside/counters';

/** Index into the tallies. */
export const GatewayTally = {
  /** NEW orders written to the venue socket. */
  ORDERS_SENT: 0,
  CANCELS_SENT: 1,
  ACK_ACCEPTED: 2,
  ACK_REJECTED: 3,
  ACK_EXECUTED: 4,
  ACK_CANCELED: 5,
  /** TIMEOUT completions (no answer in time). */
  TIMEOUTS: 6,
  /** Answers that arrived after their TIMEOUT (delivered, marked late). */
  LATE_ANSWERS: 7,
  /** UNKNOWN completions (session lost before the answer). */
  UNKNOWN: 8,
  /** UNKNOWN orders whose true state arrived (replayed answer). */
  RECONCILED: 9,
  /** UNKNOWN orders the venue never received (settled LOCAL_REJECT SESSION_DOWN after replay). */
  NOT_DELIVERED: 10,
  /** A completion queue was full: the completion waits in the gateway's backlog (retried). */
  COMPLETION_QUEUE_FULL: 11,
  /** The backlog was full too: the completion is lost (never silent: counted here). */
  COMPLETIONS_LOST: 12,
  COMPLETIONS_WRITTEN: 13,
  /** NEW orders refused with LOCAL_REJECT EXEC_BACKLOG (in-flight limit, socket back-pressure). */
  EXEC_BACKLOG: 14,
  /** Commands refused with LOCAL_REJECT SESSION_DOWN (no session). */
  SESSION_DOWN_REJECTS: 15,
  /** Venue events for orders the table does not hold (another day's token, a bug). */
  UNKNOWN_ORDER_EVENTS: 16,
  /** Order ids already in flight (refused, never sent twice). */
  DUPLICATE_IDS: 17,
  /** Session losses. */
  SESSION_DROPS: 18,
  /** Orders in the in-flight table (a gauge). */
  IN_FLIGHT: 19,
  /** Completions waiting in the backlog (a gauge). */
  BACKLOG: 20,
  /** Order commands read from the decision workers' queues. */
  COMMANDS_IN: 21,
  /** Commands refused as malformed or unsupported (LOCAL_REJECT BAD_ORDER / UNSUPPORTED / UNKNOWN_ORDER). */
  COMMANDS_REFUSED: 22,
  /** The venue refused one of our cancels (the order stayed open; a REJECTED completion told the worker). */
  CANCEL_REJECTS: 23,
} as const;
export const GATEWAY_TALLY_COUNT = 24;

const LABELS: readonly string[] = [
  'orders_sent',
  'cancels_sent',
  'ack_accepted',
  'ack_rejected',
  'ack_executed',
  'ack_canceled',
  'timeouts',
  'late_answers',
  'unknown',
  'reconciled',
  'not_delivered',
  'completion_queue_full',
  'completions_lost',
  'completions_written',
  'exec_backlog',
  'session_down_rejects',
  'unknown_order_events',
  'duplicate_ids',
  'session_drops',
  'in_flight',
  'backlog',
  'commands_in',
  'commands_refused',
  'cancel_rejects',
];

/** Counter type ids, for exporters that group by kind. */
export const GatewayCounterType = {
  SCALAR: USER_COUNTER_TYPE_BASE + 300,
} as const;

function typeOf(i: number): number {
  if (i === GatewayTally.ORDERS_SENT) return COUNTER_TYPE.ORDERS_SENT;
  if (i === GatewayTally.ACK_ACCEPTED) return COUNTER_TYPE.ORDERS_ACKED;
  if (i === GatewayTally.ACK_REJECTED) return COUNTER_TYPE.ORDERS_REJECTED;
  if (i === GatewayTally.COMPLETION_QUEUE_FULL) return COUNTER_TYPE.QUEUE_FULL;
  if (i === GatewayTally.IN_FLIGHT || i === GatewayTally.BACKLOG) return COUNTER_TYPE.GAUGE;
  return GatewayCounterType.SCALAR;
}

/** Counter ids by GatewayTally index (a plain array: travels in workerData). */
export type GatewayCounterIds = readonly number[];

/** Control plane: allocates one counter per tally, labelled `gateway.<name>`. */
export function allocateGatewayCounters(counters: CountersManager): GatewayCounterIds {
  const ids: number[] = [];
  for (let i = 0; i < GATEWAY_TALLY_COUNT; i++)
    ids.push(counters.allocate(`gateway.${LABELS[i]}`, typeOf(i)));
  return ids;
}

export type GatewayCountersSnapshot = Record<string, number>;

/** Control plane: the counters' current values by name. */
export function readGatewayCounters(reader: CountersReader, ids: GatewayCounterIds): GatewayCountersSnapshot {
  const out: GatewayCountersSnapshot = {};
  for (let i = 0; i < GATEWAY_TALLY_COUNT; i++) out[LABELS[i]!] = reader.getCounterValue(ids[i]!);
  return out;
}

/** The worker's private tallies and their copy into the shared counters. */
export class GatewayTallies {
  readonly values = new Float64Array(GATEWAY_TALLY_COUNT);
  private readonly published = new Float64Array(GATEWAY_TALLY_COUNT);
  private readonly counters: Counter[] = [];

  /** `view` null: tallies only (tests, the sink). */
  constructor(view: CountersWriterView | null, ids: GatewayCounterIds | null) {
    if (view !== null && ids !== null) for (const id of ids) this.counters.push(view.counter(id));
  }

  /** Copies changed tallies into the shared counters (one store per changed counter). */
  flush(): void {
    const counters = this.counters;
    const values = this.values;
    const published = this.published;
    for (let i = 0; i < counters.length; i++) {
      if (values[i] !== published[i]) {
        published[i] = values[i]!;
        counters[i]!.set(values[i]!);
      }
    }
  }

  /** Control plane: tallies by name. */
  snapshot(): GatewayCountersSnapshot {
    const out: GatewayCountersSnapshot = {};
    for (let i = 0; i < GATEWAY_TALLY_COUNT; i++) out[LABELS[i]!] = this.values[i]!;
    return out;
  }
}
