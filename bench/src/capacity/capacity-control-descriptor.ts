// The shared control block between the capacity bench's main thread and its paced feed worker.
// The main thread sets RATE (events/s, 0 = pause) and STOP; the feed worker publishes how many
// messages it has normalized into the ring (PUBLISHED) and the monotonic time of its last
// rate change (RATE_SINCE_NS), so the main thread measures the offered rate it really got.
//
//    0      4      8             16              24                  32            40       64
//   +------+------+-------------+---------------+-------------------+-------------+--------+
//   | STOP | RATE |  PUBLISHED  | RATE_SINCE_NS | PUBLISHED_AT_RATE |   EVENTS    |reserved|
//   | i32  | i32  |     f64     |      f64      |        f64        |     f64     |        |
//   +------+------+-------------+---------------+-------------------+-------------+--------+
// PUBLISHED counts ITCH messages (the offered rate), EVENTS the market events they became in
// the ring (a few message types are only counted by the normalizer).
// The f64 words are written by the feed worker only, with plain stores (aligned 8-byte stores
// do not tear on the machines we run on); the main thread reads them as statistics.
export const CapacityControlDescriptor = {
  STOP_INDEX: 0,
  RATE_INDEX: 1,
  /** Float64 indexes. */
  PUBLISHED_D: 1,
  RATE_SINCE_NS_D: 2,
  /** Messages published when the current rate took effect. */
  PUBLISHED_AT_RATE_D: 3,
  EVENTS_D: 4,
  BYTES: 64,
} as const;
