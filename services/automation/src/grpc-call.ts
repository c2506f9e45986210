// Promisified unary gRPC calls on ts-proto generated clients, with a deadline on every call
// (a control plane that waits forever on a dead peer is worse than one that says so).
import { Metadata } from '@grpc/grpc-js';
import type { Client, ServiceError } from '@grpc/grpc-js';

type Unary<Req, Res> = (
  req: Req,
  md: Metadata,
  opts: { deadline: Date },
  cb: (err: ServiceError | null, res: Res) => void,
) => unknown;

export function unaryCall<C extends Client, Req, Res>(
  client: C,
  pick: (c: C) => Unary<Req, Res>,
  req: Req,
  options: { timeoutMs: number; metadata?: Record<string, string> },
): Promise<Res> {
  const md = new Metadata();
  for (const [k, v] of Object.entries(options.metadata ?? {})) md.set(k, v);
  return new Promise((resolve, reject) => {
    pick(client).call(client, req, md, { deadline: new Date(Date.now() + options.timeoutMs) }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

/** `CODE: details` of a gRPC error, or the message of anything else (for audit records). */
export function describeError(err: unknown): { code: number | undefined; message: string } {
  const e = err as Partial<ServiceError> | undefined;
  if (e !== undefined && typeof e.code === 'number')
    return { code: e.code, message: e.details ?? e.message ?? '' };
  return { code: undefined, message: err instanceof Error ? err.message : String(err) };
}
