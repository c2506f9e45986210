// Public API of @ringside/nats-auth: how services log in to NATS.
export { natsCredentialFields, checkNatsCredentials, natsTarget } from './nats-credentials.ts';
export type { NatsCredentials, NatsTarget } from './nats-credentials.ts';
