// Lifecycle states of SoupBinTcpClient.
export const SoupClientState = {
  IDLE: 0,
  CONNECTING: 1,
  LOGGING_IN: 2,
  LOGGED_IN: 3,
  WAITING_TO_RECONNECT: 4,
  /** Server sent End of Session: no reconnect. */
  ENDED: 5,
  /** Server rejected the login: no reconnect. */
  REJECTED: 6,
  /** close() was called. */
  CLOSED: 7,
} as const;
export type SoupClientState = (typeof SoupClientState)[keyof typeof SoupClientState];
