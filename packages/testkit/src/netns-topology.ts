// The Phase 2 topology on one machine: two "hosts" as Linux network namespaces, joined by one
// veth pair (the link between the hot-path host and the control-plane host), plus one
// management veth from the root namespace into each host so the harness (which stays in the
// root namespace) can reach both — the way an operator's management network reaches both
// hosts. Cutting the data link (`ip link set … down`) leaves management up, so a test can
// still watch the hot path while it is cut off from NATS.
//
//            root namespace (harness, feed/venue simulators)
//            mgmt .5 │                          │ mgmt .9
//     ┌──────────────┴────┐   data link   ┌─────┴──────────────┐
//     │ hot ns       .6   │ .1 ───────.2  │ .10   control ns   │
//     │ hot path host     │   (veth pair) │ nats-server, obs…  │
//     └───────────────────┘               └────────────────────┘
//  addresses: 10.A.B.0/30 data, 10.A.B.4/30 hot mgmt, 10.A.B.8/30 control mgmt; A.B picked free
//  in the root namespace so parallel runs never collide. ip_forward stays off, so the root
//  namespace never routes between the two hosts: the data link is their only path.
//
// Root only. Names carry the creating pid, so a run that died without cleaning up is swept by
// the next one; every topology is also removed when the process exits.
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const NS_PREFIX = 'ringside-';
const IP_CANDIDATES = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'];

export interface NetnsHost {
  /** Namespace name (`ip netns exec <name> …`). */
  readonly ns: string;
  /** Its address on the data link. */
  readonly dataAddress: string;
  /** Its address on its management link (reachable from the root namespace). */
  readonly mgmtAddress: string;
  /** The root namespace's end of its management link (reachable from inside this host). */
  readonly rootAddress: string;
}

export interface TwoHostTopology extends AsyncDisposable {
  readonly id: string;
  /** The hot-path host: alone in its namespace. */
  readonly hot: NetnsHost;
  /** The control-plane host: nats-server, observer, automation, approvals. */
  readonly control: NetnsHost;
  /** Interface names of the data link (hot end, control end). */
  readonly dataLink: { readonly hotIf: string; readonly controlIf: string };
  /** Spawn `command args` inside a host's namespace (the pid is the command's own: ip execs it). */
  spawnIn(host: NetnsHost, command: string, args: readonly string[], options?: SpawnOptions): ChildProcess;
  /** Run a command inside a namespace to completion; resolves with its stdout. */
  execIn(host: NetnsHost, command: string, args: readonly string[]): Promise<string>;
  /** Take the data link down on both ends (the hosts lose each other; management stays up). */
  cutLink(): Promise<void>;
  /** Bring the data link back up. */
  restoreLink(): Promise<void>;
  /** True while both ends of the data link are administratively up. */
  linkUp(): Promise<boolean>;
  /** Delete both namespaces (their veths go with them). Idempotent. */
  destroy(): Promise<void>;
}

export class NetnsError extends Error {
  readonly code: 'NOT_ROOT' | 'NO_IP_TOOL' | 'SETUP_FAILED';
  constructor(code: NetnsError['code'], message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NetnsError';
    this.code = code;
  }
}

function ipTool(): string | undefined {
  return IP_CANDIDATES.find((f) => existsSync(f));
}

/** false when namespaces can be built here, else why not (for `SKIPPED:` lines). */
export function netnsSkipReason(): string | false {
  if (process.platform !== 'linux') return 'network namespaces need Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return 'network namespaces need root (ip netns)';
  if (ipTool() === undefined) return 'iproute2 `ip` not found (apt-get install iproute2)';
  return false;
}

const live = new Set<string>();
process.once('exit', () => {
  const ip = ipTool();
  if (ip === undefined) return;
  for (const ns of live) {
    try {
      execFileSync(ip, ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
});

async function ip(args: readonly string[]): Promise<string> {
  const tool = ipTool();
  if (tool === undefined) throw new NetnsError('NO_IP_TOOL', 'iproute2 `ip` not found');
  try {
    const { stdout } = await execFileAsync(tool, [...args]);
    return stdout;
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new NetnsError('SETUP_FAILED', `ip ${args.join(' ')}: ${stderr.trim() || String(e)}`, {
      cause: e,
    });
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Delete namespaces left behind by runs whose process is gone (name: ringside-<pid>-…). */
async function sweepStale(): Promise<void> {
  const list = await ip(['netns', 'list']);
  for (const line of list.split('\n')) {
    const name = line.split(' ')[0] ?? '';
    const m = /^ringside-(\d+)-/.exec(name);
    if (m === null || pidAlive(Number(m[1]))) continue;
    await ip(['netns', 'del', name]).catch(() => undefined);
  }
}

/** A 10.A.B.0/24 with no address of the root namespace inside it. */
async function freeSubnet(): Promise<string> {
  const used = await ip(['-o', '-4', 'addr', 'show']);
  for (let attempt = 0; attempt < 64; attempt++) {
    const [a, b] = randomBytes(2);
    const prefix = `10.${100 + ((a ?? 0) % 150)}.${b ?? 0}`;
    if (!used.includes(` ${prefix}.`)) return prefix;
  }
  throw new NetnsError('SETUP_FAILED', 'no free 10.x.y.0/24 subnet for the topology');
}

/** Build the two hosts. Throws NetnsError (NOT_ROOT, NO_IP_TOOL, SETUP_FAILED), cleaning up. */
export async function createTwoHostTopology(): Promise<TwoHostTopology> {
  const skip = netnsSkipReason();
  if (skip !== false) throw new NetnsError(skip.includes('root') ? 'NOT_ROOT' : 'NO_IP_TOOL', skip);
  await sweepStale();
  const id = `${process.pid}-${randomBytes(3).toString('hex')}`;
  // Interface names are limited to 15 bytes: a short random tag, unique per topology.
  const tag = randomBytes(3).toString('hex');
  const net = await freeSubnet();
  const hot: NetnsHost = {
    ns: `${NS_PREFIX}${id}-hot`,
    dataAddress: `${net}.1`,
    mgmtAddress: `${net}.6`,
    rootAddress: `${net}.5`,
  };
  const control: NetnsHost = {
    ns: `${NS_PREFIX}${id}-ctl`,
    dataAddress: `${net}.2`,
    mgmtAddress: `${net}.10`,
    rootAddress: `${net}.9`,
  };
  const dataLink = { hotIf: `rsd${tag}h`, controlIf: `rsd${tag}c` };
  const topo = new Topology(id, hot, control, dataLink);
  try {
    await topo.build(tag);
  } catch (e) {
    await topo.destroy();
    throw e;
  }
  return topo;
}

class Topology implements TwoHostTopology {
  readonly id: string;
  readonly hot: NetnsHost;
  readonly control: NetnsHost;
  readonly dataLink: { readonly hotIf: string; readonly controlIf: string };
  #destroyed = false;

  constructor(id: string, hot: NetnsHost, control: NetnsHost, dataLink: TwoHostTopology['dataLink']) {
    this.id = id;
    this.hot = hot;
    this.control = control;
    this.dataLink = dataLink;
  }

  async build(tag: string): Promise<void> {
    for (const host of [this.hot, this.control]) {
      live.add(host.ns);
      await ip(['netns', 'add', host.ns]);
      await ip(['-n', host.ns, 'link', 'set', 'lo', 'up']);
    }
    const { hotIf, controlIf } = this.dataLink;
    await this.#pair(
      hotIf,
      this.hot.ns,
      this.hot.dataAddress,
      controlIf,
      this.control.ns,
      this.control.dataAddress,
    );
    await this.#mgmt(`rsm${tag}h`, this.hot);
    await this.#mgmt(`rsm${tag}c`, this.control);
  }

  async #pair(a: string, nsA: string, addrA: string, b: string, nsB: string, addrB: string): Promise<void> {
    await ip(['link', 'add', a, 'type', 'veth', 'peer', 'name', b]);
    await ip(['link', 'set', a, 'netns', nsA]);
    await ip(['link', 'set', b, 'netns', nsB]);
    await ip(['-n', nsA, 'addr', 'add', `${addrA}/30`, 'dev', a]);
    await ip(['-n', nsB, 'addr', 'add', `${addrB}/30`, 'dev', b]);
    await ip(['-n', nsA, 'link', 'set', a, 'up']);
    await ip(['-n', nsB, 'link', 'set', b, 'up']);
  }

  /** Root end keeps the name `<base>r` in the root namespace; the host end moves in. */
  async #mgmt(base: string, host: NetnsHost): Promise<void> {
    const rootIf = `${base}r`;
    await ip(['link', 'add', rootIf, 'type', 'veth', 'peer', 'name', base]);
    await ip(['link', 'set', base, 'netns', host.ns]);
    await ip(['addr', 'add', `${host.rootAddress}/30`, 'dev', rootIf]);
    await ip(['-n', host.ns, 'addr', 'add', `${host.mgmtAddress}/30`, 'dev', base]);
    await ip(['link', 'set', rootIf, 'up']);
    await ip(['-n', host.ns, 'link', 'set', base, 'up']);
  }

  spawnIn(
    host: NetnsHost,
    command: string,
    args: readonly string[],
    options: SpawnOptions = {},
  ): ChildProcess {
    const tool = ipTool();
    if (tool === undefined) throw new NetnsError('NO_IP_TOOL', 'iproute2 `ip` not found');
    return spawn(tool, ['netns', 'exec', host.ns, command, ...args], options);
  }

  async execIn(host: NetnsHost, command: string, args: readonly string[]): Promise<string> {
    return ip(['netns', 'exec', host.ns, command, ...args]);
  }

  async cutLink(): Promise<void> {
    await ip(['-n', this.hot.ns, 'link', 'set', this.dataLink.hotIf, 'down']);
    await ip(['-n', this.control.ns, 'link', 'set', this.dataLink.controlIf, 'down']);
  }

  async restoreLink(): Promise<void> {
    await ip(['-n', this.hot.ns, 'link', 'set', this.dataLink.hotIf, 'up']);
    await ip(['-n', this.control.ns, 'link', 'set', this.dataLink.controlIf, 'up']);
  }

  async linkUp(): Promise<boolean> {
    const a = await ip(['-n', this.hot.ns, '-o', 'link', 'show', this.dataLink.hotIf]);
    const b = await ip(['-n', this.control.ns, '-o', 'link', 'show', this.dataLink.controlIf]);
    return [a, b].every((line) => /<[^>]*\bUP\b[^>]*>/.test(line));
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    // Deleting a namespace deletes the veths inside it, and with them their root-side peers.
    for (const host of [this.hot, this.control]) {
      await ip(['netns', 'del', host.ns]).catch(() => undefined);
      live.delete(host.ns);
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.destroy();
  }
}
