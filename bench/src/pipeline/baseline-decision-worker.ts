// Baseline decision worker: an 'message' listener per event (MessagePort), a Map of resting
// orders for the best prices, and the same probe rule as LatencyProbeStrategy: one order every
// N events at the same side's last price, posted to the gateway worker. Decision latency =
// the event's ingest stamp → just before the order is posted.
import { parentPort, workerData } from 'node:worker_threads';
import { nowNs } from '@ringside/ring';
import type {
  BaselineCompletion,
  BaselineControl,
  BaselineEvent,
  BaselineOrder,
  BaselineReport,
  BaselineWorkerData,
} from './baseline-messages.ts';

const data = workerData as Extract<BaselineWorkerData, { role: 'decision' }>;
const post = (m: BaselineReport): void => parentPort!.postMessage(m);
const resting = new Map<number, { side: string; price: number }>();
let bid = 0;
let ask = 0;
let events = 0;
let orders = 0;
let completions = 0;
let countdown = data.everyEvents;
let buyNext = true;
let marking = false;
let latencies: number[] = [];

data.events.on('message', (e: BaselineEvent) => {
  events++;
  if (e.locate === 1) {
    if (e.type === 'A' || e.type === 'F') {
      resting.set(e.orderRef, { side: e.side, price: e.price });
      if (e.side === 'B') bid = e.price;
      else ask = e.price;
    } else if (e.type === 'D') resting.delete(e.orderRef);
  }
  if (--countdown > 0) return;
  const price = buyNext ? bid : ask;
  if (price <= 0) return;
  countdown = data.everyEvents;
  const order: BaselineOrder = {
    id: ++orders,
    workerId: data.workerId,
    side: buyNext ? 'B' : 'S',
    price,
    shares: 1,
    ingestNs: e.ingestNs,
    enqueuedNs: nowNs(),
  };
  buyNext = !buyNext;
  if (marking) latencies.push(order.enqueuedNs - e.ingestNs);
  data.gateway.postMessage(order);
});
data.gateway.on('message', (_c: BaselineCompletion) => {
  completions++;
});
parentPort!.on('message', (m: BaselineControl) => {
  if (m.kind === 'mark') marking = true;
  else if (m.kind === 'collect') {
    marking = false;
    post({ kind: 'decision', workerId: data.workerId, events, orders, completions, latenciesNs: latencies });
    latencies = [];
  } else {
    data.events.close();
    data.gateway.close();
    parentPort!.close();
  }
});
post({ kind: 'ready' });
