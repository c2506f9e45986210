// Test fixtures: a real nats-server with JetStream, a fresh signing seed on disk, the approvals
// service in-process on a loopback gRPC port, and a promisified gRPC client.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Metadata, credentials } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { createUser } from '@nats-io/nkeys';
import { ApprovalsServiceClient } from '@ringside/contracts';
import { startNatsServer } from '@ringside/testkit';
import type { NatsServerHandle } from '@ringside/testkit';
import { pino } from 'pino';
import { parseApprovalsConfig, startApprovalsService } from '../src/index.ts';
import type { ApprovalsConfig, ApprovalsServiceHandle } from '../src/index.ts';

export interface SeedFile {
  readonly file: string;
  readonly publicKey: string;
  remove(): void;
}

export function writeSeedFile(): SeedFile {
  const dir = mkdtempSync(path.join(tmpdir(), 'ringside-approvals-'));
  const kp = createUser();
  const file = path.join(dir, 'approvals.nk');
  writeFileSync(file, `${new TextDecoder().decode(kp.getSeed())}\n`, { mode: 0o600 });
  return { file, publicKey: kp.getPublicKey(), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startNats(): Promise<NatsServerHandle> {
  return startNatsServer({ jetstream: true });
}

export function configFor(
  nats: NatsServerHandle,
  seed: SeedFile,
  extra: Partial<ApprovalsConfig> = {},
): ApprovalsConfig {
  return parseApprovalsConfig({ natsUrl: nats.url, seedFile: seed.file, ...extra });
}

export const quietLogger = pino({ level: 'silent' });

export async function startService(
  config: ApprovalsConfig,
  now?: () => number,
): Promise<ApprovalsServiceHandle> {
  return startApprovalsService(config, quietLogger, now === undefined ? {} : { now });
}

type Unary<Req, Res> = (
  req: Req,
  md: Metadata,
  opts: { deadline: Date },
  cb: (err: ServiceError | null, res: Res) => void,
) => unknown;

export interface Client {
  readonly raw: ApprovalsServiceClient;
  call<Req, Res>(pick: (c: ApprovalsServiceClient) => Unary<Req, Res>, req: Req): Promise<Res>;
  close(): void;
}

export function connectClient(port: number): Client {
  const raw = new ApprovalsServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
  return {
    raw,
    call: (pick, req) =>
      new Promise((resolve, reject) => {
        pick(raw).call(raw, req, new Metadata(), { deadline: new Date(Date.now() + 10_000) }, (err, res) =>
          err ? reject(err) : resolve(res),
        );
      }),
    close: () => raw.close(),
  };
}

/** The gRPC status code of a rejected call (fails the test if it resolved). */
export async function grpcCode(p: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as ServiceError;
    return { code: e.code, details: e.details };
  }
  throw new Error('expected the call to fail');
}
