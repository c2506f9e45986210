// The machine-readable summary: with --json, the LAST stdout line is exactly
//   {"chaos":[{"name":…,"passed":…,"detectMs":…,"recoverMs":…,"lostOrders":…,"duplicateOrders":…,
//              "uncountedLoss":…,"decisionP99DuringNs":…,"decisionP99BaselineNs":…}]}
// with the keys in that order and nothing else. Figures not measured are -1.
import type { ChaosResult } from './scenario.ts';

export interface ChaosJsonEntry {
  readonly name: string;
  readonly passed: boolean;
  readonly detectMs: number;
  readonly recoverMs: number;
  readonly lostOrders: number;
  readonly duplicateOrders: number;
  readonly uncountedLoss: number;
  readonly decisionP99DuringNs: number;
  readonly decisionP99BaselineNs: number;
}

/** JSON has no NaN/Infinity: anything not finite is reported as not measured. */
function num(x: number): number {
  return Number.isFinite(x) ? Math.round(x) : -1;
}

export function chaosJsonEntry(r: ChaosResult): ChaosJsonEntry {
  const f = r.figures;
  return {
    name: r.name,
    passed: r.passed,
    detectMs: num(f.detectMs),
    recoverMs: num(f.recoverMs),
    lostOrders: num(f.lostOrders),
    duplicateOrders: num(f.duplicateOrders),
    uncountedLoss: num(f.uncountedLoss),
    decisionP99DuringNs: num(f.decisionP99DuringNs),
    decisionP99BaselineNs: num(f.decisionP99BaselineNs),
  };
}

export function chaosJsonLine(results: readonly ChaosResult[]): string {
  return JSON.stringify({ chaos: results.map(chaosJsonEntry) });
}
