// feed-sim CLI. stdout carries machine-readable JSON lines for a harness ({"event":"listening",
// "port":N} first, {"event":"finished",...} last); pino logs go to stderr. Bad configuration:
// a clear message on stderr and exit code 2.
//
//   node services/feed-sim/src/main.ts --port 0 --file AMZN.itch --rate 50000
//   node services/feed-sim/src/main.ts --synthetic --symbols AAPL,MSFT --rate 20000 \
//     --burst-multiplier 10 --burst-ms 200 --burst-every-ms 5000 --duration 60
import { Command, CommanderError, Option } from 'commander';
import { pino } from 'pino';
import { FeedSimError, FeedSimErrorCode, parseFeedSimConfig } from './config.ts';
import type { FeedSimConfig } from './config.ts';
import { startFeedSim } from './feed-sim.ts';
import type { FeedSimHandle } from './feed-sim.ts';

const EXIT_BAD_CONFIG = 2;

interface CliOptions {
  host: string;
  port: string;
  session?: string;
  username?: string;
  password?: string;
  file?: string;
  synthetic?: boolean;
  symbols: string;
  seed?: string;
  depth?: string;
  startPrice?: string;
  pace?: string;
  rate?: string;
  speed?: string;
  paceQuantumUs?: string;
  burstMultiplier?: string;
  burstMs?: string;
  burstEveryMs?: string;
  duration?: string;
  maxMessages?: string;
  startOn: string;
  endOfSession: boolean;
  heartbeatMs: string;
  idleTimeoutMs: string;
  storeMb: string;
  storeMessages: string;
  lingerMs: string;
  serveUntilSignal?: boolean;
  logLevel: string;
}

// Strings stay strings until zod judges them: Number('x') is NaN, which the schema rejects.
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

function fail(message: string): never {
  process.stderr.write(`feed-sim: ${message}\n`);
  process.exit(EXIT_BAD_CONFIG);
}

function toConfig(o: CliOptions): FeedSimConfig {
  if ((o.file === undefined) === (o.synthetic !== true))
    fail('choose exactly one source: --file <path> or --synthetic');
  const pace = o.pace ?? (o.rate !== undefined ? 'rate' : o.speed !== undefined ? 'timestamps' : 'max');
  const pacing =
    pace === 'rate'
      ? { mode: 'rate', messagesPerSecond: num(o.rate) }
      : pace === 'timestamps'
        ? { mode: 'timestamps', speed: num(o.speed ?? '1') }
        : { mode: pace };
  const burstGiven = [o.burstMultiplier, o.burstMs, o.burstEveryMs].some((v) => v !== undefined);
  const durationSeconds = num(o.duration);
  const raw = {
    host: o.host,
    port: num(o.port),
    session: o.session,
    username: o.username,
    password: o.password,
    source:
      o.file !== undefined
        ? { kind: 'file', path: o.file }
        : {
            kind: 'synthetic',
            symbols: o.symbols.split(',').map((s) => s.trim()),
            seed: num(o.seed),
            depth: num(o.depth),
            startPrice: num(o.startPrice),
          },
    pacing,
    paceQuantumUs: num(o.paceQuantumUs),
    burst: burstGiven
      ? {
          multiplier: num(o.burstMultiplier ?? '10'),
          durationMs: num(o.burstMs ?? '200'),
          everyMs: num(o.burstEveryMs ?? '5000'),
        }
      : undefined,
    durationMs: durationSeconds === undefined ? undefined : Math.round(durationSeconds * 1000),
    maxMessages: num(o.maxMessages),
    startOn: o.startOn,
    endOfSession: o.endOfSession,
    heartbeatIntervalMs: num(o.heartbeatMs),
    idleTimeoutMs: num(o.idleTimeoutMs),
    store: {
      capacityBytes: Math.round((num(o.storeMb) ?? NaN) * 1024 * 1024),
      capacityMessages: num(o.storeMessages),
    },
  };
  // Drop undefined keys so schema defaults apply (exactOptionalPropertyTypes on the way in).
  const clean = JSON.parse(JSON.stringify(raw)) as unknown;
  try {
    return parseFeedSimConfig(clean);
  } catch (err) {
    if (err instanceof FeedSimError) fail(err.message);
    throw err;
  }
}

function buildProgram(): Command {
  return new Command('feed-sim')
    .description('SoupBinTCP server streaming ITCH 5.0 from a NASDAQ-framed file or a synthetic book')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--port <port>', 'listen port (0 = any free port)', '0')
    .option('--session <name>', 'SoupBinTCP session name (default: unique per start)')
    .option('--username <user>', 'require this username (with --password)')
    .option('--password <password>', 'require this password')
    .option('--file <path>', 'NASDAQ-framed ITCH 5.0 file to replay')
    .option('--synthetic', 'generate a synthetic book instead of replaying a file')
    .option('--symbols <list>', 'synthetic: comma-separated symbols', 'AAPL,MSFT,AMZN')
    .option('--seed <n>', 'synthetic: random seed')
    .option('--depth <n>', 'synthetic: resting orders per symbol and side')
    .option('--start-price <dollars>', 'synthetic: starting mid price')
    .addOption(
      new Option(
        '--pace <mode>',
        'pacing (default: rate with --rate, timestamps with --speed, else max)',
      ).choices(['max', 'rate', 'timestamps']),
    )
    .option('--rate <msgPerSec>', 'messages per second (pace rate)')
    .option('--speed <factor>', 'original timestamps, time scaled (pace timestamps; 1 = real time)')
    .option(
      '--pace-quantum-us <us>',
      'shortest wait between paced batches; under 1000 = sub-millisecond sleeps (default 100)',
    )
    .option('--burst-multiplier <x>', 'rate multiplier during bursts (default 10)')
    .option('--burst-ms <ms>', 'burst length (default 200)')
    .option('--burst-every-ms <ms>', 'burst period (default 5000)')
    .option('--duration <seconds>', 'stop after this long')
    .option('--max-messages <n>', 'stop after this many messages')
    .addOption(
      new Option('--start-on <when>', 'start streaming at')
        .choices(['listen', 'first-login'])
        .default('listen'),
    )
    .option('--no-end-of-session', 'do not send End of Session when the source is done')
    .option('--heartbeat-ms <ms>', 'heartbeat after this much send silence', '1000')
    .option('--idle-timeout-ms <ms>', 'drop a client silent this long', '15000')
    .option('--store-mb <MiB>', 'retained message store size', '64')
    .option('--store-messages <n>', 'retained message store count', String(2 * 1024 * 1024))
    .option('--linger-ms <ms>', 'after the source ends, wait this long for clients to drain', '10000')
    .option(
      '--serve-until-signal',
      'after the source ends, keep serving (late clients get the replay) until SIGINT/SIGTERM',
    )
    .option('--log-level <level>', 'pino log level', 'info')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

function printLine(obj: object): void {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

async function run(handle: FeedSimHandle, lingerMs: number, untilSignal: boolean): Promise<void> {
  let signalled = false;
  let onSignalled: () => void = () => {};
  const signal = new Promise<void>((resolve) => (onSignalled = resolve));
  const onSignal = (): void => {
    signalled = true;
    onSignalled();
    void handle.close();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // close() from a signal stops the pacer, which settles `finished` too.
  const stats = await handle.finished;
  if (untilSignal) await signal;
  else if (!signalled && handle.config.endOfSession) await handle.waitForClientsGone(lingerMs);
  else if (!signalled) await new Promise((r) => setTimeout(r, lingerMs));
  const final = handle.stats();
  const cpu = process.cpuUsage();
  await handle.close();
  printLine({
    event: 'finished',
    reason: signalled ? 'signal' : stats.finishReason,
    published: final.published,
    elapsedMs: Math.round(stats.elapsedMs),
    achievedRate: Math.round(stats.achievedRate),
    configuredRate: stats.configuredRate,
    burstWindows: stats.burstWindows,
    shortSleeps: stats.shortSleeps,
    /** CPU the whole process used (user + system), ms: what the pacing costs. */
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    byType: stats.byType,
    clients: { logins: final.server.loginsAccepted, rejected: final.server.loginsRejected },
    anomalies: final.server.anomalies,
  });
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    program.parse(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_CONFIG);
    throw err;
  }
  const opts = program.opts<CliOptions>();
  const config = toConfig(opts);
  const lingerMs = Number(opts.lingerMs);
  if (!Number.isFinite(lingerMs) || lingerMs < 0) fail('--linger-ms must be a non-negative number');
  const logger = pino({ name: 'feed-sim', level: opts.logLevel }, pino.destination(2));
  let handle: FeedSimHandle;
  try {
    handle = await startFeedSim(config, logger);
  } catch (err) {
    if (err instanceof FeedSimError && err.code === FeedSimErrorCode.SOURCE) fail(err.message);
    throw err;
  }
  printLine({ event: 'listening', port: handle.port, host: config.host, session: handle.session });
  await run(handle, lingerMs, opts.serveUntilSignal === true);
}

await main();
