// Exponential reconnect delay: first `initialMs`, doubled per failed attempt up to `maxMs`,
// back to `initialMs` after a successful login. One pending timer at most.
export class ReconnectBackoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private delayMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(initialMs: number, maxMs: number) {
    this.initialMs = initialMs;
    this.maxMs = Math.max(initialMs, maxMs);
    this.delayMs = initialMs;
  }

  /** Delay the next schedule() will use. */
  nextDelayMs(): number {
    return this.delayMs;
  }

  schedule(action: () => void): void {
    this.cancel();
    const delay = this.delayMs;
    this.delayMs = Math.min(delay * 2, this.maxMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      action();
    }, delay);
  }

  reset(): void {
    this.delayMs = this.initialMs;
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
