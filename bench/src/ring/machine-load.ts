/**
 * How busy the machine was with OTHER work while the bench ran: on a shared 2-core box that is
 * what decides whether the numbers mean anything, so the report prints it. Linux /proc/stat
 * gives the machine's busy time, process.cpuUsage() ours (all threads); elsewhere only ours.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface LoadSnapshot {
  readonly wallMs: number;
  readonly processCpuMs: number;
  /** Machine busy and total CPU time in ms, or NaN when /proc/stat is not readable. */
  readonly machineBusyMs: number;
  readonly machineTotalMs: number;
}

export interface MachineLoad {
  /** Share of all cores this process used, 0..1. */
  readonly ours: number;
  /** Share of all cores other processes used meanwhile, 0..1 (NaN if unknown). */
  readonly others: number;
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

function procStat(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = cpu;
    const busy = user + nice + system + irq + softirq + (steal ?? 0);
    return { busy: busy * TICK_MS, total: (busy + idle + iowait) * TICK_MS };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

export function loadSnapshot(): LoadSnapshot {
  const usage = process.cpuUsage();
  const stat = procStat();
  return {
    wallMs: performance.now(),
    processCpuMs: (usage.user + usage.system) / 1000,
    machineBusyMs: stat.busy,
    machineTotalMs: stat.total,
  };
}

export function machineLoadSince(start: LoadSnapshot): MachineLoad {
  const end = loadSnapshot();
  const capacityMs = (end.wallMs - start.wallMs) * availableParallelism();
  const oursMs = end.processCpuMs - start.processCpuMs;
  const totalMs = end.machineTotalMs - start.machineTotalMs;
  const busyMs = end.machineBusyMs - start.machineBusyMs;
  return {
    ours: oursMs / capacityMs,
    others: totalMs > 0 ? Math.max(0, busyMs - oursMs) / totalMs : Number.NaN,
  };
}
