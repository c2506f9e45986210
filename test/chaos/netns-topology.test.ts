// The Phase 2 two-host topology (packages/testkit netns-topology.ts) against the real kernel:
// a TCP server in the control namespace answers the hot namespace over the data link; the root
// namespace reaches both over management links but never routes between them; cutting the link
// makes the hosts unreachable to each other (and nothing else), restoring brings it back; two
// topologies coexist; destroy removes every namespace and veth, also after a failed test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { connect } from 'node:net';
import { createTwoHostTopology, netnsSkipReason } from '@ringside/testkit';
import type { NetnsHost, TwoHostTopology } from '@ringside/testkit';

const skip = netnsSkipReason();
if (skip !== false) console.log(`SKIPPED: netns topology tests: ${skip}`);

const SERVER = `require('net').createServer((s) => s.end('pong\\n')).listen(7000, '0.0.0.0', () => console.log('up'))`;

/** From inside `from`, connect to addr:7000 with a timeout; resolves 'pong' or the error. */
async function probe(topo: TwoHostTopology, from: NetnsHost, addr: string): Promise<string> {
  const code = `const s=require('net').connect(7000,'${addr}');s.setTimeout(700,()=>{console.log('timeout');process.exit(0)});s.on('data',(d)=>{console.log(String(d).trim());process.exit(0)});s.on('error',(e)=>{console.log(e.code);process.exit(0)})`;
  return (await topo.execIn(from, process.execPath, ['-e', code])).trim();
}

function probeFromRoot(addr: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(7000, addr);
    s.setTimeout(700, () => {
      s.destroy();
      resolve('timeout');
    });
    s.on('data', (d: Buffer) => {
      s.destroy();
      resolve(d.toString().trim());
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
}

function namespaces(): string {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
}

test(
  'two hosts joined by one link: reachable, cut, restored, cleaned up',
  { skip, timeout: 30_000 },
  async () => {
    const topo = await createTwoHostTopology();
    const other = await createTwoHostTopology(); // a parallel run must not collide
    try {
      assert.notEqual(topo.hot.ns, other.hot.ns);
      assert.notEqual(topo.dataLink.hotIf, other.dataLink.hotIf);
      assert.match(namespaces(), new RegExp(topo.control.ns));
      const server = topo.spawnIn(topo.control, process.execPath, ['-e', SERVER], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        await once(server.stdout!, 'data');
        assert.equal(
          await probe(topo, topo.hot, topo.control.dataAddress),
          'pong',
          'hot → control over the data link',
        );
        assert.equal(await topo.linkUp(), true);
        // The harness (root namespace) reaches the control host over management…
        assert.equal(await probeFromRoot(topo.control.mgmtAddress), 'pong', 'root → control over management');
        // …and the hot host reaches the root namespace (nothing listens there: refused, not timed out).
        assert.equal(await probe(topo, topo.hot, topo.hot.rootAddress), 'ECONNREFUSED');
        // …but the hot host cannot reach the control host through the root namespace.
        assert.notEqual(await probe(topo, topo.hot, topo.control.mgmtAddress), 'pong', 'no route via root');
        // Nor through the other topology.
        assert.notEqual(await probe(other, other.hot, topo.control.dataAddress), 'pong');

        await topo.cutLink();
        assert.equal(await topo.linkUp(), false);
        assert.notEqual(await probe(topo, topo.hot, topo.control.dataAddress), 'pong', 'cut: unreachable');
        await topo.restoreLink();
        assert.equal(await topo.linkUp(), true);
        let answer = '';
        for (let k = 0; k < 20 && answer !== 'pong'; k++)
          answer = await probe(topo, topo.hot, topo.control.dataAddress);
        assert.equal(answer, 'pong', 'restored: reachable again');
      } finally {
        server.kill('SIGKILL');
      }
    } finally {
      await topo.destroy();
      await other.destroy();
    }
    const left = namespaces();
    assert.ok(!left.includes(topo.hot.ns) && !left.includes(topo.control.ns) && !left.includes(other.hot.ns));
    const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
    assert.ok(
      !links.includes(topo.dataLink.hotIf.slice(0, 9)),
      'management veths gone with their namespaces',
    );
  },
);

test(
  'namespaces of a process that died without cleaning up are swept by the next topology',
  { skip, timeout: 30_000 },
  async () => {
    // A child builds a topology and SIGKILLs itself: no exit handler runs, its namespaces stay.
    const code = `import { createTwoHostTopology } from '@ringside/testkit'; const t = await createTwoHostTopology(); console.log(t.hot.ns); process.kill(process.pid, 'SIGKILL');`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      encoding: 'utf8',
      cwd: path.dirname(fileURLToPath(import.meta.url)),
      timeout: 20_000,
    });
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    const orphan = child.stdout.trim();
    assert.match(namespaces(), new RegExp(orphan), 'left behind by the killed process');
    const next = await createTwoHostTopology();
    await next.destroy();
    assert.doesNotMatch(namespaces(), new RegExp(orphan), 'swept');
  },
);
