// Messages of the baseline pipeline (plain structured-clone objects, as a Node developer would
// post them between worker_threads). The baseline allocates per event by design.
import type { MessagePort } from 'node:worker_threads';
import type { NaiveItchEvent } from '../ingest/naive-itch-decoder.ts';

export interface BaselineEvent extends NaiveItchEvent {
  /** nowNs() when the socket read that carried this message returned. */
  ingestNs: number;
}

export interface BaselineOrder {
  id: number;
  workerId: number;
  side: string;
  price: number;
  shares: number;
  ingestNs: number;
  enqueuedNs: number;
}

export interface BaselineCompletion {
  id: number;
  status: 'FILLED';
}

export type BaselineWorkerData =
  | { role: 'ingest'; port: number; decisions: MessagePort[] }
  | { role: 'decision'; workerId: number; events: MessagePort; gateway: MessagePort; everyEvents: number }
  | { role: 'gateway'; decisions: MessagePort[] };

/** Conductor → worker. */
export type BaselineControl = { kind: 'mark' } | { kind: 'collect' } | { kind: 'stop' };

/** Worker → conductor. */
export type BaselineReport =
  | { kind: 'ready' }
  | { kind: 'ingest-done'; messagesIn: number; reason: string }
  | {
      kind: 'decision';
      workerId: number;
      events: number;
      orders: number;
      completions: number;
      latenciesNs: number[];
    };
