/**
 * How an agent waits when its duty cycle found nothing to do (Agrona IdleStrategy).
 * `idle(workCount)` is called after every doWork: a positive count means "busy, don't wait"
 * and resets any backoff; 0 means idle. Implementations allocate nothing per call.
 */
export interface IdleStrategy {
  /** Stable name for printed configurations, e.g. "busy-spin", "park:100us". */
  readonly name: string;
  idle(workCount: number): void;
  /** Forget accumulated backoff (the next idle starts from the cheapest wait). */
  reset(): void;
}
