// The generated grpc-js service and client work as-is under Node 24 type stripping: a real
// server on a loopback port, a real client, a unary call, a server stream, and an
// unimplemented method surfacing as UNIMPLEMENTED.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, Server, ServerCredentials, credentials, status as grpcStatus } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import {
  AdminServiceClient,
  AdminServiceService,
  LifecycleState,
  StateSnapshot,
  StatusResponse,
  WatchResponse,
} from '@ringside/contracts';
import type { AdminServiceServer } from '@ringside/contracts';

const state = StateSnapshot.fromPartial({
  state: LifecycleState.READY,
  reason: 'latency stable for 5 windows',
  shedLevel: 0,
  trusted: true,
  stamp: { host: 'hot-1', monoNs: 123, sequence: 1 },
});

function unimplemented(_call: unknown, callback: (error: Partial<ServiceError>) => void): void {
  callback({ code: grpcStatus.UNIMPLEMENTED, details: 'not in this test' });
}

const impl: AdminServiceServer = {
  status: (_call, callback) => {
    callback(null, StatusResponse.fromPartial({ state, tradingSessionOpen: true, version: 'test' }));
  },
  watch: (call) => {
    for (let i = 0; i < 3; i++) {
      call.write(WatchResponse.fromPartial({ event: { kind: 'tick', numbers: { i } } }));
    }
    call.end();
  },
  listConsumers: unimplemented,
  isolateConsumer: unimplemented,
  readmitConsumer: unimplemented,
  dropConsumer: unimplemented,
  setShedLevel: unimplemented,
  halt: unimplemented,
  resume: unimplemented,
  requestRestart: unimplemented,
  latencyReport: unimplemented,
  setStrategyParam: unimplemented,
};

test('AdminService: unary, server stream and UNIMPLEMENTED over a real loopback channel', async (t) => {
  const server = new Server();
  server.addService(AdminServiceService, impl);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    );
  });
  const client = new AdminServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
  t.after(() => {
    client.close();
    server.forceShutdown();
  });
  const deadline = (): Date => new Date(Date.now() + 10_000);

  const reply = await new Promise<StatusResponse>((resolve, reject) => {
    client.status({}, new Metadata(), { deadline: deadline() }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
  assert.deepEqual(reply.state, state);
  assert.equal(reply.tradingSessionOpen, true);

  const seen: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = client.watch({ includeMetrics: false }, { deadline: deadline() });
    stream.on('data', (msg: WatchResponse) => seen.push(msg.event?.numbers['i'] ?? -1));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  assert.deepEqual(seen, [0, 1, 2]);

  const err = await new Promise<ServiceError | null>((resolve) => {
    const request = { context: { requestId: 'r1', reason: 'test' } };
    client.halt(request, new Metadata(), { deadline: deadline() }, (e) => resolve(e));
  });
  assert.equal(err?.code, grpcStatus.UNIMPLEMENTED);
});
