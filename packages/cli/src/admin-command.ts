// `ringside admin status|consumers|isolate|readmit|drop|shed|halt|resume|restart|latency|param`: a gRPC
// client of one hot path's admin server (services/hotpath/src/admin), as an operator drives it.
// Readable tables by default; --json prints the reply as one JSON object (proto3 JSON: camelCase
// names, enum names, zero values omitted — e.g. `jq '.consumers[] | .lag // 0'`).
// Every call carries `authorization: Bearer <token>`; high-risk calls also carry the approval
// token (from `ringside approvals approve`) in metadata `ringside-approval-token`.
// Exit codes, so scripts can tell refusals apart without parsing messages:
//   0 ok, 2 bad arguments (local validation or INVALID_ARGUMENT), 3 UNAUTHENTICATED or
//   PERMISSION_DENIED, 4 NOT_FOUND, 5 FAILED_PRECONDITION, 1 anything else.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Metadata, credentials, status as grpcStatus } from '@grpc/grpc-js';
import type { ChannelCredentials, ServiceError } from '@grpc/grpc-js';
import {
  APPROVAL_METADATA_KEY,
  AdminServiceClient,
  DropConsumerRequest,
  DropConsumerResponse,
  HaltResponse,
  IsolateConsumerResponse,
  LatencyReportResponse,
  ListConsumersResponse,
  ReadmitConsumerRequest,
  ReadmitConsumerResponse,
  RequestRestartRequest,
  RequestRestartResponse,
  ResumeRequest,
  ResumeResponse,
  SetShedLevelRequest,
  SetShedLevelResponse,
  SetStrategyParamResponse,
  StatusResponse,
  consumerStateToJSON,
  lifecycleStateToJSON,
} from '@ringside/contracts';
import type { ConsumerStatus, StateSnapshot } from '@ringside/contracts';
import type { Command } from 'commander';

const DEFAULT_SERVER = process.env['RINGSIDE_ADMIN'] ?? '127.0.0.1:7400';
const DEADLINE_MS = 10_000;

export const AdminExit = {
  OK: 0,
  OTHER: 1,
  BAD_ARGS: 2,
  DENIED: 3,
  NOT_FOUND: 4,
  PRECONDITION: 5,
} as const;

interface Common {
  server: string;
  token?: string;
  tlsCa?: string;
  json?: boolean;
}

interface Change extends Common {
  reason?: string;
  requestId?: string;
  approval?: string;
}

type Unary<Req, Res> = (
  req: Req,
  md: Metadata,
  opts: { deadline: Date },
  cb: (err: ServiceError | null, res: Res) => void,
) => unknown;

function fail(message: string, code: number): never {
  console.error(`ringside admin: ${message}`);
  process.exit(code);
}

const badArgs = (message: string): never => fail(message, AdminExit.BAD_ARGS);

function exitCodeOf(code: number): number {
  switch (code) {
    case grpcStatus.INVALID_ARGUMENT:
      return AdminExit.BAD_ARGS;
    case grpcStatus.UNAUTHENTICATED:
    case grpcStatus.PERMISSION_DENIED:
      return AdminExit.DENIED;
    case grpcStatus.NOT_FOUND:
      return AdminExit.NOT_FOUND;
    case grpcStatus.FAILED_PRECONDITION:
      return AdminExit.PRECONDITION;
    default:
      return AdminExit.OTHER;
  }
}

function statusName(code: number): string {
  return Object.entries(grpcStatus).find(([, v]) => v === code)?.[0] ?? String(code);
}

function channelCredentials(o: Common): ChannelCredentials {
  if (o.tlsCa === undefined) return credentials.createInsecure();
  let ca: Buffer;
  try {
    ca = readFileSync(o.tlsCa);
  } catch {
    return badArgs(`--tls-ca: cannot read ${o.tlsCa}`);
  }
  return credentials.createSsl(ca);
}

function metadataOf(o: Common & { approval?: string }): Metadata {
  const token = o.token ?? process.env['RINGSIDE_ADMIN_TOKEN'];
  if (token === undefined || token.length === 0)
    badArgs('a role token is needed: --token <token> or env RINGSIDE_ADMIN_TOKEN');
  const md = new Metadata();
  md.set('authorization', `Bearer ${token}`);
  if (o.approval !== undefined) md.set(APPROVAL_METADATA_KEY, o.approval);
  return md;
}

/** One call on a fresh channel: open, call, close (a CLI run makes one call). */
async function call<Req, Res>(
  o: Common & { approval?: string },
  pick: (c: AdminServiceClient) => Unary<Req, Res>,
  req: Req,
): Promise<Res> {
  const md = metadataOf(o);
  const client = new AdminServiceClient(o.server, channelCredentials(o));
  try {
    return await new Promise<Res>((resolve, reject) => {
      pick(client).call(client, req, md, { deadline: new Date(Date.now() + DEADLINE_MS) }, (err, res) =>
        err ? reject(err) : resolve(res),
      );
    });
  } finally {
    client.close();
  }
}

/** Runs an action; a gRPC refusal becomes "ringside admin: NOT_FOUND: ..." and its exit code. */
async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const e = err as Partial<ServiceError>;
    if (typeof e.code !== 'number') throw err;
    console.error(`ringside admin: ${statusName(e.code)}: ${(e.details ?? e.message ?? '').trim()}`);
    process.exitCode = exitCodeOf(e.code);
  }
}

/** The audit context of a state change: a reason is required, the request id defaults to a UUID. */
function contextOf(o: Change): { requestId: string; reason: string } {
  const reason = o.reason ?? '';
  if (reason.length === 0 || reason.length > 512) badArgs('--reason <text> is required (1..512 characters)');
  const requestId = o.requestId ?? randomUUID();
  if (requestId.length === 0 || requestId.length > 128) badArgs('--request-id must be 1..128 characters');
  return { requestId, reason };
}

function uint(name: string, text: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffff_ffff)
    badArgs(`${name} must be a non-negative integer, got '${text}'`);
  return Number(text);
}

function finite(name: string, text: string): number {
  const v = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(v)) badArgs(`${name} must be a finite number, got '${text}'`);
  return v;
}

function time(t: { seconds: number; nanos: number } | undefined): string {
  return t === undefined ? '' : new Date(t.seconds * 1000 + t.nanos / 1e6).toISOString();
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function consumerTable(consumers: readonly ConsumerStatus[]): string {
  return table(
    ['ID', 'NAME', 'STATE', 'LAG', 'LOSS', 'REASON'],
    consumers.map((c) => [
      String(c.id),
      c.name,
      consumerStateToJSON(c.state).replace('CONSUMER_STATE_', ''),
      String(c.lag),
      String(c.loss),
      c.reason,
    ]),
  );
}

function printState(s: StateSnapshot | undefined): void {
  if (s === undefined) return;
  console.log(
    `lifecycle ${lifecycleStateToJSON(s.state).replace('LIFECYCLE_STATE_', '')}` +
      `${s.reason ? ` (${s.reason})` : ''}, shed level ${s.shedLevel}, ` +
      `${s.halted ? 'HALTED' : 'not halted'}, ${s.trusted ? 'trusted' : 'untrusted (warm-up)'}`,
  );
  console.log(consumerTable(s.consumers));
}

function withCommon(cmd: Command): Command {
  return cmd
    .option('--server <host:port>', 'hot-path admin gRPC address (env RINGSIDE_ADMIN)', DEFAULT_SERVER)
    .option('--token <token>', 'role bearer token (default env RINGSIDE_ADMIN_TOKEN)')
    .option('--tls-ca <file>', 'PEM CA certificate: connect with TLS')
    .option('--json', 'print the reply as one JSON object');
}

/** A state change: a reason for the audit trail, an optional idempotency key and approval. */
function withChange(cmd: Command, approval?: string): Command {
  const c = withCommon(cmd)
    .option('--reason <text>', 'why (required, recorded in the audit trail)')
    .option('--request-id <id>', 'idempotency key (default a fresh UUID)');
  return approval === undefined ? c : c.option('--approval <token>', approval);
}

function print<Res>(o: Common, codec: { toJSON(m: Res): unknown }, res: Res, human: () => void): void {
  if (o.json === true) console.log(JSON.stringify(codec.toJSON(res)));
  else human();
}

type ConsumerReply = { consumer?: ConsumerStatus | undefined };

export function registerAdmin(program: Command): void {
  const admin = program
    .command('admin')
    .description('operate one hot path through its gRPC admin API (roles, approvals for high-risk calls)')
    // commander's own argument errors exit 2 like ours; help and --version stay 0.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : AdminExit.BAD_ARGS));

  withCommon(admin.command('status').description('lifecycle, consumers, shed level and halt state')).action(
    (o: Common) =>
      run(async () => {
        const res = await call(o, (c) => c.status, {});
        print(o, StatusResponse, res, () => {
          console.log(
            `version ${res.version}, started ${time(res.startedAt)}, trading session ` +
              `${res.tradingSessionOpen ? 'OPEN' : 'closed'}`,
          );
          printState(res.state);
        });
      }),
  );

  withCommon(admin.command('consumers').description('ring consumers with lag and loss')).action((o: Common) =>
    run(async () => {
      const res = await call(o, (c) => c.listConsumers, {});
      print(o, ListConsumersResponse, res, () => console.log(consumerTable(res.consumers)));
    }),
  );

  const consumerAction = (
    name: string,
    description: string,
    approval: string | undefined,
    send: (
      o: Change,
      req: { context: ReturnType<typeof contextOf>; consumerId: number },
    ) => Promise<ConsumerReply>,
    codec: { toJSON(m: ConsumerReply): unknown },
  ): void => {
    withChange(admin.command(name).description(description).argument('<consumer-id>'), approval).action(
      (id: string, o: Change) =>
        run(async () => {
          const req = { context: contextOf(o), consumerId: uint('<consumer-id>', id) };
          const res = await send(o, req);
          print(o, codec, res, () => console.log(consumerTable(res.consumer ? [res.consumer] : [])));
        }),
    );
  };

  consumerAction(
    'isolate',
    'stop a slow consumer holding anything up (it keeps its cursor)',
    undefined,
    (o, req) => call(o, (c) => c.isolateConsumer, req),
    IsolateConsumerResponse as { toJSON(m: ConsumerReply): unknown },
  );
  consumerAction(
    'readmit',
    'readmit an isolated or dropped consumer (high risk: needs --approval)',
    'approval token for ReadmitConsumer on this consumer',
    (o, req) => call(o, (c) => c.readmitConsumer, ReadmitConsumerRequest.fromPartial(req)),
    ReadmitConsumerResponse as { toJSON(m: ConsumerReply): unknown },
  );
  consumerAction(
    'drop',
    'drop a consumer until restart (high risk: needs --approval)',
    'approval token for DropConsumer on this consumer',
    (o, req) => call(o, (c) => c.dropConsumer, DropConsumerRequest.fromPartial(req)),
    DropConsumerResponse as { toJSON(m: ConsumerReply): unknown },
  );

  withChange(
    admin
      .command('shed')
      .description('pin the shed level (below the automatic level is high risk: needs --approval)')
      .argument('<level>'),
    'approval token for SetShedLevel on this level',
  ).action((level: string, o: Change) =>
    run(async () => {
      const req = { context: contextOf(o), level: uint('<level>', level) };
      const res = await call(o, (c) => c.setShedLevel, SetShedLevelRequest.fromPartial(req));
      print(o, SetShedLevelResponse, res, () =>
        console.log(`shed level ${res.previousLevel} -> ${res.level} (pinned)`),
      );
    }),
  );

  withChange(admin.command('halt').description('stop new orders (safe direction, no approval)')).action(
    (o: Change) =>
      run(async () => {
        const res = await call(o, (c) => c.halt, { context: contextOf(o) });
        print(o, HaltResponse, res, () => printState(res.state));
      }),
  );

  withChange(
    admin.command('resume').description('resume order flow after a halt (high risk: needs --approval)'),
    'approval token for Resume on this host',
  ).action((o: Change) =>
    run(async () => {
      const res = await call(o, (c) => c.resume, ResumeRequest.fromPartial({ context: contextOf(o) }));
      print(o, ResumeResponse, res, () => printState(res.state));
    }),
  );

  withChange(
    admin
      .command('restart')
      .description('schedule a restart, outside the trading session only (high risk: needs --approval)'),
    'approval token for RequestRestart on this host',
  ).action((o: Change) =>
    run(async () => {
      const res = await call(
        o,
        (c) => c.requestRestart,
        RequestRestartRequest.fromPartial({ context: contextOf(o) }),
      );
      print(o, RequestRestartResponse, res, () =>
        console.log(
          `restart ${res.scheduled ? 'scheduled' : 'not scheduled'}, not before ${time(res.notBefore)}`,
        ),
      );
    }),
  );

  withChange(
    admin
      .command('param')
      .description("set a runtime param of one decision worker's strategy (e.g. workNs, stallMs)")
      .argument('<worker-id>')
      .argument('<name>')
      .argument('<value>'),
  ).action((worker: string, name: string, value: string, o: Change) =>
    run(async () => {
      const req = {
        context: contextOf(o),
        workerId: uint('<worker-id>', worker),
        param: name,
        value: finite('<value>', value),
      };
      const res = await call(o, (c) => c.setStrategyParam, req);
      print(o, SetStrategyParamResponse, res, () =>
        console.log(
          `decision-${req.workerId}: ${res.strategy} ${name} (id ${res.paramId}) = ${req.value}` +
            `${res.queued ? ' queued' : ''}`,
        ),
      );
    }),
  );

  withCommon(admin.command('latency').description('decision and execution latency over the recent window'))
    .option('--encoded', 'include each encoded HdrHistogram (with --json)')
    .action((o: Common & { encoded?: boolean }) =>
      run(async () => {
        const res = await call(o, (c) => c.latencyReport, { includeEncoded: o.encoded === true });
        print(o, LatencyReportResponse, res, () => {
          console.log(`host ${res.host}, ${res.trusted ? 'trusted' : 'untrusted (warm-up in window)'}`);
          const us = (ns: number): string => (ns / 1000).toFixed(1);
          console.log(
            table(
              ['SEGMENT', 'COUNT', 'MEAN_US', 'P50_US', 'P90_US', 'P99_US', 'P999_US', 'MAX_US'],
              res.segments.map((h) => [
                h.name,
                String(h.count),
                us(h.meanNs),
                us(h.p50Ns),
                us(h.p90Ns),
                us(h.p99Ns),
                us(h.p999Ns),
                us(h.maxNs),
              ]),
            ),
          );
        });
      }),
    );
}
