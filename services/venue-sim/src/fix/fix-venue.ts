/**
 * The FIX 4.4 venue simulator: a TCP listener (127.0.0.1, port 0 by default) whose
 * connections each run a jspurefix acceptor session; orders go to the shared, transport-
 * independent VenueEngine (its own, or one shared with the OUCH acceptor).
 *
 * We own the listening socket rather than jspurefix's TcpAcceptor: port 0 needs the bound
 * port read back, and closing must release every connection and timer so a test process
 * can exit. Each connection gets jspurefix's per-connection session scope (own buffers,
 * own message factory), exactly as its acceptor does.
 */
import * as net from 'node:net';
import {
  DITokens,
  EmptyLogFactory,
  MemorySessionStore,
  MsgTransport,
  SessionContainer,
  TcpDuplex,
  makeSessionScope,
} from './jspurefix.ts';
import type { IFixSessionStore, IJsFixConfig, ISessionDescription, SessionId } from './jspurefix.ts';
import { VenueEngine } from '../venue-engine.ts';
import type { VenueEngineStats } from '../venue-engine.ts';
import { FixEngineBridge } from './fix-engine-bridge.ts';
import type { FixBridgeStats } from './fix-engine-bridge.ts';
import { resolveFixVenueConfig } from './fix-venue-config.ts';
import type { FixStallMode, FixVenueConfig, ResolvedFixVenueConfig } from './fix-venue-config.ts';
import { FixVenueSession } from './fix-venue-session.ts';
import type { FixVenueContext } from './fix-venue-session.ts';

export interface FixVenueStats {
  connections: number;
  droppedInbound: number;
  reportsLost: number;
}

export interface FixVenue {
  readonly host: string;
  readonly port: number;
  readonly config: ResolvedFixVenueConfig;
  readonly engine: VenueEngine;
  readonly stats: Readonly<FixVenueStats>;
  /** Duplicate NewOrderSingles (answered with status, not entered), status requests. */
  readonly bridgeStats: Readonly<FixBridgeStats>;
  engineStats(): VenueEngineStats;
  /** Sessions currently logged on. */
  readonly loggedOn: number;
  /** Changes the stall mode; `none` sends what a `hold` withheld. */
  setStall(mode: FixStallMode): void;
  /** Chaos hook: drops every connection without a logout. */
  dropConnections(): void;
  close(): Promise<void>;
}

interface Live {
  readonly socket: net.Socket;
  readonly session: FixVenueSession;
  running: boolean;
}

class FixVenueServer implements FixVenue, FixVenueContext {
  readonly config: ResolvedFixVenueConfig;
  readonly engine: VenueEngine;
  readonly bridge: FixEngineBridge;
  private readonly ownsEngine: boolean;
  private readonly counts = { connections: 0, droppedInbound: 0, reportsLost: 0 };
  private readonly server: net.Server;
  private readonly live = new Set<Live>();
  private readonly fixConfig: IJsFixConfig;
  private stall: FixStallMode;
  private execIds = 0;

  constructor(
    config: ResolvedFixVenueConfig,
    fixConfig: IJsFixConfig,
    sharedEngine: VenueEngine | undefined,
  ) {
    this.config = config;
    this.stall = config.stall;
    this.fixConfig = fixConfig;
    this.ownsEngine = sharedEngine === undefined;
    this.engine = sharedEngine ?? new VenueEngine(config.engine);
    this.bridge = new FixEngineBridge(this.engine);
    this.server = net.createServer((socket) => this.accept(socket));
  }

  get host(): string {
    return this.config.host;
  }

  get port(): number {
    const a = this.server.address();
    return a !== null && typeof a === 'object' ? a.port : 0;
  }

  get stats(): Readonly<FixVenueStats> {
    // Reports lost at the bridge (no session for the owner) or in a session (held, closing).
    return { ...this.counts, reportsLost: this.counts.reportsLost + this.bridge.stats.reportsLost };
  }

  get bridgeStats(): Readonly<FixBridgeStats> {
    return this.bridge.stats;
  }

  engineStats(): VenueEngineStats {
    return this.engine.stats();
  }

  get loggedOn(): number {
    let n = 0;
    for (const l of this.live) if (l.session.isReady) n++;
    return n;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.config.port, this.config.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  stallMode(): FixStallMode {
    return this.stall;
  }

  nextExecId(): string {
    this.execIds++;
    return 'E' + String(this.execIds);
  }

  onDroppedInbound(): void {
    this.counts.droppedInbound++;
  }

  onReportsLost(count: number): void {
    this.counts.reportsLost += count;
  }

  setStall(mode: FixStallMode): void {
    this.stall = mode;
    if (mode === 'none') for (const l of this.live) l.session.flushHeld();
  }

  dropConnections(): void {
    for (const l of this.live) {
      // Before the socket goes: engine events racing the close event must not 'send' into it.
      l.session.disconnecting();
      l.socket.destroy();
    }
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.dropConnections();
    await closed;
    if (this.ownsEngine) this.engine.close();
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    this.counts.connections++;
    const scoped = makeSessionScope(this.fixConfig);
    const session = new FixVenueSession(scoped, this);
    const live: Live = { socket, session, running: true };
    this.live.add(live);
    socket.on('error', () => {
      // 'close' follows; the session learns of it there.
    });
    socket.once('close', () => {
      this.live.delete(live);
      // jspurefix reacts to a clean 'end' only; stop its heartbeat timer on a reset too.
      if (live.running) session.requestStop('connection closed');
    });
    session
      .run(new MsgTransport(this.counts.connections, scoped, new TcpDuplex(socket)))
      .catch(() => {
        // A dropped connection ends the session with an error: expected, counted by 'close'.
      })
      .finally(() => {
        live.running = false;
        socket.destroy();
      });
  }
}

/**
 * One in-memory session store per SessionId for the life of the venue: with
 * resetSeqNumOnLogon = false, sequence numbers carry over from one connection to the next.
 */
function persistentStores(): { create: (id: SessionId) => IFixSessionStore } {
  const stores = new Map<string, IFixSessionStore>();
  return {
    create: (id: SessionId) => {
      const key = id.toString();
      let store = stores.get(key);
      if (store === undefined) {
        store = new MemorySessionStore(id);
        stores.set(key, store);
      }
      return store;
    },
  };
}

function description(c: ResolvedFixVenueConfig): ISessionDescription {
  // jspurefix's type demands SubIDs, Username and Password; absent fields are not sent.
  const d = {
    application: {
      type: 'acceptor',
      name: 'venue',
      resilient: false,
      reconnectSeconds: 1,
      tcp: { host: c.host, port: c.port },
      protocol: 'ascii',
      dictionary: 'qf44',
    },
    EncryptMethod: 0,
    ResetSeqNumFlag: c.resetSeqNumOnLogon,
    HeartBtInt: c.heartbeatSeconds,
    SenderCompId: c.senderCompId,
    TargetCompID: c.targetCompId,
    BeginString: 'FIX.4.4',
  };
  return d as unknown as ISessionDescription;
}

/** Starts a FIX 4.4 venue; resolves once it listens (read the port from the result). */
export async function startFixVenue(config: FixVenueConfig = {}): Promise<FixVenue> {
  const resolved = resolveFixVenueConfig(config);
  const sessions = new SessionContainer();
  sessions.registerGlobal(new EmptyLogFactory());
  const container = await sessions.makeSystem(description(resolved));
  const fixConfig = container.resolve<IJsFixConfig>(DITokens.IJsFixConfig);
  if (!resolved.resetSeqNumOnLogon) fixConfig.sessionStoreFactory = persistentStores();
  const venue = new FixVenueServer(resolved, fixConfig, config.sharedEngine);
  await venue.listen();
  return venue;
}
