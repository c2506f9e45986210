// Which nats-server a test gets: the Debian binary as a child process (the default, always
// works on the CI image) or testcontainers' NATS module in Docker (issue 6: "where a Docker
// engine exists"). The choice is explicit — an option or RINGSIDE_NATS_BACKEND — because a
// test that silently changed server (version, network path) between machines would be a
// different test. Asking for the container without an engine is a typed error at once, never a
// hang on a socket that nobody answers.
import { execFile } from 'node:child_process';

/** `binary`: Debian nats-server; `container`: Docker via @testcontainers/nats; `auto`: the
 *  container when a Docker engine answers, else the binary. */
export type NatsBackend = 'binary' | 'container' | 'auto';
/** The backend that actually ran. */
export type NatsBackendKind = 'binary' | 'container';

export const NATS_BACKEND_ENV = 'RINGSIDE_NATS_BACKEND';
/** Alpine variant: it has a shell and `kill`, which the container handle's signal() needs. */
export const DEFAULT_NATS_IMAGE = 'nats:2.10-alpine';
/** `docker info` must answer within this; a daemon that does not is as good as absent. */
export const DOCKER_PROBE_TIMEOUT_MS = 3_000;

export const NATS_BACKEND_ERROR_CODE = {
  BAD_BACKEND: 'BAD_BACKEND',
  DOCKER_UNAVAILABLE: 'DOCKER_UNAVAILABLE',
  UNSUPPORTED_OPTION: 'UNSUPPORTED_OPTION',
} as const;
export type NatsBackendErrorCode = (typeof NATS_BACKEND_ERROR_CODE)[keyof typeof NATS_BACKEND_ERROR_CODE];

export class NatsBackendError extends Error {
  override readonly name = 'NatsBackendError';
  readonly code: NatsBackendErrorCode;
  constructor(code: NatsBackendErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export interface DockerProbe {
  readonly available: boolean;
  /** Server version when available; why not (stderr, timeout) otherwise. */
  readonly detail: string;
}

/** Runs `docker info` with a timeout; never throws, never waits longer than `timeoutMs`. */
export function probeDockerEngine(timeoutMs = DOCKER_PROBE_TIMEOUT_MS): Promise<DockerProbe> {
  return new Promise((resolve) => {
    execFile(
      'docker',
      ['info', '--format', '{{.ServerVersion}}'],
      { timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const version = stdout.trim();
        if (error === null && version !== '') resolve({ available: true, detail: `Docker ${version}` });
        else {
          const why =
            error?.killed === true ? `no answer within ${timeoutMs} ms` : stderr.trim() || error?.message;
          resolve({ available: false, detail: `docker info failed: ${why ?? 'empty answer'}` });
        }
      },
    );
  });
}

let cachedProbe: Promise<DockerProbe> | undefined;
/** probeDockerEngine() once per process (every server start would otherwise pay for it). */
export function dockerEngine(): Promise<DockerProbe> {
  cachedProbe ??= probeDockerEngine();
  return cachedProbe;
}

function parseBackend(value: string, from: string): NatsBackend {
  if (value === 'binary' || value === 'container' || value === 'auto') return value;
  throw new NatsBackendError(
    NATS_BACKEND_ERROR_CODE.BAD_BACKEND,
    `${from}=${JSON.stringify(value)}: expected binary, container or auto`,
  );
}

/**
 * The backend to run: the option wins, then $RINGSIDE_NATS_BACKEND, then `binary`. `container`
 * without an engine throws DOCKER_UNAVAILABLE; `auto` without one falls back to the binary.
 * `probe` is injectable so the decision table is testable on any machine.
 */
export async function selectNatsBackend(
  requested: NatsBackend | undefined,
  env: string | undefined = process.env[NATS_BACKEND_ENV],
  probe: () => Promise<DockerProbe> = dockerEngine,
): Promise<NatsBackendKind> {
  const wanted =
    requested !== undefined
      ? parseBackend(requested, 'backend')
      : env !== undefined && env !== ''
        ? parseBackend(env, NATS_BACKEND_ENV)
        : 'binary';
  if (wanted === 'binary') return 'binary';
  const engine = await probe();
  if (engine.available) return 'container';
  if (wanted === 'auto') return 'binary';
  const from = requested !== undefined ? "{ backend: 'container' }" : `${NATS_BACKEND_ENV}=container`;
  throw new NatsBackendError(
    NATS_BACKEND_ERROR_CODE.DOCKER_UNAVAILABLE,
    `${from} but no Docker engine answers (${engine.detail}); unset it to use the nats-server binary`,
  );
}
