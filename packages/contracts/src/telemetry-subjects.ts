// NATS subjects of the sidecar's telemetry: `ringside.<host>.<kind>`, one protobuf message type
// per kind (see proto/ringside/telemetry/v1/telemetry.proto).

export const TELEMETRY_KIND = {
  METRICS: 'metrics',
  STATE: 'state',
  EVENTS: 'events',
  TRACES: 'traces',
} as const;

export type TelemetryKind = (typeof TELEMETRY_KIND)[keyof typeof TELEMETRY_KIND];

const KINDS: readonly string[] = Object.values(TELEMETRY_KIND);
const SUBJECT_ROOT = 'ringside';

// A NATS subject token: no separators, wildcards or whitespace.
const HOST_TOKEN = /^[A-Za-z0-9_-]+$/;

export class TelemetrySubjectError extends Error {
  override readonly name = 'TelemetrySubjectError';
}

/** `ringside.<host>.<kind>`; throws TelemetrySubjectError for a host that is not one token. */
export function telemetrySubject(host: string, kind: TelemetryKind): string {
  if (!HOST_TOKEN.test(host)) {
    throw new TelemetrySubjectError(`host ${JSON.stringify(host)} is not a NATS subject token`);
  }
  return `${SUBJECT_ROOT}.${host}.${kind}`;
}

/** Subscription subject for one kind from every host (`ringside.*.<kind>`). */
export function telemetryWildcard(kind: TelemetryKind): string {
  return `${SUBJECT_ROOT}.*.${kind}`;
}

/** Splits a telemetry subject into host and kind, or returns undefined if it is not one. */
export function parseTelemetrySubject(subject: string): { host: string; kind: TelemetryKind } | undefined {
  const parts = subject.split('.');
  if (parts.length !== 3 || parts[0] !== SUBJECT_ROOT) return undefined;
  const [, host, kind] = parts as [string, string, string];
  if (!HOST_TOKEN.test(host) || !KINDS.includes(kind)) return undefined;
  return { host, kind: kind as TelemetryKind };
}
