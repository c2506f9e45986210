/**
 * One monotonic nanosecond time base for every thread of the process, and every process on the
 * host: CLOCK_MONOTONIC as read by process.hrtime.bigint(), returned as a double.
 *
 * Why not performance.now() plus a calibrated offset (ARCHITECTURE.md's first design): on Node 24
 * `performance.now()` validates its receiver through a stack-hiding wrapper that allocates on
 * every call (10 M calls → ~80 scavenges, measured), which breaks the zero-GC rule. Node's
 * `process.hrtime.bigint()` instead reads a BigUint64Array the native side fills; storing that
 * value straight into our own BigUint64Array is lowered by TurboFan to a plain 64-bit move
 * (V8's BigInt64 lowering), and reading the two 32-bit halves back gives a double with no
 * BigInt or HeapNumber ever created (10 M calls → 0 GC events, checked by a test).
 * Caveats: interpreter and Maglev code (before a function is hot) do allocate a BigInt per call,
 * and like any function returning a double, a call site that is not inlined boxes the result —
 * `stampNs(f64, index)` writes into a typed array instead, so it never boxes.
 *
 * Precision: integers are exact in a double up to 2^53 ns (~104 days of host uptime); beyond
 * that stamps round to 2 ns, still non-decreasing.
 */

// Per-thread scratch: the native clock value lands here, then is read back as two uint32 halves.
const scratch = new BigUint64Array(1);
const halves = new Uint32Array(scratch.buffer);
const monotonicBigInt = process.hrtime.bigint;
const TWO_POW_32 = 4294967296;

/** CLOCK_MONOTONIC in nanoseconds (double), comparable across threads and processes. Hot path safe. */
export function nowNs(): number {
  scratch[0] = monotonicBigInt();
  return halves[1] * TWO_POW_32 + halves[0];
}

/** Writes nowNs() into `target[index]` (no double return, so no boxing even when not inlined). */
export function stampNs(target: Float64Array, index: number): void {
  scratch[0] = monotonicBigInt();
  target[index] = halves[1] * TWO_POW_32 + halves[0];
}
