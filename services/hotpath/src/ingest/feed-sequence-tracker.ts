// Keeps the ring's feed sequence honest across reconnects: every sequence number reaches the
// ring at most once and in increasing order, and every hole is announced by a GAP event.
//
// SoupBinTCP numbers messages implicitly (the n-th Sequenced Data packet after Login Accepted
// with sequence s is s + n), so a hole appears only when a server resumes us past what we asked
// for (it no longer retains those messages), or when a source hands us a wrong number. A number
// below the expected one is a replayed duplicate: dropped and counted, never republished.
import { IngestTally } from './ingest-counters.ts';
import type { ItchNormalizer } from './itch-normalizer.ts';

/** accept() results. */
export const SequenceVerdict = {
  /** In order: deliver it. */
  DELIVER: 0,
  /** After a hole, now announced by a GAP event: deliver it. */
  DELIVER_AFTER_GAP: 1,
  /** Already delivered: drop it. */
  DUPLICATE: -1,
} as const;

export class FeedSequenceTracker {
  private readonly normalizer: ItchNormalizer;
  private readonly scalars: Float64Array;
  /** [0] = next expected sequence (a typed array: updating it never boxes a double). */
  private readonly state = new Float64Array(1);

  constructor(normalizer: ItchNormalizer, firstSequence: number) {
    this.normalizer = normalizer;
    this.scalars = normalizer.tallies.scalars;
    this.state[0] = firstSequence;
  }

  /** The next sequence number the ring expects. */
  get expected(): number {
    return this.state[0]!;
  }

  /**
   * Checks `sequence` before its message is normalized; publishes a GAP event (stamped with the
   * normalizer's context INGEST_NS) for a hole.
   */
  accept(sequence: number): number {
    const state = this.state;
    const expected = state[0]!;
    if (sequence === expected) {
      state[0] = expected + 1;
      return SequenceVerdict.DELIVER;
    }
    if (sequence < expected) {
      this.scalars[IngestTally.DUPLICATES]++;
      return SequenceVerdict.DUPLICATE;
    }
    this.normalizer.publishGap(expected, sequence - expected);
    state[0] = sequence + 1;
    return SequenceVerdict.DELIVER_AFTER_GAP;
  }
}
