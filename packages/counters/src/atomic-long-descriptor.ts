// Layout of one "atomic long": a non-negative integer below 2^53 that a single writer updates
// and any thread reads, never torn, without BigInt (BigInt64Array + Atomics would allocate a
// BigInt per access, which the hot path forbids).
//
//    0               4               8               12              16
//    +---------------+---------------+---------------+---------------+
//    |    LO (i32)   |    HI (i32)   | VERSION (i32) |    unused     |
//    +---------------+---------------+---------------+---------------+
//
//    value = HI * 2^32 + (LO >>> 0)    (HI < 2^21, so value <= Number.MAX_SAFE_INTEGER)
//    LO holds the low 32 bits as an int32 bit pattern: V8 boxes Uint32 values above 2^31 when
//    they pass through Atomics, Int32 values it does not (see atomic-long.ts).
//
// Why this representation (test/counter-cost.bench.ts, 2-core box under load, p50 ns/update):
//   - a Float64 slot with a plain store costs ~4 ns but is NOT guaranteed untorn by the JS
//     memory model (only aligned integer typed-array accesses are "tear-free"), and Atomics
//     refuses Float64;
//   - a seqlock around every update (two extra seq-cst stores) costs ~19-24 ns;
//   - Atomics.add on one Int32 costs ~13-15 ns and only counts to 2^32;
//   - one Atomics.store of LO (what Counter.increment does) costs ~10-15 ns.
// So the writer stores LO alone (one seq-cst store) while HI does not change, which is every
// update but one in 2^32 for a counter counting up by small steps. Only when HI changes does it
// take the seqlock path: VERSION odd, LO, HI, VERSION even. A reader loads VERSION, HI, LO,
// VERSION (all Atomics.load); if both VERSION loads are equal and even, no HI change happened in
// between, so the HI it read is the HI of the LO it read: the pair is a value that really was
// stored. VERSION wraps after 2^31 carries, far beyond any counter's life.
//
// Offsets are in bytes; *_INDEX are the same positions in 32-bit words (Int32Array indices).

export const ATOMIC_LONG = {
  LO_OFFSET: 0,
  HI_OFFSET: 4,
  VERSION_OFFSET: 8,
  /** Bytes one cell occupies; cells start on 16-byte boundaries. */
  LENGTH: 16,
  LO_INDEX: 0,
  HI_INDEX: 1,
  VERSION_INDEX: 2,
  /** 2^32: weight of HI. */
  HI_WEIGHT: 4294967296,
  /** Largest value a cell holds. */
  MAX_VALUE: Number.MAX_SAFE_INTEGER,
} as const;
