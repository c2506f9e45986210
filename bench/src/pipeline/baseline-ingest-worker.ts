// Baseline ingest worker: a net.Socket SoupBinTCP client to feed-sim that concatenates chunks,
// decodes each ITCH message into an object (naiveDecode) and posts it to every decision worker.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { nowNs } from '@ringside/ring';
import { writeSoupLoginRequest } from '@ringside/protocols';
import { naiveDecode } from '../ingest/naive-itch-decoder.ts';
import type {
  BaselineControl,
  BaselineEvent,
  BaselineReport,
  BaselineWorkerData,
} from './baseline-messages.ts';

const data = workerData as Extract<BaselineWorkerData, { role: 'ingest' }>;
const post = (m: BaselineReport): void => parentPort!.postMessage(m);
let messagesIn = 0;
let pending: Buffer = Buffer.alloc(0);
let finished = false;

const socket = net.connect({ host: '127.0.0.1', port: data.port });
socket.setNoDelay(true);
const heartbeat = setInterval(() => socket.write(Buffer.from([0, 1, 0x52])), 500);

function finish(reason: string): void {
  if (finished) return;
  finished = true;
  clearInterval(heartbeat);
  socket.destroy();
  post({ kind: 'ingest-done', messagesIn, reason });
  for (const p of data.decisions) p.close();
  parentPort!.close();
}

socket.on('connect', () => {
  const login = Buffer.alloc(64);
  const n = writeSoupLoginRequest(login, 0, {
    username: 'base',
    password: '',
    session: '',
    sequenceNumber: 1,
  });
  socket.write(login.subarray(0, n));
  post({ kind: 'ready' });
});
socket.on('data', (chunk: Buffer) => {
  const ingestNs = nowNs();
  pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  let at = 0;
  while (pending.length - at >= 3) {
    const length = pending.readUInt16BE(at);
    if (pending.length - at < 2 + length) break;
    const type = pending[at + 2];
    if (type === 0x53) {
      const event = naiveDecode(pending, at + 3, length - 1) as BaselineEvent;
      event.ingestNs = ingestNs;
      messagesIn++;
      for (const p of data.decisions) p.postMessage(event);
    } else if (type === 0x5a) {
      finish('end of session');
      return;
    }
    at += 2 + length;
  }
  pending = Buffer.from(pending.subarray(at));
});
socket.on('error', (err) => finish(`socket error: ${err.message}`));
socket.on('close', () => finish('socket closed'));
parentPort!.on('message', (m: BaselineControl) => {
  if (m.kind === 'stop') finish('stopped');
});
