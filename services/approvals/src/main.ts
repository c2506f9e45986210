// approvals service CLI. stdout carries machine-readable JSON lines for a harness
// ({"event":"listening","port":N,"publicKey":"U..."} first, {"event":"stopped"} last); pino logs
// go to stderr. Bad configuration: a clear message on stderr and exit code 2; NATS unreachable at
// start (or refusing the login): exit code 1. NATS credentials: --nats-user/--nats-pass (or
// --nats-token), defaulting to $RINGSIDE_NATS_USER/$RINGSIDE_NATS_PASS ($RINGSIDE_NATS_TOKEN);
// prefer the environment for the secret, command lines are visible to every local user.
//
//   node services/approvals/src/main.ts --nats-url nats://127.0.0.1:4222 --seed-file approvals.nk \
//     --grpc-port 7443 --two-person DropConsumer,RequestRestart --token-ttl-s 300
import { Command, CommanderError } from 'commander';
import { pino } from 'pino';
import { startApprovalsService } from './approvals-service.ts';
import { parseApprovalsConfig } from './config.ts';
import type { ApprovalsConfig } from './config.ts';
import { ApprovalsError, ApprovalsErrorCode } from './errors.ts';
import { signerFromSeed } from './signer.ts';

const EXIT_BAD_CONFIG = 2;
const EXIT_UNAVAILABLE = 1;

interface CliOptions {
  natsUrl: string;
  natsUser?: string;
  natsPass?: string;
  natsToken?: string;
  grpcHost: string;
  grpcPort: string;
  seedFile?: string;
  twoPerson?: string;
  tokenTtlS: string;
  bucket?: string;
  auditStream?: string;
  logLevel: string;
}

function fail(message: string, code = EXIT_BAD_CONFIG): never {
  process.stderr.write(`approvals: ${message}\n`);
  process.exit(code);
}

/** An environment default for an option; unset or empty = no default (the option is absent). */
function envOrUndefined(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Credentials from the command line if it gives any, else from the environment (never mixed). */
function credentials(o: CliOptions): Record<'natsUser' | 'natsPass' | 'natsToken', string | undefined> {
  if (o.natsUser !== undefined || o.natsPass !== undefined || o.natsToken !== undefined)
    return { natsUser: o.natsUser, natsPass: o.natsPass, natsToken: o.natsToken };
  return {
    natsUser: envOrUndefined('RINGSIDE_NATS_USER'),
    natsPass: envOrUndefined('RINGSIDE_NATS_PASS'),
    natsToken: envOrUndefined('RINGSIDE_NATS_TOKEN'),
  };
}

function toConfig(o: CliOptions): ApprovalsConfig {
  const auth = credentials(o);
  const raw = {
    natsUrl: o.natsUrl,
    natsUser: auth.natsUser,
    natsPass: auth.natsPass,
    natsToken: auth.natsToken,
    grpcHost: o.grpcHost,
    grpcPort: Number(o.grpcPort),
    seedFile: o.seedFile ?? '',
    twoPersonActions: (o.twoPerson ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    tokenTtlMs: Math.round(Number(o.tokenTtlS) * 1000),
    bucket: o.bucket,
    auditStream: o.auditStream,
  };
  try {
    // Drop undefined keys so schema defaults apply (exactOptionalPropertyTypes on the way in).
    return parseApprovalsConfig(JSON.parse(JSON.stringify(raw)));
  } catch (err) {
    if (err instanceof ApprovalsError) fail(err.message);
    throw err;
  }
}

function buildProgram(): Command {
  return (
    new Command('approvals')
      .description('Humans approve high-risk Ringside actions: gRPC API, JetStream KV state, audit stream')
      .option('--nats-url <url>', 'NATS server', process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222')
      // Environment defaults are applied in toConfig, not here: commander would print them in --help.
      .option('--nats-user <user>', 'NATS user, e.g. approvals (default: $RINGSIDE_NATS_USER)')
      .option('--nats-pass <password>', 'NATS password (default: $RINGSIDE_NATS_PASS)')
      .option('--nats-token <token>', 'NATS token instead of a user (default: $RINGSIDE_NATS_TOKEN)')
      .option('--grpc-host <host>', 'gRPC listen address', '127.0.0.1')
      .option('--grpc-port <port>', 'gRPC listen port (0 = any free port)', '0')
      .option('--seed-file <path>', 'nkeys user/account seed that signs approval tokens (required)')
      .option('--two-person <actions>', 'comma-separated actions needing two distinct approvers')
      .option('--token-ttl-s <seconds>', 'approval token lifetime', '300')
      .option('--bucket <name>', 'JetStream KV bucket for requests')
      .option('--audit-stream <name>', 'JetStream stream for the audit log')
      .option('--log-level <level>', 'pino log level', 'info')
      .option('--print-new-seed', 'print a fresh nkeys user seed and its public key, then exit')
      .exitOverride()
      .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  );
}

function printLine(obj: object): void {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

async function printNewSeed(): Promise<void> {
  const { createUser } = await import('@nats-io/nkeys');
  const seed = new TextDecoder().decode(createUser().getSeed());
  printLine({ seed, publicKey: signerFromSeed(seed).getPublicKey() });
}

async function main(): Promise<void> {
  const program = buildProgram();
  try {
    program.parse(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_CONFIG);
    throw err;
  }
  const opts = program.opts<CliOptions & { printNewSeed?: boolean }>();
  if (opts.printNewSeed === true) return printNewSeed();
  const config = toConfig(opts);
  const logger = pino({ name: 'approvals', level: opts.logLevel }, pino.destination(2));
  let handle;
  try {
    handle = await startApprovalsService(config, logger);
  } catch (err) {
    if (err instanceof ApprovalsError && err.code === ApprovalsErrorCode.BAD_CONFIG) fail(err.message);
    if (err instanceof ApprovalsError) fail(err.message, EXIT_UNAVAILABLE);
    throw err;
  }
  const service = handle;
  // Handlers first: a harness may send SIGTERM as soon as it reads the listening line.
  const stopRequested = new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  printLine({ event: 'listening', port: handle.port, host: config.grpcHost, publicKey: handle.publicKey });
  await stopRequested;
  await service.close();
  printLine({ event: 'stopped' });
}

await main();
