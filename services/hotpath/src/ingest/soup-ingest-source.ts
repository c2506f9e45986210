// The TCP feed source: a SoupBinTCP session (reconnecting, resuming from the next expected
// sequence) whose messages flow into the SoupIngestHandler. Event-loop driven — socket
// callbacks, not a spinning agent. This class is the control part: session events become
// IngestStatusEvents; the per-message path is the handler's.
import { SoupBinTcpClient } from '@ringside/protocols';
import type { SampleRing } from '@ringside/counters';
import type { TcpSourceConfig } from './ingest-config.ts';
import { IngestTally } from './ingest-counters.ts';
import type { IngestCountersPublisher } from './ingest-counters.ts';
import type { IngestStatusEvent } from './ingest-status.ts';
import type { ItchNormalizer } from './itch-normalizer.ts';
import { SoupIngestHandler } from './soup-ingest-handler.ts';

/** How often the control timer looks for new gaps to report (they are in the ring already). */
const GAP_CHECK_MS = 20;

export class SoupIngestSource {
  readonly handler: SoupIngestHandler;
  readonly client: SoupBinTcpClient;
  /** Resolves with the reason the session ended for good (end of session, rejected, stopped). */
  readonly finished: Promise<string>;
  private readonly normalizer: ItchNormalizer;
  private readonly publisher: IngestCountersPublisher;
  private readonly onStatus: (event: IngestStatusEvent) => void;
  private logins = 0;
  private stopping = false;
  private reportedGaps = 0;
  private timer: NodeJS.Timeout | undefined;
  private finish: (reason: string) => void = () => {};

  constructor(
    config: TcpSourceConfig,
    normalizer: ItchNormalizer,
    publisher: IngestCountersPublisher,
    samples: SampleRing,
    onStatus: (event: IngestStatusEvent) => void,
  ) {
    this.normalizer = normalizer;
    this.publisher = publisher;
    this.onStatus = onStatus;
    this.handler = new SoupIngestHandler(normalizer, publisher, samples, config.firstSequence);
    this.finished = new Promise<string>((resolve) => {
      this.finish = resolve;
    });
    this.client = new SoupBinTcpClient({
      host: config.host,
      port: config.port,
      username: config.username,
      password: config.password,
      session: config.session,
      sequenceNumber: config.firstSequence,
      readBufferBytes: config.readBufferBytes,
      reconnect: true,
      reconnectDelayMs: config.reconnectDelayMs,
      maxReconnectDelayMs: config.maxReconnectDelayMs,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      idleTimeoutMs: config.idleTimeoutMs,
      handler: this.handler,
      name: `ingest ${config.host}:${config.port}`,
      listener: {
        onLoginAccepted: (session, nextSequence) => this.onLogin(session, nextSequence),
        onLoginRejected: (reason) => {
          this.onStatus({ kind: 'login-rejected', reason });
          this.end(`login rejected (${reason})`);
        },
        onEndOfSession: () => {
          this.onStatus({ kind: 'end-of-session' });
          this.end('end of session');
        },
        onDisconnected: (reason, willReconnect) => {
          this.onStatus({ kind: 'disconnected', reason, willReconnect });
          // While stopping, the client may report data that raced the logout as a protocol
          // error; the reason that matters is ours.
          if (!willReconnect) this.end(this.stopping ? 'stopped' : reason);
        },
      },
    });
  }

  start(): void {
    this.timer = setInterval(() => this.reportGaps(), GAP_CHECK_MS);
    this.client.connect();
  }

  /** Logs out and closes; resolves once the socket is gone and everything is published. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.client.close();
    this.end('stopped');
  }

  private onLogin(session: string, nextSequence: number): void {
    this.logins++;
    if (this.logins > 1) this.normalizer.tallies.scalars[IngestTally.RECONNECTS]++;
    this.publisher.flush();
    this.onStatus({ kind: 'connected', session, nextSequence, logins: this.logins });
  }

  private reportGaps(): void {
    const s = this.normalizer.tallies.scalars;
    const gaps = s[IngestTally.GAPS]!;
    if (gaps !== this.reportedGaps) {
      this.reportedGaps = gaps;
      this.onStatus({ kind: 'gap', gaps, gapMessages: s[IngestTally.GAP_MESSAGES]! });
    }
  }

  private end(reason: string): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.reportGaps();
    // Whatever the last read claimed is published by its onReadComplete; this is a safety net.
    this.normalizer.publish();
    this.publisher.flush();
    this.finish(reason);
  }
}
