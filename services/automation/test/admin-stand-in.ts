// A small real gRPC AdminService server that records the calls automation makes. It STANDS IN
// for the hot path's admin API, which is a later issue: it implements only the RPCs automation
// calls, answers like the proto says, and checks nothing (the real one verifies the approval
// token itself). Every other RPC answers UNIMPLEMENTED.
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import type {
  Metadata,
  sendUnaryData,
  ServerUnaryCall,
  ServiceError,
  UntypedHandleCall,
} from '@grpc/grpc-js';
import { AdminServiceService, ConsumerState } from '@ringside/contracts';
import { APPROVAL_TOKEN_METADATA } from '../src/index.ts';

export interface RecordedCall {
  readonly rpc: string;
  readonly request: Record<string, unknown>;
  readonly approvalToken: string | undefined;
  readonly authorization: string | undefined;
}

export interface AdminStandIn {
  readonly address: string;
  readonly calls: RecordedCall[];
  close(): Promise<void>;
}

function header(md: Metadata, key: string): string | undefined {
  const v = md.get(key)[0];
  return typeof v === 'string' ? v : undefined;
}

export async function startAdminStandIn(): Promise<AdminStandIn> {
  const calls: RecordedCall[] = [];
  const recording =
    <Req extends object, Res>(rpc: string, reply: (req: Req) => Res) =>
    (call: ServerUnaryCall<Req, Res>, cb: sendUnaryData<Res>): void => {
      calls.push({
        rpc,
        request: call.request as Record<string, unknown>,
        approvalToken: header(call.metadata, APPROVAL_TOKEN_METADATA),
        authorization: header(call.metadata, 'authorization'),
      });
      cb(null, reply(call.request));
    };
  const consumer = (id: number, state: number) => ({
    id,
    name: `decision-${id}`,
    state,
    lag: 0,
    loss: 0,
    reason: 'automation',
  });
  const unimplemented: UntypedHandleCall = (_call: unknown, cb: (e: Partial<ServiceError>) => void) =>
    cb({ code: status.UNIMPLEMENTED, details: 'not in the stand-in' });
  const server = new Server();
  server.addService(AdminServiceService, {
    status: unimplemented,
    watch: (call: { emit: (e: string, err: Partial<ServiceError>) => void }) =>
      call.emit('error', { code: status.UNIMPLEMENTED, details: 'not in the stand-in' }),
    listConsumers: unimplemented,
    readmitConsumer: unimplemented,
    halt: unimplemented,
    latencyReport: unimplemented,
    isolateConsumer: recording('IsolateConsumer', (r: { consumerId: number }) => ({
      consumer: consumer(r.consumerId, ConsumerState.ISOLATED),
    })),
    dropConsumer: recording('DropConsumer', (r: { consumerId: number }) => ({
      consumer: consumer(r.consumerId, ConsumerState.DROPPED),
    })),
    setShedLevel: recording('SetShedLevel', (r: { level: number }) => ({ previousLevel: 0, level: r.level })),
    resume: recording('Resume', () => ({ state: undefined })),
    requestRestart: recording('RequestRestart', () => ({ scheduled: true, notBefore: undefined })),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
