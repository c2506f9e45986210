// Promisified unary gRPC calls on the ts-proto generated clients, with a deadline on every call
// (a control plane that waits forever on a dead peer is worse than one that says so). One copy
// for every caller: automation, the demo, the chaos harness.
import { Metadata } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';

/** The callback form of one generated unary method. */
export type UnaryMethod<Req, Res> = (
  req: Req,
  md: Metadata,
  opts: { deadline: Date },
  cb: (err: ServiceError | null, res: Res) => void,
) => unknown;

export interface UnaryCallOptions {
  readonly timeoutMs: number;
  /** Request metadata, e.g. `{ authorization: 'Bearer …' }`. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Calls `pick(client)` with a deadline of `timeoutMs`; rejects with the ServiceError. */
export function unaryCall<C extends Client, Req, Res>(
  client: C,
  pick: (c: C) => UnaryMethod<Req, Res>,
  req: Req,
  options: UnaryCallOptions,
): Promise<Res> {
  const md = new Metadata();
  for (const [k, v] of Object.entries(options.metadata ?? {})) md.set(k, v);
  return new Promise((resolve, reject) => {
    pick(client).call(client, req, md, { deadline: new Date(Date.now() + options.timeoutMs) }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

/** The gRPC status code and details of an error, or the message of anything else. */
export function describeGrpcError(err: unknown): { code: number | undefined; message: string } {
  const e = err as Partial<ServiceError> | undefined;
  if (e !== undefined && typeof e.code === 'number')
    return { code: e.code, message: e.details ?? e.message ?? '' };
  return { code: undefined, message: err instanceof Error ? err.message : String(err) };
}

/** `gRPC <code>: <details>` of a gRPC error, or the message of anything else (for humans). */
export function grpcErrorText(err: unknown): string {
  const d = describeGrpcError(err);
  return d.code === undefined ? d.message : `gRPC ${d.code}: ${d.message}`;
}
