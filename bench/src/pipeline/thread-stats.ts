// Per-thread CPU time and context switches of this process, read from /proc/self/task (Linux):
// the pipeline bench snapshots them around the measured window to show how many threads were
// runnable on our 2 cores and how often the scheduler took a core away from each one
// (involuntary switches). Worker threads carry their Worker `name` as the thread name (comm).
// Control plane only (allocates); without /proc the snapshot is empty.
import { readdirSync, readFileSync } from 'node:fs';

export interface ThreadSample {
  readonly tid: number;
  readonly name: string;
  /** utime + stime, in clock ticks. */
  readonly cpuTicks: number;
  readonly voluntary: number;
  readonly involuntary: number;
}

/** Linux USER_HZ: /proc stat times are in 1/100 s on every mainstream kernel config. */
const TICKS_PER_SECOND = 100;

export function snapshotThreads(): Map<number, ThreadSample> {
  const out = new Map<number, ThreadSample>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const t of tids) {
    try {
      const dir = `/proc/self/task/${t}`;
      const name = readFileSync(`${dir}/comm`, 'utf8').trim();
      const stat = readFileSync(`${dir}/stat`, 'utf8');
      // Fields after the parenthesised comm: state is field 3; utime, stime are 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpuTicks = Number(fields[11]) + Number(fields[12]);
      const status = readFileSync(`${dir}/status`, 'utf8');
      const num = (key: string): number =>
        Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      out.set(Number(t), {
        tid: Number(t),
        name,
        cpuTicks,
        voluntary: num('voluntary_ctxt_switches'),
        involuntary: num('nonvoluntary_ctxt_switches'),
      });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

export interface ThreadUsage {
  readonly name: string;
  /** Share of one core over the window, in percent. */
  readonly cpuPercent: number;
  readonly voluntaryPerSec: number;
  readonly involuntaryPerSec: number;
}

/** Usage per thread between two snapshots `ms` apart, busiest first; idle helpers (< 0.5 %) left out. */
export function threadUsage(
  before: Map<number, ThreadSample>,
  after: Map<number, ThreadSample>,
  ms: number,
): ThreadUsage[] {
  const rows: ThreadUsage[] = [];
  for (const [tid, a] of after) {
    const b = before.get(tid);
    if (b === undefined) continue;
    const cpuPercent = (((a.cpuTicks - b.cpuTicks) / TICKS_PER_SECOND) * 100_000) / ms;
    if (cpuPercent < 0.5) continue;
    rows.push({
      name: a.name,
      cpuPercent,
      voluntaryPerSec: ((a.voluntary - b.voluntary) * 1000) / ms,
      involuntaryPerSec: ((a.involuntary - b.involuntary) * 1000) / ms,
    });
  }
  return rows.sort((x, y) => y.cpuPercent - x.cpuPercent);
}

export function formatThreadUsage(rows: readonly ThreadUsage[]): string[] {
  const total = rows.reduce((s, r) => s + r.cpuPercent, 0);
  return [
    `threads (measured window; ${total.toFixed(0)} % of one core in total, 200 % = both cores):`,
    ...rows.map(
      (r) =>
        `    ${r.name.padEnd(16)} cpu ${r.cpuPercent.toFixed(1).padStart(5)} %  switches/s voluntary ${r.voluntaryPerSec.toFixed(0).padStart(6)}, involuntary (preempted) ${r.involuntaryPerSec.toFixed(0).padStart(5)}`,
    ),
  ];
}
