// Typed errors of the hot-path host (control plane). A bad config names every offending field
// by its path in the config file, so an operator fixes them all in one go.
export const HostErrorCode = {
  BAD_CONFIG: 'HOST_BAD_CONFIG',
  /** The config file cannot be read or is not JSON. */
  CONFIG_UNREADABLE: 'HOST_CONFIG_UNREADABLE',
  /** A piece (worker, venue session, admin server) did not come up. */
  START_FAILED: 'HOST_START_FAILED',
  /** stop() called twice, or a call on a stopped host. */
  STOPPED: 'HOST_STOPPED',
} as const;

export type HostErrorCodeValue = (typeof HostErrorCode)[keyof typeof HostErrorCode];

/** One bad field: its path in the config ("decision.workers") and what is wrong with it. */
export interface HostConfigIssue {
  readonly path: string;
  readonly message: string;
}

export class HostError extends Error {
  override readonly name: string = 'HostError';
  readonly code: HostErrorCodeValue;

  constructor(code: HostErrorCodeValue, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export class HostConfigError extends HostError {
  override readonly name = 'HostConfigError';
  readonly issues: readonly HostConfigIssue[];

  constructor(issues: readonly HostConfigIssue[], source = 'hotpath config') {
    super(
      HostErrorCode.BAD_CONFIG,
      `invalid ${source}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
    this.issues = issues;
  }
}
