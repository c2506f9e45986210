// nats-server for the demo, as deployed: JetStream on, and the per-service users and subject
// permissions of deploy/nats/users.conf verbatim, with a fresh random password per service for
// this run (defined as variables ahead of the users, which nats-server resolves like the
// environment references of production). When nats-server is missing or will not start, the
// demo goes on without it and says so: telemetry, observer, automation and approvals are off,
// trading is not (human and control-plane systems are never in the execution path).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, findNatsServer, startNatsServer } from '@ringside/testkit';
import type { NatsServerHandle } from '@ringside/testkit';

/** The hot-path host name; deploy/nats/users.conf has a user for it (hotpath_edge1). */
export const DEMO_HOST = 'edge1';

export const NATS_USERS = {
  hotpath: { user: 'hotpath_edge1', variable: 'RINGSIDE_NATS_PASS_HOTPATH_EDGE1' },
  hotpathEdge2: { user: 'hotpath_edge2', variable: 'RINGSIDE_NATS_PASS_HOTPATH_EDGE2' },
  observer: { user: 'observer', variable: 'RINGSIDE_NATS_PASS_OBSERVER' },
  automation: { user: 'automation', variable: 'RINGSIDE_NATS_PASS_AUTOMATION' },
  approvals: { user: 'approvals', variable: 'RINGSIDE_NATS_PASS_APPROVALS' },
} as const;
export type NatsServiceName = keyof typeof NATS_USERS;

export interface NatsLogin {
  readonly user: string;
  readonly pass: string;
}

export type DemoNats =
  | {
      readonly ok: true;
      readonly url: string;
      readonly server: NatsServerHandle;
      login(service: NatsServiceName): NatsLogin;
    }
  | { readonly ok: false; readonly why: string };

function demoNatsConfig(passwords: Readonly<Record<NatsServiceName, string>>): string {
  const users = readFileSync(path.join(REPO_ROOT, 'deploy', 'nats', 'users.conf'), 'utf8');
  const vars = (Object.keys(NATS_USERS) as NatsServiceName[])
    .map((s) => `${NATS_USERS[s].variable}: "${passwords[s]}"`)
    .join('\n');
  return `# ringside demo: deploy/nats/users.conf with this run's passwords\n${vars}\n${users}`;
}

export async function startDemoNats(): Promise<DemoNats> {
  const binary = findNatsServer();
  if (binary === undefined)
    return { ok: false, why: 'nats-server not found (as root: apt-get install nats-server)' };
  const passwords = Object.fromEntries(
    (Object.keys(NATS_USERS) as NatsServiceName[]).map((s) => [s, randomBytes(18).toString('base64url')]),
  ) as Record<NatsServiceName, string>;
  try {
    const server = await startNatsServer({ binary, jetstream: true, config: demoNatsConfig(passwords) });
    return {
      ok: true,
      url: server.url,
      server,
      login: (service) => ({ user: NATS_USERS[service].user, pass: passwords[service] }),
    };
  } catch (err) {
    return {
      ok: false,
      why: `nats-server did not start: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
