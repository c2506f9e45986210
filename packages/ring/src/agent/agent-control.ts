import { AgentError, AgentErrorCode } from './agent-error.ts';
import { AgentControlDescriptor as D } from './agent-control-descriptor.ts';
import type { AgentStateValue } from './agent-control-descriptor.ts';
import { parkOn, wakeParked } from './park-signal.ts';
import type { Parkable } from './parkable.ts';

/**
 * The shared block through which any thread stops an AgentRunner and reads its state, error
 * count and duty-cycle counts. Create it in the conductor, pass `buffer` in workerData, attach
 * it in the worker and give it to the runner.
 */
export class AgentControl implements Parkable {
  readonly buffer: SharedArrayBuffer;
  readonly flags: Int32Array;
  private readonly f64: Float64Array;

  static create(): AgentControl {
    const buffer = new SharedArrayBuffer(D.BYTE_LENGTH);
    new Int32Array(buffer)[D.MAGIC_INDEX] = D.MAGIC;
    return new AgentControl(buffer);
  }

  static attach(buffer: SharedArrayBuffer): AgentControl {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength !== D.BYTE_LENGTH) {
      throw new AgentError(AgentErrorCode.BAD_BUFFER, 'not an AgentControl buffer');
    }
    if (new Int32Array(buffer)[D.MAGIC_INDEX] !== D.MAGIC) {
      throw new AgentError(AgentErrorCode.BAD_BUFFER, 'AgentControl magic mismatch');
    }
    return new AgentControl(buffer);
  }

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer;
    this.flags = new Int32Array(buffer);
    this.f64 = new Float64Array(buffer);
  }

  /** Parkable: a runner idling on its control block sleeps here; requestStop wakes it. */
  park(timeoutMs: number): void {
    parkOn(this.flags, D.PARKED_INDEX, timeoutMs);
  }

  /** Any thread: asks the runner to stop after its current duty cycle and wakes it if parked. */
  requestStop(): void {
    Atomics.store(this.flags, D.STOP_REQUESTED_INDEX, 1);
    wakeParked(this.flags, D.PARKED_INDEX);
  }

  isStopRequested(): boolean {
    return Atomics.load(this.flags, D.STOP_REQUESTED_INDEX) !== 0;
  }

  state(): AgentStateValue {
    return Atomics.load(this.flags, D.STATE_INDEX) as AgentStateValue;
  }

  errorCount(): number {
    return Atomics.load(this.flags, D.ERROR_COUNT_INDEX);
  }

  /** Best-effort snapshot (plain read of a value the runner keeps writing). */
  dutyCycles(): number {
    return this.f64[D.DUTY_CYCLES_F64_INDEX];
  }

  /** Best-effort snapshot of the summed doWork results. */
  workCount(): number {
    return this.f64[D.WORK_COUNT_F64_INDEX];
  }

  // ── runner side (package-internal use by AgentRunner) ──

  /** @internal */
  setState(state: AgentStateValue): void {
    Atomics.store(this.flags, D.STATE_INDEX, state);
  }

  /** @internal */
  countError(): number {
    return Atomics.add(this.flags, D.ERROR_COUNT_INDEX, 1) + 1;
  }

  /** @internal */
  recordCycles(dutyCycles: number, workCount: number): void {
    this.f64[D.DUTY_CYCLES_F64_INDEX] = dutyCycles;
    this.f64[D.WORK_COUNT_F64_INDEX] = workCount;
  }
}
