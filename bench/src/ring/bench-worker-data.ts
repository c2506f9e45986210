/** What the orchestrator sends each bench worker, and what the worker reports back. */
import type { MessagePort } from 'node:worker_threads';

export type Contender = 'broadcast' | 'spsc' | 'ringbuf' | 'message-port' | 'stall';
export type Role = 'producer' | 'consumer';
export type Mode = 'throughput' | 'latency';

export interface BenchWorkerData {
  readonly contender: Contender;
  readonly role: Role;
  readonly mode: Mode;
  readonly ctrl: SharedArrayBuffer;
  /** The ring / queue buffer (in-memory contenders); `rings[1]` is the stall test's second ring. */
  readonly rings: readonly SharedArrayBuffer[];
  /** MessagePort contender: this side's end of the channel. */
  readonly port?: MessagePort;
  /** Consumers in the scenario, and this consumer's index. */
  readonly consumers: number;
  readonly index: number;
  readonly warmup: number;
  /** Measured events, split into `trials` segments (throughput mode; latency mode uses 1). */
  readonly events: number;
  readonly trials: number;
  /** Throughput mode: events per publish / flush / push (latency mode publishes each event). */
  readonly publishBatch: number;
  /** Latency mode: events per second. */
  readonly rate: number;
  /** Consumers: park between bursts instead of spinning (fan-out on 2 cores). */
  readonly park: boolean;
  /** Stall test: rounds × batches per ring. */
  readonly rounds: number;
  readonly batchesPerRound: number;
  readonly deadlineNs: number;
}

export interface LatencySamples {
  /** One-way latencies in ns, `count` of them (transferred, not copied). */
  readonly samples: Float64Array;
  readonly count: number;
}

export interface WorkerReport {
  readonly role: Role;
  readonly index: number;
  /** Producer: nowNs() at each measured segment's start. Consumer: when it had each segment. */
  readonly stampsNs: readonly number[];
  /** Producer: published; consumer: received (measured part only). */
  readonly events: number;
  /** Consumer: events it lost (BroadcastRing only; the SPSC contenders cannot lose). */
  readonly lost: number;
  readonly gcEvents: number;
  readonly timedOut: boolean;
  /** A checksum of what was read, so no loop can be optimised away (printed, not checked). */
  readonly check: number;
  readonly latency?: LatencySamples;
  /** Stall test: per-batch publish cost with a stalled consumer attached, and with none. */
  readonly stalled?: LatencySamples;
  readonly unstalled?: LatencySamples;
}
