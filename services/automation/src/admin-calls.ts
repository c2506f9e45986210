// The admin API calls automation makes on a hot-path host (AdminService over gRPC). The
// approval token from the approvals service rides in metadata (`ringside-approval-token`,
// the exact compact text the hot path verifies byte for byte); the Approval message's fields
// are filled from the approved request for the hot path's own audit.
import { credentials } from '@grpc/grpc-js';
import {
  APPROVAL_METADATA_KEY as APPROVAL_TOKEN_METADATA,
  AdminServiceClient,
  unaryCall,
} from '@ringside/contracts';
import type { Approval } from '@ringside/contracts';

/** The admin API's approval-token metadata key (one definition, in @ringside/contracts). */
export { APPROVAL_METADATA_KEY as APPROVAL_TOKEN_METADATA } from '@ringside/contracts';

const CALL_TIMEOUT_MS = 5_000;

export interface ApprovedToken {
  readonly token: string;
  readonly approval: Approval;
}

export type AdminAction =
  | { readonly rpc: 'IsolateConsumer'; readonly consumerId: number }
  | { readonly rpc: 'DropConsumer'; readonly consumerId: number }
  | { readonly rpc: 'SetShedLevel'; readonly level: number }
  | { readonly rpc: 'Resume' }
  | { readonly rpc: 'RequestRestart' };

/** What the approval is scoped to: the consumer id or level as text, `host` otherwise. */
export function targetOf(a: AdminAction, host: string): string {
  if ('consumerId' in a) return String(a.consumerId);
  if ('level' in a) return String(a.level);
  return host;
}

export class AdminCalls {
  readonly #clients = new Map<string, AdminServiceClient>();
  readonly #addresses: Readonly<Record<string, string>>;
  readonly #roleToken: string;

  constructor(addresses: Readonly<Record<string, string>>, roleToken: string) {
    this.#addresses = addresses;
    this.#roleToken = roleToken;
  }

  hasHost(host: string): boolean {
    return Object.hasOwn(this.#addresses, host);
  }

  #client(host: string): AdminServiceClient {
    let c = this.#clients.get(host);
    if (c === undefined) {
      const address = this.#addresses[host];
      if (address === undefined) throw new Error(`no admin address configured for host ${host}`);
      c = new AdminServiceClient(address, credentials.createInsecure());
      this.#clients.set(host, c);
    }
    return c;
  }

  /** Calls the RPC; resolves to its response as plain JSON-able data, rejects with the gRPC error. */
  async call(
    host: string,
    a: AdminAction,
    requestId: string,
    reason: string,
    approved?: ApprovedToken,
  ): Promise<unknown> {
    const client = this.#client(host);
    const context = { requestId, reason };
    const metadata: Record<string, string> = {};
    if (this.#roleToken !== '') metadata['authorization'] = `Bearer ${this.#roleToken}`;
    if (approved !== undefined) metadata[APPROVAL_TOKEN_METADATA] = approved.token;
    const opts = { timeoutMs: CALL_TIMEOUT_MS, metadata };
    const approval = approved?.approval;
    switch (a.rpc) {
      case 'IsolateConsumer':
        return unaryCall(client, (c) => c.isolateConsumer, { context, consumerId: a.consumerId }, opts);
      case 'DropConsumer':
        return unaryCall(
          client,
          (c) => c.dropConsumer,
          { context, consumerId: a.consumerId, approval },
          opts,
        );
      case 'SetShedLevel':
        return unaryCall(client, (c) => c.setShedLevel, { context, level: a.level, approval }, opts);
      case 'Resume':
        return unaryCall(client, (c) => c.resume, { context, approval }, opts);
      case 'RequestRestart':
        return unaryCall(client, (c) => c.requestRestart, { context, approval }, opts);
    }
  }

  close(): void {
    for (const c of this.#clients.values()) c.close();
    this.#clients.clear();
  }
}
