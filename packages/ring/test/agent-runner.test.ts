// AgentRunner in a real worker: it runs, drains its bounded command queue, idles (parks) when
// there is nothing to do, survives and counts a throwing doWork, and stops when another thread
// asks. Plus the runner's bounds, CompositeAgent fairness, CommandQueue and idle strategies
// in-thread. Budget 30 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AgentControl,
  AgentError,
  AgentRunner,
  AgentState,
  BackoffIdleStrategy,
  BusySpinIdleStrategy,
  CommandQueue,
  CompositeAgent,
  ParkIdleStrategy,
  ParkWord,
  SpinThenYieldIdleStrategy,
  SpscStatus,
  idleStrategyFromConfig,
  nowNs,
} from '../src/index.ts';
import type { Agent, AgentRunResult, CommandHandler, Parkable } from '../src/index.ts';
import { startWorker } from './workers/agent-harness.ts';
import { Op, Result } from './workers/agent-command-protocol.ts';
import type { AgentCommandData } from './workers/agent-command-protocol.ts';

type WorkerResult = AgentRunResult & { readonly handlerErrors: string[] };

const WORKER_URL = new URL('./workers/agent-command-worker.ts', import.meta.url);

async function until(what: string, condition: () => boolean, timeoutMs = 3_000): Promise<number> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return Date.now() - start;
}

function startCommandWorker(idle: string, drainLimit: number) {
  const control = AgentControl.create();
  const commands = CommandQueue.create(64);
  const results = new Float64Array(new SharedArrayBuffer(Result.LENGTH * 8));
  const data: AgentCommandData = {
    control: control.buffer,
    commands: commands.buffer,
    results: results.buffer as SharedArrayBuffer,
    idle,
    drainLimit,
    deadlineMs: 20_000,
  };
  console.log(`config: ${JSON.stringify({ idle, drainLimit, commandCapacity: 64, deadlineMs: 20_000 })}`);
  const run = startWorker<WorkerResult>(WORKER_URL, data, 25_000);
  return { control, commands, results, run };
}

test('worker agent drains commands, idles, survives throwing doWork, stops from another thread', async () => {
  // Parks 5 s per idle cycle on the command queue: only the queue's wake makes it responsive.
  const { control, commands, results, run } = startCommandWorker('queue-park:5000000', 4);
  await until('RUNNING', () => control.state() === AgentState.RUNNING);
  assert.equal(results[Result.STARTED], 1, 'onStart ran');

  let expected = 0;
  for (let i = 1; i <= 100; i++) {
    assert.equal(commands.offer(Op.ADD, i), SpscStatus.OK);
    expected += i;
    // One at a time: each command must wake the parked agent (else this takes 5 s per command).
    await until(`ADD ${i}`, () => results[Result.SUM] === expected, 2_000);
  }

  const cyclesBefore = control.dutyCycles();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const idleCycles = control.dutyCycles() - cyclesBefore;
  console.log(`duty cycles during 300 ms idle: ${idleCycles}`);
  assert.ok(idleCycles <= 2, 'an idle parked agent does not spin');

  for (let i = 0; i < 3; i++) commands.offer(Op.THROW, i);
  await until('3 errors counted', () => control.errorCount() === 3);
  commands.offer(Op.ADD, 1000);
  await until('work after errors', () => results[Result.SUM] === expected + 1000);
  assert.equal(control.state(), AgentState.RUNNING, 'the loop survived');

  for (let i = 0; i < 40; i++) assert.equal(commands.offer(Op.ADD, 1), SpscStatus.OK);
  await until('burst drained', () => results[Result.SUM] === expected + 1040);
  assert.ok(results[Result.MAX_DRAINED_PER_CYCLE] <= 4, 'never more than the drain limit per doWork');

  control.requestStop();
  commands.offer(Op.NOOP); // wake it from its park on the queue
  const result = await run.result;
  console.log(`runner result: ${JSON.stringify(result)}`);
  assert.equal(result.reason, 'stopped');
  assert.equal(result.errors, 3);
  assert.equal(result.handlerErrors.length, 3);
  assert.match(result.handlerErrors[0], /THROW command 0/);
  assert.equal(result.idleStrategy, 'park:5000000us');
  // The NOOP only woke it: the stop flag is checked before the next doWork, so it stays queued.
  assert.equal(results[Result.HANDLED], 100 + 3 + 1 + 40);
  assert.equal(commands.queue.size(), 1);
  assert.equal(results[Result.CLOSED], 1, 'onClose ran');
  assert.equal(control.state(), AgentState.CLOSED);
  assert.equal(commands.offerFailures(), 0);
});

test('requestStop wakes a runner parked on its control block', async () => {
  const { control, run } = startCommandWorker('park:5000000', 4);
  await until('RUNNING', () => control.state() === AgentState.RUNNING);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const start = nowNs();
  control.requestStop();
  const result = await run.result;
  const stopMs = (nowNs() - start) / 1e6;
  console.log(`stopped ${stopMs.toFixed(1)} ms after requestStop (park timeout 5000 ms)`);
  assert.equal(result.reason, 'stopped');
  assert.ok(stopMs < 2_000, 'woken, not timed out');
});

class Counting implements Agent {
  readonly roleName: string;
  calls = 0;
  private readonly throwEvery: number;
  constructor(roleName: string, throwEvery = 0) {
    this.roleName = roleName;
    this.throwEvery = throwEvery;
  }
  doWork(): number {
    this.calls++;
    if (this.throwEvery > 0 && this.calls % this.throwEvery === 0) throw new Error(`${this.roleName} fails`);
    return 1;
  }
}

test('runner bounds: max duty cycles, deadline, failed start, single use', () => {
  const a = new Counting('a');
  const r1 = new AgentRunner(a, { idleStrategy: 'busy-spin', maxDutyCycles: 1000 });
  const res1 = r1.run();
  assert.equal(res1.reason, 'max-duty-cycles');
  assert.equal(res1.dutyCycles, 1000);
  assert.equal(res1.workCount, 1000);
  assert.equal(a.calls, 1000);
  assert.throws(
    () => r1.run(),
    (e: unknown) => e instanceof AgentError && e.code === 'AGENT_ALREADY_RUN',
  );

  const idle: Agent = { roleName: 'idle', doWork: () => 0 };
  const start = nowNs();
  const res2 = new AgentRunner(idle, {
    idleStrategy: 'park:1000',
    deadlineNs: start + 50e6,
    maxDutyCycles: 1e6,
  }).run();
  const ms = (nowNs() - start) / 1e6;
  assert.equal(res2.reason, 'deadline');
  assert.ok(ms >= 50 && ms < 1_000, `deadline honoured (${ms} ms)`);
  assert.ok(res2.dutyCycles < 1_000, 'parked between cycles');

  let closed = 0;
  const seen: unknown[] = [];
  const failing: Agent = {
    roleName: 'failing',
    onStart: () => {
      throw new Error('no start');
    },
    doWork: () => 1,
    onClose: () => {
      closed++;
    },
  };
  const res3 = new AgentRunner(failing, {
    idleStrategy: new BusySpinIdleStrategy(),
    errorHandler: (e) => seen.push(e),
    maxDutyCycles: 10,
  }).run();
  assert.equal(res3.reason, 'start-failed');
  assert.equal(res3.dutyCycles, 0);
  assert.equal(res3.errors, 1);
  assert.equal(closed, 1, 'onClose still runs');
  assert.equal(seen.length, 1);
});

test('a throwing error handler does not stop the loop; errors still counted', () => {
  const agent = new Counting('thrower', 1);
  const res = new AgentRunner(agent, {
    idleStrategy: 'busy-spin',
    maxDutyCycles: 100,
    errorHandler: () => {
      throw new Error('handler broke');
    },
  }).run();
  assert.equal(res.reason, 'max-duty-cycles');
  assert.equal(res.errors, 100);
  assert.equal(res.workCount, 0);
});

test('CompositeAgent: a throwing agent does not starve the ones after it', () => {
  // `a` throws on every call: restarting at `a` each cycle would never reach `b`.
  const a = new Counting('a', 1);
  const b = new Counting('b');
  const c = new Counting('c');
  const composite = new CompositeAgent([a, b, c]);
  assert.equal(composite.roleName, 'composite[a,b,c]');
  const res = new AgentRunner(composite, {
    idleStrategy: 'busy-spin',
    maxDutyCycles: 30,
    errorHandler: () => {},
  }).run();
  assert.equal(res.errors, 15);
  assert.equal(a.calls, 15);
  assert.equal(b.calls, 15, 'the cycle after a failure resumes with the next agent');
  assert.equal(c.calls, 15);
  assert.equal(res.workCount, 30);
});

test('CommandQueue: bounded, ordered, counted failures, drain limit', () => {
  const q = CommandQueue.create(4);
  const consumer = CommandQueue.attach(q.buffer);
  for (let i = 0; i < 4; i++) assert.equal(q.offer(Op.ADD, i, i * 0.5, -i), SpscStatus.OK);
  assert.equal(q.offer(Op.ADD, 99), SpscStatus.FULL);
  assert.equal(q.offerFailures(), 1);
  const got: number[][] = [];
  const handler: CommandHandler = {
    onCommand: (op, a0, a1, a2) => {
      got.push([op, a0, a1, a2]);
    },
  };
  assert.equal(consumer.drain(handler, 3), 3);
  assert.equal(consumer.drain(handler, 3), 1);
  assert.equal(consumer.drain(handler, 3), 0);
  assert.deepEqual(got, [
    [1, 0, 0, -0],
    [1, 1, 0.5, -1],
    [1, 2, 1, -2],
    [1, 3, 1.5, -3],
  ]);
});

/** A Parkable that records the timeouts it is asked to park for (it does not sleep). */
class RecordingParkable implements Parkable {
  readonly timeouts: number[] = [];
  park(timeoutMs: number): void {
    this.timeouts.push(timeoutMs);
  }
}

test('idle strategies: factory, names, backoff progression, yielding gives the core away', () => {
  assert.equal(idleStrategyFromConfig('busy-spin').name, 'busy-spin');
  assert.equal(idleStrategyFromConfig('spin-yield').name, 'spin-yield:100,1us');
  assert.equal(idleStrategyFromConfig('spin-yield:5').name, 'spin-yield:5,1us');
  assert.equal(idleStrategyFromConfig('park:250').name, 'park:250us');
  assert.equal(idleStrategyFromConfig('park:250us').name, 'park:250us');
  assert.equal(idleStrategyFromConfig('backoff').name, 'backoff:100,10,1-1000us');
  assert.equal(idleStrategyFromConfig('backoff:64').name, 'backoff:100,10,1-64us');
  for (const bad of [
    '',
    'spin',
    'park',
    'park:0',
    'park:-5',
    'park:abc',
    'park:60000001',
    'busy-spin:1',
    'a:b:c',
  ]) {
    assert.throws(
      () => idleStrategyFromConfig(bad),
      (e: unknown) => e instanceof AgentError && e.code === 'AGENT_BAD_IDLE_CONFIG',
      bad,
    );
  }

  const recorder = new RecordingParkable();
  const backoff = new BackoffIdleStrategy(recorder, {
    maxSpins: 3,
    maxYields: 2,
    minParkMicros: 10,
    maxParkMicros: 80,
  });
  for (let i = 0; i < 10; i++) backoff.idle(0);
  assert.deepEqual(recorder.timeouts, [0.01, 0.02, 0.04, 0.08, 0.08], 'spin 3, yield 2, then park doubling');
  backoff.idle(1);
  for (let i = 0; i < 6; i++) backoff.idle(0);
  assert.deepEqual(recorder.timeouts.slice(5), [0.01], 'work resets the backoff');

  const parker = new RecordingParkable();
  const park = new ParkIdleStrategy(parker, 500);
  park.idle(3);
  park.idle(0);
  assert.deepEqual(parker.timeouts, [0.5], 'parks only when idle');

  const spinYield = new SpinThenYieldIdleStrategy(10, 1);
  let start = nowNs();
  for (let i = 0; i < 10; i++) spinYield.idle(0);
  const spinNs = nowNs() - start;
  start = nowNs();
  for (let i = 0; i < 200; i++) spinYield.idle(0);
  const yieldNs = nowNs() - start;
  console.log(`10 spins: ${spinNs} ns; 200 yields: ${(yieldNs / 1e3).toFixed(0)} us`);
  assert.ok(yieldNs >= 200 * 1_000, 'each yield sleeps at least its 1 us timeout');

  const word = new ParkWord(new Int32Array(new SharedArrayBuffer(4)), 0);
  assert.equal(word.wake(), false, 'no notify while nobody is parked');
  start = nowNs();
  word.park(5);
  assert.ok(nowNs() - start >= 4e6, 'an unwoken park lasts its timeout');
  assert.equal(Atomics.load(word.flags, 0), 0, 'flag cleared after the park');
});
