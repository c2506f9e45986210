// Typed control-plane errors of the admin server, one code per gRPC status code (one-to-one, so
// a caller can tell every refusal apart without parsing messages).
import { status } from '@grpc/grpc-js';

export const AdminErrorCode = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  FAILED_PRECONDITION: 'FAILED_PRECONDITION',
  UNIMPLEMENTED: 'UNIMPLEMENTED',
  INTERNAL: 'INTERNAL',
  BAD_CONFIG: 'BAD_CONFIG',
} as const;
export type AdminErrorCodeValue = (typeof AdminErrorCode)[keyof typeof AdminErrorCode];

export class AdminError extends Error {
  override readonly name = 'AdminError';
  readonly code: AdminErrorCodeValue;
  constructor(code: AdminErrorCodeValue, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

const GRPC_STATUS: Readonly<Record<AdminErrorCodeValue, status>> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  UNAUTHENTICATED: status.UNAUTHENTICATED,
  PERMISSION_DENIED: status.PERMISSION_DENIED,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  UNIMPLEMENTED: status.UNIMPLEMENTED,
  INTERNAL: status.INTERNAL,
  // Never sent: configuration errors are thrown at startup.
  BAD_CONFIG: status.INTERNAL,
};

/** The gRPC error for anything a handler threw; unexpected errors become INTERNAL, unexplained. */
export function grpcErrorOf(err: unknown): { code: status; details: string } {
  if (err instanceof AdminError) return { code: GRPC_STATUS[err.code], details: err.message };
  return { code: status.INTERNAL, details: 'internal error' };
}
