// Public API of @ringside/testkit: fixtures shared by tests (real servers, real data).
export { sharedDataDir, requireSharedData, REPO_ROOT } from './shared-data.ts';
export {
  findNatsServer,
  isNatsServerAvailable,
  natsServerSkipReason,
  startNatsServer,
} from './nats-server.ts';
export type { NatsServerHandle, NatsServerOptions } from './nats-server.ts';
export { startNatsCluster } from './nats-cluster.ts';
export type { NatsClusterHandle, NatsClusterNode, NatsClusterOptions } from './nats-cluster.ts';
