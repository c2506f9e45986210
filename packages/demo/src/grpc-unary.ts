// The demo's gRPC calls: the one promisified unary helper in @ringside/contracts, with the
// timeout and metadata as plain arguments.
import type { Client } from '@grpc/grpc-js';
import { grpcErrorText, unaryCall } from '@ringside/contracts';
import type { UnaryMethod } from '@ringside/contracts';

export function unary<C extends Client, Req, Res>(
  client: C,
  pick: (c: C) => UnaryMethod<Req, Res>,
  req: Req,
  timeoutMs: number,
  metadata: Readonly<Record<string, string>> = {},
): Promise<Res> {
  return unaryCall(client, pick, req, { timeoutMs, metadata });
}

/** `gRPC <code>: <details>` of a gRPC error, or the message of anything else. */
export const errorText = grpcErrorText;
