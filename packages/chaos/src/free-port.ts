// A free loopback TCP port, for services that must come back on the SAME port after a restart
// (their clients reconnect to a configured address). Bound and released at once: a tiny race
// with other processes, acceptable in a test harness.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
