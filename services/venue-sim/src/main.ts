// venue-sim CLI. stdout carries machine-readable JSON lines for a harness ({"event":"listening",
// "port":N} first, {"event":"closed",...} last); pino logs go to stderr. Bad configuration: a
// clear message on stderr and exit code 2.
//
//   node services/venue-sim/src/main.ts --port 0 --ack-delay fixed:2 --reject-ratio 0.05 --seed 7
//   node services/venue-sim/src/main.ts --ack-delay lognormal:0.5:0.8 --fill-partial 0.3 \
//     --stall-every-ms 10000 --stall-ms 500 --disconnect-every-orders 1000
import { Command, CommanderError } from 'commander';
import { pino } from 'pino';
import { VenueSimError } from './config.ts';
import type { VenueSimConfigInput } from './config.ts';
import { startVenueSim } from './venue-sim.ts';

const EXIT_BAD_CONFIG = 2;

interface CliOptions {
  host: string;
  port: string;
  session: string;
  password?: string;
  seed: string;
  ackDelay: string;
  rejectRatio: string;
  rejectReasons: string;
  duplicateReason: string;
  maxShares: string;
  fillFull: string;
  fillPartial: string;
  partialFraction: string;
  stallEveryMs?: string;
  stallMs?: string;
  disconnectEveryOrders?: string;
  disconnectAtMs?: string;
  heartbeatMs: string;
  idleTimeoutMs: string;
  durationMs?: string;
  logLevel: string;
}

// Strings stay strings until zod judges them: Number('x') is NaN, which the schema rejects.
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

function fail(message: string): never {
  process.stderr.write(`venue-sim: ${message}\n`);
  process.exit(EXIT_BAD_CONFIG);
}

/** fixed:MS | uniform:MIN:MAX | lognormal:MEDIAN:SIGMA[:MAX] */
function parseAckDelay(spec: string): unknown {
  const [kind, ...args] = spec.split(':');
  const a = args.map(Number);
  if (kind === 'fixed' && a.length === 1) return { kind, ms: a[0] };
  if (kind === 'uniform' && a.length === 2) return { kind, minMs: a[0], maxMs: a[1] };
  if (kind === 'lognormal' && (a.length === 2 || a.length === 3))
    return { kind, medianMs: a[0], sigma: a[1], ...(a.length === 3 ? { maxMs: a[2] } : {}) };
  fail(`--ack-delay '${spec}': use fixed:MS, uniform:MIN:MAX or lognormal:MEDIAN:SIGMA[:MAX]`);
}

function toConfig(o: CliOptions): VenueSimConfigInput {
  if ((o.stallEveryMs === undefined) !== (o.stallMs === undefined))
    fail('--stall-every-ms and --stall-ms go together');
  const raw = {
    host: o.host,
    port: num(o.port),
    session: o.session,
    password: o.password,
    heartbeatIntervalMs: num(o.heartbeatMs),
    idleTimeoutMs: num(o.idleTimeoutMs),
    engine: {
      seed: num(o.seed),
      ackDelay: parseAckDelay(o.ackDelay),
      rejectRatio: num(o.rejectRatio),
      rejectReasons: o.rejectReasons.split(',').map((s) => s.trim()),
      duplicateTokenReason: o.duplicateReason,
      maxShares: num(o.maxShares),
      fill: { full: num(o.fillFull), partial: num(o.fillPartial), partialFraction: num(o.partialFraction) },
      stalls:
        o.stallEveryMs === undefined
          ? undefined
          : { everyMs: num(o.stallEveryMs), durationMs: num(o.stallMs) },
    },
    disconnect: {
      everyOrders: num(o.disconnectEveryOrders),
      atMs: o.disconnectAtMs === undefined ? [] : o.disconnectAtMs.split(',').map((s) => Number(s.trim())),
    },
  };
  // Drop undefined keys so schema defaults apply (exactOptionalPropertyTypes on the way in).
  return JSON.parse(JSON.stringify(raw)) as VenueSimConfigInput;
}

function buildProgram(): Command {
  return new Command('venue-sim')
    .description(
      'Simulated venue: OUCH 4.2 over SoupBinTCP with ack delays, rejects, fills, stalls, disconnects',
    )
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--port <port>', 'listen port (0 = any free port)', '0')
    .option('--session <name>', 'SoupBinTCP session name', 'VENUE1')
    .option('--password <password>', 'require this password at login')
    .option('--seed <n>', 'random seed (rejects, fills, delays)', '1')
    .option('--ack-delay <spec>', 'fixed:MS | uniform:MIN:MAX | lognormal:MEDIAN:SIGMA[:MAX]', 'fixed:0')
    .option('--reject-ratio <0..1>', 'fraction of orders rejected at random', '0')
    .option('--reject-reasons <chars>', 'comma-separated reasons for random rejects', 'X,Z,R,H')
    .option('--duplicate-reason <char>', 'reject reason for a duplicate order token', 'O')
    .option('--max-shares <n>', "orders above this size are rejected ('Z')", '1000000')
    .option('--fill-full <0..1>', 'probability an order fills in full at once', '1')
    .option('--fill-partial <0..1>', 'probability an order fills in part at once', '0')
    .option('--partial-fraction <0..1>', 'fraction a partial fill executes', '0.5')
    .option('--stall-every-ms <ms>', 'start a stall window this often')
    .option('--stall-ms <ms>', 'length of each stall window')
    .option('--disconnect-every-orders <n>', 'drop the session that sent every Nth order')
    .option('--disconnect-at-ms <list>', 'drop every session at these times after start (comma-separated)')
    .option('--heartbeat-ms <ms>', 'heartbeat after this much send silence', '1000')
    .option('--idle-timeout-ms <ms>', 'drop a client silent this long', '15000')
    .option('--duration-ms <ms>', 'stop after this long (default: until SIGINT/SIGTERM)')
    .option('--log-level <level>', 'pino log level', 'info')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

function printLine(obj: object): void {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
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
  const durationMs = num(opts.durationMs);
  if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs > 0))
    fail('--duration-ms must be a positive number');
  const logger = pino({ name: 'venue-sim', level: opts.logLevel }, pino.destination(2));
  let handle;
  try {
    handle = await startVenueSim(config, logger);
  } catch (err) {
    if (err instanceof VenueSimError) fail(err.message);
    throw err;
  }
  const h = handle;
  printLine({ event: 'listening', port: h.port, host: h.config.host, session: h.config.session });
  const done = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('signal'));
    process.once('SIGTERM', () => resolve('signal'));
    if (durationMs !== undefined) setTimeout(() => resolve('duration'), durationMs);
  });
  const reason = await done;
  const stats = h.stats();
  await h.close();
  printLine({ event: 'closed', reason, stats });
  process.exit(0);
}

await main();
