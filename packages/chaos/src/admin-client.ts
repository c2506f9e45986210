// The hot path as the chaos harness sees it over its gRPC admin API: promise wrappers around the
// generated AdminServiceClient, each call with a deadline, a bearer token and (for high-risk
// calls) an approval token in metadata — exactly what an operator's `ringside admin` sends.
import { randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { APPROVAL_METADATA_KEY, AdminServiceClient, unaryCall } from '@ringside/contracts';
import type {
  ConsumerStatus,
  LatencyReportResponse,
  RequestRestartResponse,
  SetShedLevelResponse,
  SetStrategyParamResponse,
  StatusResponse,
  UnaryMethod,
} from '@ringside/contracts';

const DEADLINE_MS = 5_000;

interface Approval {
  readonly action: string;
  readonly target: string;
  readonly requestId: string;
}

export interface AdminClientOptions {
  /** host:port of the admin server. */
  readonly address: string;
  readonly token: string;
  /** Issues an approval token for a high-risk call (action, target), when the host needs one. */
  readonly approve?: (action: string, target: string, requestId: string) => string;
  /** The host's name: the approval target of host-wide actions (RequestRestart, Resume). */
  readonly host?: string;
}

export class ChaosAdminClient {
  readonly #client: AdminServiceClient;
  readonly #options: AdminClientOptions;

  constructor(options: AdminClientOptions) {
    this.#options = options;
    this.#client = new AdminServiceClient(options.address, credentials.createInsecure());
  }

  #metadata(approval?: Approval): Record<string, string> {
    const md: Record<string, string> = { authorization: `Bearer ${this.#options.token}` };
    if (approval !== undefined && this.#options.approve !== undefined)
      md[APPROVAL_METADATA_KEY] = this.#options.approve(approval.action, approval.target, approval.requestId);
    return md;
  }

  #call<Req, Res>(
    pick: (c: AdminServiceClient) => UnaryMethod<Req, Res>,
    req: Req,
    approval?: Approval,
  ): Promise<Res> {
    return unaryCall(this.#client, pick, req, { timeoutMs: DEADLINE_MS, metadata: this.#metadata(approval) });
  }

  #context(reason: string): { requestId: string; reason: string } {
    return { requestId: randomUUID(), reason };
  }

  status(): Promise<StatusResponse> {
    return this.#call((c) => c.status, {});
  }

  async consumers(): Promise<ConsumerStatus[]> {
    return (await this.#call((c) => c.listConsumers, {})).consumers;
  }

  async isolate(consumerId: number, reason: string): Promise<ConsumerStatus | undefined> {
    return (await this.#call((c) => c.isolateConsumer, { context: this.#context(reason), consumerId }))
      .consumer;
  }

  async readmit(consumerId: number, reason: string): Promise<ConsumerStatus | undefined> {
    const context = this.#context(reason);
    const approval = { action: 'ReadmitConsumer', target: String(consumerId), requestId: context.requestId };
    return (
      await this.#call((c) => c.readmitConsumer, { context, consumerId, approval: undefined }, approval)
    ).consumer;
  }

  async drop(consumerId: number, reason: string): Promise<ConsumerStatus | undefined> {
    const context = this.#context(reason);
    const approval = { action: 'DropConsumer', target: String(consumerId), requestId: context.requestId };
    return (await this.#call((c) => c.dropConsumer, { context, consumerId, approval: undefined }, approval))
      .consumer;
  }

  setShedLevel(level: number, reason: string): Promise<SetShedLevelResponse> {
    const context = this.#context(reason);
    const approval = { action: 'SetShedLevel', target: String(level), requestId: context.requestId };
    return this.#call((c) => c.setShedLevel, { context, level, approval: undefined }, approval);
  }

  requestRestart(reason: string): Promise<RequestRestartResponse> {
    const context = this.#context(reason);
    return this.#call(
      (c) => c.requestRestart,
      { context, approval: undefined },
      {
        action: 'RequestRestart',
        target: this.#options.host ?? '',
        requestId: context.requestId,
      },
    );
  }

  /** SetStrategyParam as an operator sends it (`ringside admin param`): e.g. workNs, stallMs. */
  setStrategyParam(
    workerId: number,
    param: string,
    value: number,
    reason: string,
  ): Promise<SetStrategyParamResponse> {
    return this.#call((c) => c.setStrategyParam, { context: this.#context(reason), workerId, param, value });
  }

  latencyReport(includeEncoded = false): Promise<LatencyReportResponse> {
    return this.#call((c) => c.latencyReport, { includeEncoded });
  }

  close(): void {
    this.#client.close();
  }
}

/** The gRPC status code of a refusal (undefined if `e` is not a gRPC error). */
export function grpcCodeOf(e: unknown): number | undefined {
  const code = (e as Partial<ServiceError> | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}
