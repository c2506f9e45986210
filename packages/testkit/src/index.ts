// Public API of @ringside/testkit: fixtures shared by tests (real servers, real data).
export { sharedDataDir, requireSharedData, REPO_ROOT } from './shared-data.ts';
export {
  findNatsServer,
  isNatsServerAvailable,
  natsServerSkipReason,
  startNatsServer,
} from './nats-server.ts';
export type { NatsServerHandle, NatsServerOptions } from './nats-server.ts';
export {
  DEFAULT_NATS_IMAGE,
  DOCKER_PROBE_TIMEOUT_MS,
  NATS_BACKEND_ENV,
  NATS_BACKEND_ERROR_CODE,
  NatsBackendError,
  dockerEngine,
  probeDockerEngine,
  selectNatsBackend,
} from './nats-backend.ts';
export type { DockerProbe, NatsBackend, NatsBackendErrorCode, NatsBackendKind } from './nats-backend.ts';
export { startNatsCluster } from './nats-cluster.ts';
export type { NatsClusterHandle, NatsClusterNode, NatsClusterOptions } from './nats-cluster.ts';
export { createTwoHostTopology, netnsSkipReason, NetnsError } from './netns-topology.ts';
export type { NetnsHost, TwoHostTopology } from './netns-topology.ts';
