// Worker: runs each hot loop 10 M times after a warm-up and records PerformanceObserver 'gc'
// entries that start inside each loop's time window. An allocating control loop runs the same
// way and must show GC entries, which proves the observer would catch allocation.
import { workerData, parentPort } from 'node:worker_threads';
import { PerformanceObserver } from 'node:perf_hooks';
import { AgentRunner, CommandQueue, SpscQueue, nowNs, stampNs } from '../../src/index.ts';
import type { Agent, CommandHandler, SpscHandler } from '../../src/index.ts';

export interface ZeroGcData {
  readonly events: number;
}

export interface LoopReport {
  readonly name: string;
  readonly events: number;
  readonly gcEvents: number;
  readonly ms: number;
  /** Loop-specific check that the loop did its real work (must equal `expect`). */
  readonly check: number;
  readonly expect: number;
}

const { events } = workerData as ZeroGcData;
const gcStarts: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
});
observer.observe({ entryTypes: ['gc'] });

const queue = SpscQueue.create({ capacity: 1024, slotBytes: 64 });
const consumer = SpscQueue.attach(queue.buffer);
const src = new Uint8Array(64);
const srcI32 = new Int32Array(src.buffer);
// [0] next expected seq, [1] received, [2] order errors, [3] clock: last, [4] clock: backwards
const state = new Float64Array(8);

class SeqChecker implements SpscHandler {
  onEvent(_b: Uint8Array, i32: Int32Array, _f: Float64Array, _d: DataView, offset: number): void {
    if (i32[offset >> 2] !== (state[0] | 0)) state[2]++;
    state[0] = (state[0] + 1) | 0;
    state[1]++;
  }
}
const checker = new SeqChecker();

function offerPoll(n: number): number {
  for (let i = 0; i < n; i++) {
    srcI32[0] = i;
    srcI32[1] = i * 3;
    if (queue.offer(src, 0) < 0) state[2]++;
    if ((i & 15) === 15) consumer.poll(checker, 64);
  }
  while (consumer.poll(checker, 64) > 0);
  return state[1];
}

function claimCommitPoll(n: number): number {
  const i32 = queue.i32;
  const f64 = queue.f64;
  for (let i = 0; i < n; i++) {
    const offset = queue.claim();
    if (offset < 0) {
      state[2]++;
      continue;
    }
    i32[offset >> 2] = i;
    f64[(offset >> 3) + 1] = i * 0.5;
    queue.commit();
    if ((i & 15) === 15) {
      queue.flush();
      consumer.poll(checker, 64);
    }
  }
  queue.flush();
  while (consumer.poll(checker, 64) > 0);
  return state[1];
}

function clockLoop(n: number): number {
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const t = nowNs();
    if (t < state[3]) state[4]++;
    else ok++;
    state[3] = t;
  }
  return ok;
}

const stamps = new Float64Array(2);
function stampLoop(n: number): number {
  let ok = 0;
  for (let i = 0; i < n; i++) {
    stampNs(stamps, 0);
    if (stamps[0] >= stamps[1]) ok++;
    stamps[1] = stamps[0];
  }
  return ok;
}

// An agent under AgentRunner: each duty cycle feeds itself one command every 64 cycles and
// drains its CommandQueue (bounded), then offers and polls one queue event. The window is taken
// in onStart/onClose, so run()'s one result object at the end stays outside it.
const commandsIn = CommandQueue.create(64);
const commandsOut = CommandQueue.attach(commandsIn.buffer);
const window = new Float64Array(2);
class DutyCycleAgent implements Agent, CommandHandler {
  readonly roleName = 'zero-gc-agent';
  onStart(): void {
    window[0] = performance.now();
  }
  doWork(): number {
    const cycle = state[5]++;
    if ((cycle & 63) === 0) commandsIn.offer(1, cycle);
    let work = commandsOut.drain(this, 4);
    srcI32[0] = state[0] | 0;
    if (queue.offer(src, 0) >= 0) work++;
    return work + consumer.poll(checker, 64);
  }
  onCommand(_opcode: number, arg0: number): void {
    if (arg0 !== state[6]) state[2]++;
    state[6] += 64;
  }
  onClose(): void {
    window[1] = performance.now();
  }
}
const dutyCycleAgent = new DutyCycleAgent();
function agentRunnerLoop(n: number): number {
  const result = new AgentRunner(dutyCycleAgent, { idleStrategy: 'busy-spin', maxDutyCycles: n }).run();
  return result.dutyCycles === n ? state[1] : -1;
}

interface Garbage {
  readonly i: number;
  readonly tag: string;
}
const keep: Garbage[] = new Array<Garbage>(1024);
function allocatingControl(n: number): number {
  for (let i = 0; i < n; i++) {
    keep[i & 1023] = { i, tag: `event-${i}` };
  }
  return keep.length;
}

const loops: ReadonlyArray<readonly [string, (n: number) => number, (n: number) => number]> = [
  ['SpscQueue offer+poll', offerPoll, (n) => n],
  ['SpscQueue claim/commit/flush+poll', claimCommitPoll, (n) => n],
  ['nowNs()', clockLoop, (n) => n],
  ['stampNs()', stampLoop, (n) => n],
  ['AgentRunner duty cycles (CommandQueue + SpscQueue)', agentRunnerLoop, (n) => n],
  ['allocating control', allocatingControl, () => 1024],
];

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function resetState(): void {
  state.fill(0);
  stamps.fill(0);
}

const reports: LoopReport[] = [];
for (const [name, loop, expected] of loops) {
  for (let w = 0; w < 40; w++) {
    resetState();
    loop(20_000);
  }
  resetState();
  await pause(100);
  window.fill(0);
  let start = performance.now();
  const check = loop(events);
  let end = performance.now();
  if (window[1] > 0) {
    start = window[0];
    end = window[1];
  }
  await pause(100);
  const gcEvents = gcStarts.filter((t) => t >= start && t <= end).length;
  reports.push({
    name,
    events,
    gcEvents,
    ms: end - start,
    check: state[2] + state[4] === 0 ? check : -1,
    expect: expected(events),
  });
}
observer.disconnect();
parentPort?.postMessage(reports);
