// feed-sim: a SoupBinTCP server streaming ITCH 5.0 from a file or the synthetic book to any
// number of clients. Clients are replayed from their requested sequence number out of the
// server's retained store, then follow live; heartbeats both ways; End of Session when the
// source is done (configurable).
import { SoupBinTcpServer, silentSoupLogger } from '@ringside/protocols';
import type { SoupLogger, SoupServerStats } from '@ringside/protocols';
import { SyntheticBookSource } from '@ringside/marketgen';
import type { FeedSource } from '@ringside/marketgen';
import { parseFeedSimConfig } from './config.ts';
import type { FeedSimConfig, FeedSimConfigInput } from './config.ts';
import { FeedPacer } from './feed-pacer.ts';
import type { FinishReason } from './feed-pacer.ts';
import { FileFeedSource } from './file-source.ts';

export interface FeedSimStats {
  state: 'waiting' | 'streaming' | 'finished';
  finishReason: FinishReason | undefined;
  /** Messages published into the SoupBinTCP stream (sequence numbers 1..published). */
  published: number;
  elapsedMs: number;
  /** published / elapsed streaming time, messages per second. */
  achievedRate: number;
  /** Configured base rate (rate pacing), for comparison. */
  configuredRate: number | undefined;
  burstWindows: number;
  /** Sub-millisecond sleeps between paced batches (published / shortSleeps ≈ batch size). */
  shortSleeps: number;
  /** Messages per ITCH type letter. */
  byType: Record<string, number>;
  server: SoupServerStats;
}

export interface FeedSimHandle {
  readonly port: number;
  readonly session: string;
  readonly config: FeedSimConfig;
  stats(): FeedSimStats;
  /** Resolves once the source is done (End of Session queued to clients, when configured). */
  readonly finished: Promise<FeedSimStats>;
  /** Waits until no client is connected (after End of Session); false on timeout. */
  waitForClientsGone(timeoutMs: number): Promise<boolean>;
  /** Stops streaming, closes every connection and the listener. */
  close(): Promise<void>;
}

/** A session name unique per start ('F' + base-36 milliseconds), so clients see a restart. */
function defaultSession(): string {
  return `F${Date.now().toString(36).toUpperCase()}`.slice(0, 10);
}

function openSource(config: FeedSimConfig): FeedSource {
  const s = config.source;
  if (s.kind === 'file') return new FileFeedSource(s.path);
  return new SyntheticBookSource({
    symbols: s.symbols,
    seed: s.seed,
    depth: s.depth,
    startPrice: s.startPrice,
  });
}

export async function startFeedSim(
  input: FeedSimConfigInput,
  logger: SoupLogger = silentSoupLogger,
): Promise<FeedSimHandle> {
  const config = parseFeedSimConfig(input);
  const source = openSource(config);
  const session = config.session ?? defaultSession();
  const { username, password } = config;
  // The pacer publishes into the server below (called only after start, never before).
  const pacer: FeedPacer = new FeedPacer(source, (b, o, l) => server.publish(b, o, l), config, logger);
  const server = new SoupBinTcpServer(
    {
      host: config.host,
      port: config.port,
      session,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      idleTimeoutMs: config.idleTimeoutMs,
      store: config.store,
      name: 'feed-sim',
      ...(username !== undefined && password !== undefined
        ? { authenticate: (u: string, p: string) => u === username && p === password }
        : {}),
      onLogin: () => {
        if (config.startOn === 'first-login') pacer.start();
      },
    },
    logger,
  );
  const port = await server.listen();
  if (config.startOn === 'listen') pacer.start();

  const p = pacer;
  const stats = (): FeedSimStats => {
    const byType: Record<string, number> = {};
    for (let t = 0; t < 256; t++) {
      const n = p.byType[t]!;
      if (n > 0) byType[String.fromCharCode(t)] = n;
    }
    return {
      state: p.finishReason !== undefined ? 'finished' : p.running ? 'streaming' : 'waiting',
      finishReason: p.finishReason,
      published: p.published,
      elapsedMs: p.elapsedMs(),
      achievedRate: p.achievedRate(),
      configuredRate: config.pacing.mode === 'rate' ? config.pacing.messagesPerSecond : undefined,
      burstWindows: p.burstWindows,
      shortSleeps: p.shortSleeps,
      byType,
      server: server.stats(),
    };
  };
  const finished = p.done.then((reason) => {
    if (config.endOfSession && reason !== 'stopped') server.endSession();
    return stats();
  });
  let closing: Promise<void> | undefined;
  return {
    port,
    session,
    config,
    stats,
    finished,
    waitForClientsGone: (timeoutMs) => server.waitForSessionsClosed(timeoutMs),
    close: () => {
      closing ??= (async () => {
        p.stop();
        await server.close();
      })();
      return closing;
    },
  };
}
