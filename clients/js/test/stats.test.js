// FabricClient.stats() against a fake fabric: the reply and pushes become `stats` events, the stream
// is asked for again on every new socket, and only the current socket's pushes count.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { FabricClient } from '../fabric.js';
import { FakeFabric, until, sample } from '../testkit/fake-fabric.js';

const test = (name, fn) => nodeTest(name, { timeout: 10_000 }, fn);

function clientOn(t, fabric) {
  const client = new FabricClient({
    seeds: fabric.nodes.map((n) => n.http), token: 'jwt', WebSocket: fabric.WebSocket, fetch: fabric.fetch,
    random: () => 0, pingIntervalMs: 0,
  });
  t.after(() => client.close());
  const stats = [];
  const errors = [];
  client.on('stats', (s) => stats.push(s));
  client.on('error', (e) => errors.push(e));
  return { client, stats, errors };
}

test('stats() asked before connect resolves with the first reply; pushes follow as stats events', async (t) => {
  const fabric = new FakeFabric('a');
  const { client, stats } = clientOn(t, fabric);
  const first = client.stats();
  assert.equal(client.stats(), first, 'one stream per client');
  await client.connect();
  const reply = await first;
  assert.equal(reply.interval, 1000);
  assert.deepEqual(reply.history.map((s) => s.ts), [1000, 2000]);
  assert.equal(reply.events[0].kind, 'recovery');
  const a = fabric.openSockets('a')[0];
  assert.equal(a.ops('stats').length, 1);
  a.deliver({ op: 'stats', sample: sample('a', 3000, 5), events: [{ ts: 2900, node: 'a', kind: 'error', detail: 'x' }] });
  a.deliver({ op: 'stats', sample: sample('a', 4000) }); // no events field: none new
  assert.deepEqual(stats.map((s) => [s.node, s.initial, s.interval, s.samples.map((x) => x.ts), s.events.length]), [
    ['a', true, 1000, [1000, 2000], 1],
    ['a', false, 1000, [3000], 1],
    ['a', false, 1000, [4000], 0],
  ]);
  assert.equal(stats[1].samples[0].frontends[0].connections, 5);
});

test('after a reconnect the new socket is asked again and the old one no longer counts', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('b').pings = false;
  const { client, stats } = clientOn(t, fabric);
  await client.connect();
  await client.stats();
  const a = fabric.openSockets('a')[0];
  fabric.node('a').pings = false;
  fabric.node('b').pings = true;
  a.drop(1006);
  await until(() => client.node === 'b' && stats.length === 2, 'stats reply from b');
  assert.deepEqual(stats.map((s) => [s.node, s.initial]), [['a', true], ['b', true]]);
  a.deliver({ op: 'stats', sample: sample('a', 9000) }); // a late push of the dropped socket
  fabric.openSockets('b')[0].deliver({ op: 'stats', sample: sample('b', 3000) });
  assert.deepEqual(stats.slice(2).map((s) => [s.node, s.samples[0].ts]), [['b', 3000]]);
});

test('a drain switch-over asks the new socket once it is adopted; the old socket streams until then', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('b').pings = false;
  const { client, stats } = clientOn(t, fabric);
  await client.connect();
  await client.stats();
  const a = fabric.openSockets('a')[0];
  fabric.autoReply = false;
  a.deliver({ op: 'reconnect', url: fabric.node('b').url, node: 'a', reason: 'draining', within: 10000 });
  await until(() => fabric.openSockets('b')[0]?.sent.length === 1, 'connect on b');
  const b = fabric.openSockets('b')[0];
  b.deliver({ op: 'connected', id: b.sent[0].id, client: 'b.0000000000000001', node: 'b' });
  a.deliver({ op: 'stats', sample: sample('a', 3000) }); // not switched yet: still the current socket
  await until(() => b.ops('stats').length === 1, 'stats asked on b once adopted');
  a.deliver({ op: 'stats', sample: sample('a', 4000) }); // after the switch: ignored
  b.deliver({ op: 'stats', id: b.ops('stats')[0].id, interval: 500, history: [sample('b', 3500)], events: [] });
  assert.equal(a.ops('stats').length, 1, 'the draining socket is not asked again');
  assert.deepEqual(stats.map((s) => [s.node, s.initial, s.interval, s.samples.map((x) => x.ts)]),
    [['a', true, 1000, [1000, 2000]], ['a', false, 1000, [3000]], ['b', true, 500, [3500]]]);
});

test('a refused stats request rejects, reports an error and is not asked for again', async (t) => {
  const fabric = new FakeFabric('a');
  fabric.statsDenied = true;
  const { client, stats, errors } = clientOn(t, fabric);
  await client.connect();
  await assert.rejects(client.stats(), { code: 110, name: 'permission-denied' });
  assert.deepEqual(errors.map((e) => e.name), ['permission-denied']);
  fabric.openSockets('a')[0].drop(1006);
  await until(() => client.state === 'connected' && fabric.openSockets('a').length === 1, 'reconnected');
  assert.equal(fabric.openSockets('a')[0].ops('stats').length, 0);
  fabric.statsDenied = false;
  assert.equal((await client.stats()).interval, 1000, 'asking again starts a new stream');
  assert.equal(stats.length, 1);
});

test('close() rejects a stats stream still waiting for its first reply', async (t) => {
  const fabric = new FakeFabric('a');
  const { client } = clientOn(t, fabric);
  const pending = client.stats();
  client.close();
  await assert.rejects(pending, { name: 'closed' });
});
