// The hot path's gRPC admin API as the demo drives it: an operator's bearer token, a deadline
// on every call. Status (lifecycle, shed level, consumers), LatencyReport (decision/execution
// and the segments between), IsolateConsumer (the injected fault).
import { randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import { AdminServiceClient } from '@ringside/contracts';
import type { ConsumerStatus, Histogram, IsolateConsumerResponse, StatusResponse } from '@ringside/contracts';
import { unary } from './grpc-unary.ts';

const CALL_TIMEOUT_MS = 3_000;

export class DemoAdminClient {
  readonly address: string;
  readonly #client: AdminServiceClient;
  readonly #auth: Record<string, string>;

  constructor(address: string, token: string) {
    this.address = address;
    this.#client = new AdminServiceClient(address, credentials.createInsecure());
    this.#auth = { authorization: `Bearer ${token}` };
  }

  status(): Promise<StatusResponse> {
    return unary(this.#client, (c) => c.status, {}, CALL_TIMEOUT_MS, this.#auth);
  }

  /** Histograms by name: "decision", "execution" and the segments between. */
  async latency(includeEncoded = false): Promise<Histogram[]> {
    const res = await unary(
      this.#client,
      (c) => c.latencyReport,
      { includeEncoded },
      CALL_TIMEOUT_MS,
      this.#auth,
    );
    return res.segments;
  }

  async consumers(): Promise<ConsumerStatus[]> {
    const res = await unary(this.#client, (c) => c.listConsumers, {}, CALL_TIMEOUT_MS, this.#auth);
    return res.consumers;
  }

  isolate(consumerId: number, reason: string): Promise<IsolateConsumerResponse> {
    return unary(
      this.#client,
      (c) => c.isolateConsumer,
      { context: { requestId: randomUUID(), reason }, consumerId },
      CALL_TIMEOUT_MS,
      this.#auth,
    );
  }

  close(): void {
    this.#client.close();
  }
}
