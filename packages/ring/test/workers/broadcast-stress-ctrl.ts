/** Int32 words of the stress test's control block (test scaffolding, not a ring layout). */
export const Ctrl = {
  DONE: 0,
  FINAL_TAIL: 1,
  PUBLISHED: 2,
  SLEEP: 3,
  WORDS: 4,
} as const;
