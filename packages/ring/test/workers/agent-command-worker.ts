// Worker: an agent driven by AgentRunner whose doWork drains a bounded CommandQueue from the
// conductor (the main thread). Commands: ADD a0 (sum += a0), THROW (doWork throws: the runner
// must count it and go on), NOOP (just wakes a parked agent). Observable state goes to a shared
// Float64Array so the test can watch the running agent from the main thread.
import { workerData, parentPort } from 'node:worker_threads';
import { AgentControl, AgentRunner, CommandQueue, ParkIdleStrategy, nowNs } from '../../src/index.ts';
import type { Agent, AgentRunResult, CommandHandler, IdleStrategy } from '../../src/index.ts';
import { Op, Result } from './agent-command-protocol.ts';
import type { AgentCommandData } from './agent-command-protocol.ts';

const data = workerData as AgentCommandData;
const control = AgentControl.attach(data.control);
const commands = CommandQueue.attach(data.commands);
const results = new Float64Array(data.results);

class CommandedAgent implements Agent, CommandHandler {
  readonly roleName = 'commanded';

  onStart(): void {
    results[Result.STARTED] = 1;
  }

  doWork(): number {
    const drained = commands.drain(this, data.drainLimit);
    if (drained > results[Result.MAX_DRAINED_PER_CYCLE]) results[Result.MAX_DRAINED_PER_CYCLE] = drained;
    return drained;
  }

  onCommand(opcode: number, arg0: number): void {
    results[Result.HANDLED]++;
    if (opcode === Op.ADD) {
      results[Result.SUM] += arg0;
    } else if (opcode === Op.THROW) {
      throw new Error(`THROW command ${arg0}`);
    }
  }

  onClose(): void {
    results[Result.CLOSED] = 1;
  }
}

let idleStrategy: IdleStrategy | string = data.idle;
if (data.idle.startsWith('queue-park:')) {
  idleStrategy = new ParkIdleStrategy(commands.queue, Number(data.idle.slice('queue-park:'.length)));
}

const errors: string[] = [];
const result: AgentRunResult = new AgentRunner(new CommandedAgent(), {
  idleStrategy,
  control,
  deadlineNs: nowNs() + data.deadlineMs * 1e6,
  errorHandler: (error) => errors.push(String(error)),
}).run();
parentPort?.postMessage({ ...result, handlerErrors: errors });
