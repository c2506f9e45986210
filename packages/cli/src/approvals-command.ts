// `ringside approvals list|show|request|approve|deny|audit`: a gRPC client of the approvals
// service (services/approvals), talking to it only over the wire, as an operator does.
// Readable tables by default; --json prints the reply as one JSON object (proto3 JSON names).
// Exit codes: 0 ok, 1 the server refused (the gRPC status name and its message go to stderr),
// 2 bad command-line arguments.
import { Metadata, credentials, status as grpcStatus } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import {
  ApprovalsServiceClient,
  ApproveResponse,
  CreateRequestResponse,
  DenyResponse,
  GetAuditLogResponse,
  GetRequestResponse,
  ListFilter,
  ListRequestsResponse,
  riskLevelFromJSON,
  riskLevelToJSON,
  requestStateToJSON,
} from '@ringside/contracts';
import type { ApprovalRequest, AuditRecord } from '@ringside/contracts';
import type { Command } from 'commander';

const DEFAULT_SERVER = process.env['RINGSIDE_APPROVALS'] ?? '127.0.0.1:7443';
const DEADLINE_MS = 10_000;

interface Common {
  server: string;
  json?: boolean;
}

type Unary<Req, Res> = (
  req: Req,
  md: Metadata,
  opts: { deadline: Date },
  cb: (err: ServiceError | null, res: Res) => void,
) => unknown;

/** One call on a fresh channel: open, call, close (a CLI run makes one call). */
async function call<Req, Res>(
  server: string,
  pick: (c: ApprovalsServiceClient) => Unary<Req, Res>,
  req: Req,
): Promise<Res> {
  const client = new ApprovalsServiceClient(server, credentials.createInsecure());
  try {
    return await new Promise<Res>((resolve, reject) => {
      pick(client).call(
        client,
        req,
        new Metadata(),
        { deadline: new Date(Date.now() + DEADLINE_MS) },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
    });
  } finally {
    client.close();
  }
}

function statusName(code: number): string {
  return Object.entries(grpcStatus).find(([, v]) => v === code)?.[0] ?? String(code);
}

/** Runs an action; a gRPC refusal becomes "ringside approvals: NOT_FOUND: ..." and exit 1. */
async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const e = err as Partial<ServiceError>;
    if (typeof e.code !== 'number') throw err;
    console.error(`ringside approvals: ${statusName(e.code)}: ${e.details ?? e.message ?? ''}`);
    process.exitCode = 1;
  }
}

function badArgs(message: string): never {
  console.error(`ringside approvals: ${message}`);
  process.exit(2);
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

function requestRow(r: ApprovalRequest): string[] {
  return [
    r.id,
    requestStateToJSON(r.state).replace('REQUEST_STATE_', ''),
    r.action,
    r.target,
    r.host,
    riskLevelToJSON(r.risk).replace('RISK_LEVEL_', ''),
    r.requester,
    `${r.approvals.length}/${r.approvalsRequired}`,
    time(r.createdAt),
  ];
}

const REQUEST_HEADER = [
  'ID',
  'STATE',
  'ACTION',
  'TARGET',
  'HOST',
  'RISK',
  'REQUESTER',
  'APPROVALS',
  'CREATED',
];

function printRequest(r: ApprovalRequest | undefined, token = ''): void {
  if (r === undefined) return;
  console.log(table(REQUEST_HEADER, [requestRow(r)]));
  console.log(`reason: ${r.reason}`);
  for (const a of r.approvals)
    console.log(`approved by ${a.approver} at ${time(a.at)}${a.comment ? `: ${a.comment}` : ''}`);
  if (r.denial !== undefined)
    console.log(
      `denied by ${r.denial.approver} at ${time(r.denial.at)}${r.denial.comment ? `: ${r.denial.comment}` : ''}`,
    );
  if (r.tokenId !== '') console.log(`token ${r.tokenId} expires ${time(r.tokenExpiresAt)}`);
  if (token !== '') console.log(`token: ${token}`);
}

function auditRow(a: AuditRecord): string[] {
  return [String(a.seq), time(a.at), a.kind, a.requestId, a.actor, a.detailJson];
}

function positiveInt(name: string, v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) badArgs(`${name} must be a non-negative integer`);
  return n;
}

function withCommon(cmd: Command): Command {
  return cmd
    .option('--server <host:port>', 'approvals service gRPC address', DEFAULT_SERVER)
    .option('--json', 'print the reply as one JSON object');
}

export function registerApprovals(program: Command): void {
  const approvals = program
    .command('approvals')
    .description('approve or deny high-risk actions (approvals service)');

  withCommon(approvals.command('list').description('list approval requests, newest first'))
    .option('--pending', 'only pending requests')
    .option('--decided', 'only approved or denied requests')
    .option('--limit <n>', 'at most n (server default 100)')
    .action((o: Common & { pending?: boolean; decided?: boolean; limit?: string }) =>
      run(async () => {
        if (o.pending === true && o.decided === true) badArgs('choose --pending or --decided, not both');
        const filter =
          o.pending === true
            ? ListFilter.PENDING
            : o.decided === true
              ? ListFilter.DECIDED
              : ListFilter.UNSPECIFIED;
        const res = await call(o.server, (c) => c.listRequests, {
          filter,
          limit: positiveInt('--limit', o.limit),
        });
        if (o.json === true) console.log(JSON.stringify(ListRequestsResponse.toJSON(res)));
        else console.log(table(REQUEST_HEADER, res.requests.map(requestRow)));
      }),
    );

  withCommon(approvals.command('show').description('one request in full').argument('<id>')).action(
    (id: string, o: Common) =>
      run(async () => {
        const res = await call(o.server, (c) => c.getRequest, { id });
        if (o.json === true) console.log(JSON.stringify(GetRequestResponse.toJSON(res)));
        else printRequest(res.request);
      }),
  );

  withCommon(approvals.command('request').description('ask for approval of an action'))
    .requiredOption('--action <name>', 'admin action, e.g. DropConsumer')
    .requiredOption('--target <what>', 'what it applies to, e.g. a consumer id')
    .requiredOption('--host <host>', 'hot-path host')
    .requiredOption('--reason <text>', 'why')
    .requiredOption('--as <requester>', 'who asks')
    .option('--risk <level>', 'LOW, MEDIUM, HIGH or CRITICAL', 'HIGH')
    .action(
      (
        o: Common & {
          action: string;
          target: string;
          host: string;
          reason: string;
          as: string;
          risk: string;
        },
      ) =>
        run(async () => {
          const risk = riskLevelFromJSON(`RISK_LEVEL_${o.risk.toUpperCase()}`);
          if (risk <= 0) badArgs('--risk must be LOW, MEDIUM, HIGH or CRITICAL');
          const req = {
            action: o.action,
            target: o.target,
            host: o.host,
            reason: o.reason,
            requester: o.as,
            risk,
          };
          const res = await call(o.server, (c) => c.createRequest, req);
          if (o.json === true) console.log(JSON.stringify(CreateRequestResponse.toJSON(res)));
          else printRequest(res.request);
        }),
    );

  withCommon(approvals.command('approve').description('approve a pending request').argument('<id>'))
    .requiredOption('--as <approver>', 'who approves')
    .option('--comment <text>', 'note for the audit log', '')
    .action((id: string, o: Common & { as: string; comment: string }) =>
      run(async () => {
        const res = await call(o.server, (c) => c.approve, { id, approver: o.as, comment: o.comment });
        if (o.json === true) console.log(JSON.stringify(ApproveResponse.toJSON(res)));
        else printRequest(res.request, res.token);
      }),
    );

  withCommon(approvals.command('deny').description('deny a pending request').argument('<id>'))
    .requiredOption('--as <approver>', 'who denies')
    .option('--comment <text>', 'note for the audit log', '')
    .action((id: string, o: Common & { as: string; comment: string }) =>
      run(async () => {
        const res = await call(o.server, (c) => c.deny, { id, approver: o.as, comment: o.comment });
        if (o.json === true) console.log(JSON.stringify(DenyResponse.toJSON(res)));
        else printRequest(res.request);
      }),
    );

  withCommon(approvals.command('audit').description('audit records, oldest first'))
    .option('--from <seq>', 'first stream sequence')
    .option('--to <seq>', 'last stream sequence (inclusive)')
    .option('--limit <n>', 'at most n records (server default 1000)')
    .option('--request <id>', 'only this request')
    .action((o: Common & { from?: string; to?: string; limit?: string; request?: string }) =>
      run(async () => {
        const req = {
          fromSeq: positiveInt('--from', o.from),
          toSeq: positiveInt('--to', o.to),
          limit: positiveInt('--limit', o.limit),
          requestId: o.request ?? '',
        };
        const res = await call(o.server, (c) => c.getAuditLog, req);
        if (o.json === true) console.log(JSON.stringify(GetAuditLogResponse.toJSON(res)));
        else
          console.log(table(['SEQ', 'AT', 'KIND', 'REQUEST', 'ACTOR', 'DETAIL'], res.records.map(auditRow)));
      }),
    );
}
