// Slowing ONE thread of a running process from the outside, without any hook in its code: Node
// names each worker's OS thread after the Worker's `name` (`decision-1` → /proc/<pid>/task/<tid>/
// comm), so the harness finds it and moves that thread alone into a cgroup (v1 `cpu` controller:
// threads move one by one through `tasks`) whose CFS quota is 1 ms per second — the thread gets
// 0.1 % of a core, the rest of the process (and the machine's second core) is untouched. A first
// version pinned the thread under SCHED_IDLE beside a spinner; the spinner took a whole core
// from the other threads and the measured p99 was the injector's, not the system's.
// Release: move the thread back to its own cgroup, remove ours. Needs root and cgroup v1 cpu.
// Not the slow-consumer scenario's fault any more: V8 serialises every Atomics.wait/notify of a
// process on one mutex, and a thread starved of CPU while holding it stalls every parked thread
// of the process (docs/ARCHITECTURE.md) — the throttled decision worker took the other one down
// with it. Use it for faults where that is the point (a whole-process CPU famine); slow one
// worker through its strategy instead (SetStrategyParam workNs / stallMs).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NotRunnableError } from './scenario.ts';

const CPU_ROOT = '/sys/fs/cgroup/cpu';
const PERIOD_US = 1_000_000;
const QUOTA_US = 1_000;

export async function findThread(pid: number, name: string): Promise<number | undefined> {
  let tids: string[];
  try {
    tids = await readdir(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  for (const tid of tids) {
    const comm = await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === name) return Number(tid);
  }
  return undefined;
}

export function threadFaultSkipReason(): string | false {
  if (process.platform !== 'linux') return 'thread stalls need Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return 'moving a thread between cgroups needs root';
  if (!existsSync(path.join(CPU_ROOT, 'tasks'))) return 'no cgroup v1 cpu controller at /sys/fs/cgroup/cpu';
  return false;
}

/** The thread's cpu cgroup path (relative, e.g. "/"), from /proc/<pid>/task/<tid>/cgroup. */
async function cpuCgroupOf(pid: number, tid: number): Promise<string> {
  const text = await readFile(`/proc/${pid}/task/${tid}/cgroup`, 'utf8');
  for (const line of text.split('\n')) {
    const [, controllers, p] = line.split(':');
    if (controllers !== undefined && controllers.split(',').includes('cpu') && p !== undefined) return p;
  }
  return '/';
}

export class ThreadStall {
  readonly pid: number;
  readonly tid: number;
  #group: string | undefined;
  #home = '/';

  constructor(pid: number, tid: number) {
    this.pid = pid;
    this.tid = tid;
  }

  static async of(pid: number, threadName: string): Promise<ThreadStall> {
    const skip = threadFaultSkipReason();
    if (skip !== false) throw new NotRunnableError(skip);
    const tid = await findThread(pid, threadName);
    if (tid === undefined) throw new Error(`no thread named ${threadName} in process ${pid}`);
    return new ThreadStall(pid, tid);
  }

  /** Throttle the thread to 0.1 % of a core until end(). */
  async begin(): Promise<void> {
    this.#home = await cpuCgroupOf(this.pid, this.tid);
    const group = path.join(CPU_ROOT, `ringside-chaos-${process.pid}-${randomBytes(3).toString('hex')}`);
    await mkdir(group);
    this.#group = group;
    await writeFile(path.join(group, 'cpu.cfs_period_us'), String(PERIOD_US));
    await writeFile(path.join(group, 'cpu.cfs_quota_us'), String(QUOTA_US));
    await writeFile(path.join(group, 'tasks'), String(this.tid));
  }

  /** Release the thread (idempotent); the cgroup goes too. */
  async end(): Promise<void> {
    const group = this.#group;
    if (group === undefined) return;
    this.#group = undefined;
    // The thread may be gone (process killed): then the group is already empty.
    await writeFile(path.join(CPU_ROOT, this.#home, 'tasks'), String(this.tid)).catch(() => undefined);
    await rmdir(group).catch(() => undefined);
  }

  /** CFS throttling seen by the group so far (nr_throttled periods), -1 if unreadable. */
  async throttledPeriods(): Promise<number> {
    if (this.#group === undefined) return -1;
    const text = await readFile(path.join(this.#group, 'cpu.stat'), 'utf8').catch(() => '');
    const m = /nr_throttled (\d+)/.exec(text);
    return m === null ? -1 : Number(m[1]);
  }
}
