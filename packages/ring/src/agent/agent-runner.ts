import { nowNs } from '../clock/monotonic-clock.ts';
import type { Agent } from './agent.ts';
import { AgentControl } from './agent-control.ts';
import { AgentControlDescriptor as D, AgentState } from './agent-control-descriptor.ts';
import { AgentError, AgentErrorCode } from './agent-error.ts';
import type { IdleStrategy } from './idle-strategy.ts';
import { idleStrategyFromConfig } from './idle-strategy-factory.ts';

export type AgentErrorHandler = (error: unknown, roleName: string) => void;

export interface AgentRunnerOptions {
  /** An idle strategy, or its config string (parking strategies then park on the control word). */
  readonly idleStrategy: IdleStrategy | string;
  /** Shared stop/status block; default: a new one (read it back from `runner.control`). */
  readonly control?: AgentControl;
  /** Receives every error thrown by the agent; default: stderr, at error counts 1, 2, 4, 8, ... */
  readonly errorHandler?: AgentErrorHandler;
  /** Stop after this many duty cycles (default: unbounded). */
  readonly maxDutyCycles?: number;
  /** Stop once nowNs() passes this value (default: none). Checked after idle cycles and every 1024 busy ones. */
  readonly deadlineNs?: number;
}

export type AgentStopReason = 'stopped' | 'max-duty-cycles' | 'deadline' | 'start-failed';

export interface AgentRunResult {
  readonly roleName: string;
  readonly idleStrategy: string;
  readonly reason: AgentStopReason;
  readonly dutyCycles: number;
  readonly workCount: number;
  readonly errors: number;
}

const DEADLINE_CHECK_MASK = 1023;

/**
 * Drives one agent on the current thread (Agrona AgentRunner): doWork, idle, repeat until another
 * thread calls control.requestStop(), or a bound in the options is hit. An exception from doWork
 * goes to the error handler and the control block's error counter; the loop goes on. run() blocks
 * its thread: call it in a worker.
 */
export class AgentRunner {
  readonly agent: Agent;
  readonly idleStrategy: IdleStrategy;
  readonly control: AgentControl;
  private readonly errorHandler: AgentErrorHandler;
  private readonly maxDutyCycles: number;
  private readonly deadlineNs: number;
  private readonly stats: Float64Array;
  private started = false;

  constructor(agent: Agent, options: AgentRunnerOptions) {
    const maxDutyCycles = options.maxDutyCycles ?? Number.POSITIVE_INFINITY;
    if (!(maxDutyCycles >= 0)) {
      throw new AgentError(AgentErrorCode.BAD_OPTION, `maxDutyCycles must be >= 0, got ${maxDutyCycles}`);
    }
    this.agent = agent;
    this.control = options.control ?? AgentControl.create();
    this.idleStrategy =
      typeof options.idleStrategy === 'string'
        ? idleStrategyFromConfig(options.idleStrategy, this.control)
        : options.idleStrategy;
    this.errorHandler = options.errorHandler ?? defaultErrorHandler;
    this.maxDutyCycles = maxDutyCycles;
    this.deadlineNs = options.deadlineNs ?? Number.POSITIVE_INFINITY;
    this.stats = new Float64Array(this.control.buffer);
  }

  /** Runs to completion on this thread. Throws AgentError ALREADY_RUN on a second call. */
  run(): AgentRunResult {
    if (this.started) {
      throw new AgentError(AgentErrorCode.ALREADY_RUN, `agent ${this.agent.roleName} was already run`);
    }
    this.started = true;
    this.control.setState(AgentState.RUNNING);
    this.control.recordCycles(0, 0);
    let reason: AgentStopReason = 'start-failed';
    if (this.startAgent()) {
      this.idleStrategy.reset();
      reason = this.dutyCycleLoop();
    }
    this.closeAgent();
    this.control.setState(AgentState.CLOSED);
    return {
      roleName: this.agent.roleName,
      idleStrategy: this.idleStrategy.name,
      reason,
      dutyCycles: this.control.dutyCycles(),
      workCount: this.control.workCount(),
      errors: this.control.errorCount(),
    };
  }

  private dutyCycleLoop(): AgentStopReason {
    const agent = this.agent;
    const idle = this.idleStrategy;
    const flags = this.control.flags;
    // Counters live in the shared status line (typed-array slots never box, unlike loop doubles).
    const stats = this.stats;
    const maxDutyCycles = this.maxDutyCycles;
    const deadlineNs = this.deadlineNs;
    const hasDeadline = deadlineNs !== Number.POSITIVE_INFINITY;
    let sinceDeadlineCheck = 0;
    for (;;) {
      if (Atomics.load(flags, D.STOP_REQUESTED_INDEX) !== 0) {
        return 'stopped';
      }
      if (stats[D.DUTY_CYCLES_F64_INDEX] >= maxDutyCycles) {
        return 'max-duty-cycles';
      }
      let work = 0;
      try {
        work = agent.doWork();
      } catch (error) {
        this.handleError(error);
      }
      stats[D.DUTY_CYCLES_F64_INDEX] += 1;
      if (work > 0) {
        stats[D.WORK_COUNT_F64_INDEX] += work;
      }
      idle.idle(work);
      // Busy cycles read the clock every 1024th time; idle ones every time, since an idle cycle
      // may have parked for a whole timeout and a clock read is cheap next to any wait.
      if (hasDeadline && (work <= 0 || ++sinceDeadlineCheck > DEADLINE_CHECK_MASK)) {
        sinceDeadlineCheck = 0;
        if (nowNs() >= deadlineNs) {
          return 'deadline';
        }
      }
    }
  }

  private startAgent(): boolean {
    try {
      this.agent.onStart?.();
      return true;
    } catch (error) {
      this.handleError(error);
      return false;
    }
  }

  private closeAgent(): void {
    try {
      this.agent.onClose?.();
    } catch (error) {
      this.handleError(error);
    }
  }

  private handleError(error: unknown): void {
    this.control.countError();
    try {
      this.errorHandler(error, this.agent.roleName);
    } catch {
      // A failing error handler must not take the duty cycle down with it; the count stands.
    }
  }
}

let defaultHandlerCalls = 0;

function defaultErrorHandler(error: unknown, roleName: string): void {
  defaultHandlerCalls++;
  // Powers of two only: a doWork that throws every cycle must not flood stderr.
  if ((defaultHandlerCalls & (defaultHandlerCalls - 1)) === 0) {
    console.error(`[agent ${roleName}] error #${defaultHandlerCalls}:`, error);
  }
}
