// A real nats-server cluster (N processes on loopback) for tests of failover: JetStream
// replicas, leader election after a SIGKILL, a node coming back and catching up. Each node is a
// startNatsServer() process with its own temp dir (so its own JetStream store), a unique
// server_name and explicit routes to every other node. Cluster and monitoring ports are fixed
// at start so a restarted node comes back where its peers' routes point; the client port is
// picked by the server once and kept across restarts (see nats-server.ts).
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startNatsServer } from './nats-server.ts';
import type { NatsServerHandle } from './nats-server.ts';

export interface NatsClusterOptions {
  /** JetStream on every node, each with its own store dir. */
  readonly jetstream?: boolean;
  /** `cluster.name`; default `ringside-test`. */
  readonly name?: string;
  /** Extra config appended to every node's config file (limits, accounts ...). */
  readonly config?: string;
  /** How long start() and restart() wait for routes (and a JetStream meta leader). Default 20 s. */
  readonly readyTimeoutMs?: number;
  /** Binary to run; default: findNatsServer(). */
  readonly binary?: string;
}

/** One node. restart() waits until the node has rejoined the cluster. */
export interface NatsClusterNode {
  readonly index: number;
  /** `server_name`, as JetStream reports it in stream/leader info. */
  readonly serverName: string;
  readonly url: string;
  readonly running: boolean;
  readonly server: NatsServerHandle;
  /** Default SIGKILL (a crash); keeps the store. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start again on the same ports and store, then wait until routed (and JetStream-ready). */
  restart(): Promise<void>;
}

export interface NatsClusterHandle extends AsyncDisposable {
  /** Client URLs of every node, in node order (stable across restarts). */
  readonly urls: readonly string[];
  readonly size: number;
  node(index: number): NatsClusterNode;
  /** The node whose server_name is `serverName` (e.g. a stream leader), or undefined. */
  nodeByName(serverName: string): NatsClusterNode | undefined;
  /** Waits until every running node is routed to every other running one (and, with
   *  JetStream, sees a meta leader). Throws after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** Stops every node and removes their dirs. Idempotent. */
  stop(): Promise<void>;
}

const POLL_MS = 50;

function listenFree(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// Free loopback ports, held open together so they are distinct, then released for nats-server.
// Another process could take one in between; startNatsServer then fails loudly (address in use).
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await listenFree());
    return servers.map((s) => {
      const a = s.address();
      if (a === null || typeof a === 'string') throw new Error('no port for a loopback listener');
      return a.port;
    });
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

interface Routez {
  readonly num_routes?: number;
}
interface Jsz {
  readonly meta_cluster?: { readonly leader?: string };
}

async function monitor<T>(port: number, endpoint: string): Promise<T | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/${endpoint}`, { signal: AbortSignal.timeout(1_000) });
    return res.ok ? ((await res.json()) as T) : undefined;
  } catch {
    return undefined; // not up yet, or just killed
  }
}

class ClusterNode implements NatsClusterNode {
  readonly index: number;
  readonly serverName: string;
  readonly server: NatsServerHandle;
  readonly monitorPort: number;
  readonly #cluster: NatsCluster;

  constructor(
    cluster: NatsCluster,
    index: number,
    serverName: string,
    server: NatsServerHandle,
    monitorPort: number,
  ) {
    this.#cluster = cluster;
    this.index = index;
    this.serverName = serverName;
    this.server = server;
    this.monitorPort = monitorPort;
  }
  get url(): string {
    return this.server.url;
  }
  get running(): boolean {
    return this.server.running;
  }
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return this.server.kill(signal);
  }
  async restart(): Promise<void> {
    await this.server.restart();
    await this.#cluster.ready();
  }
}

class NatsCluster implements NatsClusterHandle {
  readonly #nodes: ClusterNode[] = [];
  readonly #jetstream: boolean;
  readonly #readyTimeoutMs: number;
  #stopped: Promise<void> | undefined;

  constructor(jetstream: boolean, readyTimeoutMs: number) {
    this.#jetstream = jetstream;
    this.#readyTimeoutMs = readyTimeoutMs;
  }

  add(node: ClusterNode): void {
    this.#nodes.push(node);
  }
  get size(): number {
    return this.#nodes.length;
  }
  get urls(): readonly string[] {
    return this.#nodes.map((n) => n.url);
  }
  node(index: number): NatsClusterNode {
    const n = this.#nodes[index];
    if (n === undefined) throw new RangeError(`no node ${index} in a cluster of ${this.#nodes.length}`);
    return n;
  }
  nodeByName(serverName: string): NatsClusterNode | undefined {
    return this.#nodes.find((n) => n.serverName === serverName);
  }

  async ready(timeoutMs = this.#readyTimeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let why = '';
    while (Date.now() < deadline) {
      why = await this.#notReadyReason();
      if (why === '') return;
      await sleep(POLL_MS);
    }
    const logs = this.#nodes.map((n) => `--- ${n.serverName}\n${n.server.logs().slice(-2_000)}`).join('\n');
    throw new Error(`nats cluster not ready within ${timeoutMs} ms: ${why}\n${logs}`);
  }

  async #notReadyReason(): Promise<string> {
    const running = this.#nodes.filter((n) => n.running);
    for (const n of running) {
      const routez = await monitor<Routez>(n.monitorPort, 'routez');
      const routes = routez?.num_routes ?? -1;
      if (routes < running.length - 1) return `${n.serverName} has ${routes} routes`;
      if (this.#jetstream) {
        const leader = (await monitor<Jsz>(n.monitorPort, 'jsz'))?.meta_cluster?.leader ?? '';
        if (leader === '') return `${n.serverName} sees no JetStream meta leader`;
      }
    }
    return '';
  }

  stop(): Promise<void> {
    this.#stopped ??= Promise.all(this.#nodes.map((n) => n.server.stop())).then(() => undefined);
    return this.#stopped;
  }
  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

/**
 * Starts `size` nats-server processes on 127.0.0.1 forming one cluster (full mesh of explicit
 * routes) and waits until they are routed and, with JetStream, have elected a meta leader.
 * Throws (after stopping what it started) if they do not.
 */
export async function startNatsCluster(
  size: number,
  options: NatsClusterOptions = {},
): Promise<NatsClusterHandle> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`cluster size must be >= 1, got ${size}`);
  const name = options.name ?? 'ringside-test';
  const ports = await freePorts(2 * size);
  const clusterPorts = ports.slice(0, size);
  const monitorPorts = ports.slice(size);
  const cluster = new NatsCluster(options.jetstream === true, options.readyTimeoutMs ?? 20_000);
  const starting = clusterPorts.map((port, i) => {
    const serverName = `${name}-n${i}`;
    const routes = clusterPorts.filter((_, j) => j !== i).map((p) => `"nats-route://127.0.0.1:${p}"`);
    const config = [
      `http: "127.0.0.1:${monitorPorts[i]}"`,
      `cluster {`,
      `  name: "${name}"`,
      `  listen: "127.0.0.1:${port}"`,
      `  routes: [${routes.join(', ')}]`,
      `}`,
      options.config ?? '',
    ].join('\n');
    return startNatsServer({
      backend: 'binary', // fixed loopback routes between host processes
      jetstream: options.jetstream === true,
      serverName,
      config,
      ...(options.binary === undefined ? {} : { binary: options.binary }),
    }).then((server) => ({ server, serverName, monitorPort: monitorPorts[i] ?? -1 }));
  });
  const results = await Promise.allSettled(starting);
  results.forEach((r, i) => {
    if (r.status === 'fulfilled')
      cluster.add(new ClusterNode(cluster, i, r.value.serverName, r.value.server, r.value.monitorPort));
  });
  const failed = results.find((r) => r.status === 'rejected');
  try {
    if (failed !== undefined) throw failed.reason;
    await cluster.ready();
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}
