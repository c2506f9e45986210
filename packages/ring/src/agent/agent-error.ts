/** Codes of agent setup failures (control plane only; the duty cycle itself never throws). */
export const AgentErrorCode = {
  BAD_IDLE_CONFIG: 'AGENT_BAD_IDLE_CONFIG',
  BAD_OPTION: 'AGENT_BAD_OPTION',
  BAD_BUFFER: 'AGENT_BAD_BUFFER',
  ALREADY_RUN: 'AGENT_ALREADY_RUN',
} as const;

export type AgentErrorCodeValue = (typeof AgentErrorCode)[keyof typeof AgentErrorCode];

export class AgentError extends Error {
  override readonly name = 'AgentError';
  readonly code: AgentErrorCodeValue;

  constructor(code: AgentErrorCodeValue, message: string) {
    super(message);
    this.code = code;
  }
}
