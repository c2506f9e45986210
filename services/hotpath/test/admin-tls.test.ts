// The admin server over TLS (a self-signed certificate made by openssl here) with gRPC
// reflection on: a TLS client with the certificate as CA reads Status with a viewer token, a
// plaintext client is refused, and reflection lists the admin and health services.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Metadata, credentials, loadPackageDefinition } from '@grpc/grpc-js';
import type { ClientDuplexStream, ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { createUser } from '@nats-io/nkeys';
import { AdminServiceClient, LatencyReportResponse, StateSnapshot } from '@ringside/contracts';
import type { StatusResponse } from '@ringside/contracts';
import { REPO_ROOT } from '@ringside/testkit';
import { startAdminServer } from '../src/index.ts';
import type { AdminBackend, AdminServerHandle } from '../src/index.ts';

const VIEWER = 'viewer-token-0123456789';
// Verify the certificate's DNS name rather than send an IP as TLS server name (RFC 6066).
const SNI = { 'grpc.ssl_target_name_override': 'localhost' };

function makeCert(dir: string): { cert: Buffer; key: Buffer } | undefined {
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore', timeout: 10_000 },
    );
    return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
  } catch {
    return undefined;
  }
}

/** Reads only: this file is about transport, not about consumer state. */
const backend: AdminBackend = {
  getStatus: () => ({
    state: StateSnapshot.fromPartial({ shedLevel: 1 }),
    automaticShedLevel: 0,
    maxShedLevel: 4,
    version: 'tls-test',
    startedAt: new Date(0),
  }),
  listConsumers: () => [],
  isolate: () => undefined,
  readmit: () => undefined,
  drop: () => undefined,
  setShedLevel: (level) => ({ previous: 0, level }),
  halt: () => StateSnapshot.fromPartial({ halted: true }),
  resume: () => StateSnapshot.fromPartial({}),
  requestRestart: () => ({ notBefore: new Date(0) }),
  latencyReport: () => LatencyReportResponse.fromPartial({}),
  subscribeServing: (listener) => {
    listener(true);
    return () => undefined;
  },
};

const dir = mkdtempSync(join(tmpdir(), 'ringside-admin-tls-'));
const pair = makeCert(dir);
const skip = pair === undefined ? 'openssl not available to make a self-signed certificate' : false;
let server: AdminServerHandle | undefined;

before(async () => {
  if (pair === undefined) return;
  server = await startAdminServer({
    host: '127.0.0.1',
    port: 0,
    backend,
    tokens: { [VIEWER]: 'viewer' },
    approvals: { publicKey: createUser().getPublicKey(), host: 'hot-1' },
    tradingSession: { start: '09:30', end: '16:00', timezone: 'America/New_York' },
    tls: pair,
    reflectionProtoDir: join(REPO_ROOT, 'proto'),
  });
  console.log(`admin server (TLS, reflection) on 127.0.0.1:${server.port}`);
});

after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function status(client: AdminServiceClient): Promise<StatusResponse> {
  const md = new Metadata();
  md.set('authorization', `Bearer ${VIEWER}`);
  return new Promise((resolve, reject) => {
    client.status({}, md, { deadline: Date.now() + 5000 }, (err: ServiceError | null, res: StatusResponse) =>
      err === null ? resolve(res) : reject(err),
    );
  });
}

test(
  'TLS: a client trusting the self-signed cert gets Status; a plaintext client does not',
  { skip },
  async () => {
    assert.ok(server !== undefined && pair !== undefined);
    const tls = new AdminServiceClient(`127.0.0.1:${server.port}`, credentials.createSsl(pair.cert), SNI);
    const plain = new AdminServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    try {
      const res = await status(tls);
      assert.equal(res.version, 'tls-test');
      assert.equal(res.state?.shedLevel, 1);
      await assert.rejects(status(plain));
    } finally {
      tls.close();
      plain.close();
    }
  },
);

test('reflection lists the admin and health services', { skip }, async () => {
  assert.ok(server !== undefined && pair !== undefined);
  const protoRoot = join(dirname(fileURLToPath(import.meta.resolve('@grpc/reflection'))), '..', 'proto');
  const definition = loadSync('grpc/reflection/v1/reflection.proto', {
    includeDirs: [protoRoot],
    keepCase: true,
  });
  const loaded = loadPackageDefinition(definition) as unknown as {
    grpc: {
      reflection: {
        v1: { ServerReflection: new (address: string, creds: unknown, options: object) => ReflectionClient };
      };
    };
  };
  interface ReflectionClient {
    ServerReflectionInfo(): ClientDuplexStream<
      object,
      { list_services_response?: { service: { name: string }[] } }
    >;
    close(): void;
  }
  const client = new loaded.grpc.reflection.v1.ServerReflection(
    `127.0.0.1:${server.port}`,
    credentials.createSsl(pair.cert),
    SNI,
  );
  try {
    const names = await new Promise<string[]>((resolve, reject) => {
      const stream = client.ServerReflectionInfo();
      const timer = setTimeout(() => reject(new Error('no reflection answer in 5 s')), 5000);
      stream.on('data', (res) => {
        clearTimeout(timer);
        resolve((res.list_services_response?.service ?? []).map((s: { name: string }) => s.name));
        stream.end();
      });
      stream.on('error', reject);
      stream.write({ list_services: '' });
    });
    assert.ok(names.includes('ringside.admin.v1.AdminService'), names.join(','));
    assert.ok(names.includes('grpc.health.v1.Health'), names.join(','));
  } finally {
    client.close();
  }
});
