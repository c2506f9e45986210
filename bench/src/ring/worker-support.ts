/**
 * What every bench worker needs around its hot loop: the go signal, the warm-up barrier, a
 * deadline, a GC observer for the measured part, and a sleep that gives the core away.
 * None of this runs per event.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { nowNs } from '@ringside/ring';
import { BenchControl } from './bench-control-descriptor.ts';
import type { BenchControlViews } from './bench-control-descriptor.ts';

const sleepWord = new Int32Array(new SharedArrayBuffer(4));

/** Gives the core away for about `micros` (Atomics.wait on a private word; timer slack applies). */
export function sleepMicros(micros: number): void {
  Atomics.wait(sleepWord, 0, 0, micros / 1000);
}

/** Blocks (no spinning) until the orchestrator sets GO; false if the deadline passed first. */
export function awaitGo(ctrl: BenchControlViews, deadlineNs: number): boolean {
  while (Atomics.load(ctrl.i32, BenchControl.GO) === 0) {
    if (nowNs() > deadlineNs) return false;
    Atomics.wait(ctrl.i32, BenchControl.GO, 0, 50);
  }
  return true;
}

/** Consumer side of the warm-up barrier. */
export function arriveWarmed(ctrl: BenchControlViews): void {
  Atomics.add(ctrl.i32, BenchControl.WARMED, 1);
  Atomics.notify(ctrl.i32, BenchControl.WARMED);
}

/** Producer side: blocks until `consumers` consumers finished their warm-up; false on deadline. */
export function awaitWarmed(ctrl: BenchControlViews, consumers: number, deadlineNs: number): boolean {
  for (;;) {
    const warmed = Atomics.load(ctrl.i32, BenchControl.WARMED);
    if (warmed >= consumers) return true;
    if (nowNs() > deadlineNs) return false;
    Atomics.wait(ctrl.i32, BenchControl.WARMED, warmed, 10);
  }
}

/**
 * Counts this thread's GC events over the measured part of a run. `start()` first collects
 * garbage (via --expose-gc set at runtime), so a GC seen afterwards can only come from
 * allocation in the measured loop, not from what setup and warm-up left in the young generation.
 */
export class GcWatch {
  private count = 0;
  private readonly observer = new PerformanceObserver((list) => {
    this.count += list.getEntries().length;
  });
  private readonly collect: () => void;

  constructor() {
    v8.setFlagsFromString('--expose-gc');
    this.collect = vm.runInNewContext('gc') as () => void;
  }

  start(): void {
    this.collect();
    this.count = 0;
    this.observer.observe({ entryTypes: ['gc'] });
  }

  /** Stops observing after letting queued entries arrive; returns the GC events seen. */
  async stop(): Promise<number> {
    await sleep(30);
    this.observer.disconnect();
    return this.count;
  }
}
