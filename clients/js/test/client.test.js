// FabricClient against a fake fabric: discovery, requests, reconnects, resume, drain hints.
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { FabricClient } from '../fabric.js';
import { FakeFabric, until, message, SUBSCRIBED_AT } from '../testkit/fake-fabric.js';

/** Every test is bounded: a client bug must fail it, not hang the run. */
const test = (name, fn) => nodeTest(name, { timeout: 10_000 }, fn);

/** A client on `fabric` whose backoff waits 0 ms and whose random choices take the first option. */
function clientOn(t, fabric, options = {}) {
  const client = new FabricClient({
    seeds: fabric.nodes.map((n) => n.http), token: 'jwt', WebSocket: fabric.WebSocket, fetch: fabric.fetch,
    random: () => 0, pingIntervalMs: 0, ...options,
  });
  t.after(() => client.close());
  const events = [];
  for (const e of ['state', 'connected', 'message', 'subscribed', 'recovered', 'resync', 'join', 'error']) {
    client.on(e, (payload) => events.push({ e, ...payload }));
  }
  return { client, events, seen: (e) => events.filter((x) => x.e === e) };
}

/** Frontend `from` hints the client to `to`; answered by hand: connected, then left at the resubscribe. */
async function drainOnto(fabric, from, to) {
  fabric.autoReply = false;
  from.deliver({ op: 'reconnect', url: fabric.node(to).url, node: from.node.name, reason: 'draining', within: 10000 });
  await until(() => fabric.openSockets(to).length === 1, `socket to ${to}`);
  const socket = fabric.openSockets(to)[0];
  await until(() => socket.sent.length === 1, `connect on ${to}`);
  socket.deliver({ op: 'connected', id: socket.sent[0].id, client: `${to}.0000000000000001`, node: to });
  await until(() => socket.ops('subscribe').length === 1, `resubscribe on ${to}`);
  return socket;
}

test('discovery asks the seeds in turn and connects to a frontend that answers its ping', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('a').discovery = false;
  fabric.node('a').pings = false;
  const { client, seen } = clientOn(t, fabric, { region: 'eu' });
  const info = await client.connect();
  assert.equal(info.node, 'b', 'a does not answer pings');
  assert.equal(info.client, 'b.123456789abcdef');
  assert.ok(fabric.fetched.includes('http://a.test/v1/discovery?region=eu'));
  assert.ok(fabric.fetched.includes('http://b.test/v1/discovery?region=eu'), 'then the next seed');
  assert.deepEqual(seen('state').map((s) => s.to), ['connecting', 'connected']);
  assert.deepEqual(fabric.openSockets('b')[0].ops('connect'), [{ op: 'connect', token: 'jwt', id: 1 }]);
  client.close();
  assert.equal(client.state, 'closed');
});

test('a ping that fails once only loses its sample: the frontend is still measured and chosen', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('b').pings = false;
  let failed = 0;
  const fetch = (url, init) => (url === 'http://a.test/v1/ping' && failed++ === 0
    ? Promise.reject(new TypeError('connection reset')) : fabric.fetch(url, init));
  const { client } = clientOn(t, fabric, { fetch });
  assert.equal((await client.connect()).node, 'a');
  assert.equal(fabric.fetched.filter((u) => u.includes('/v1/discovery')).length, 1, 'in the first round');
  assert.equal(failed, 2, 'the failed probe was followed by the next one');
});

test('frontends learned from discovery are used, and asked for discovery when the seeds are down', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('a').pings = false;
  const { client } = clientOn(t, fabric, { seeds: ['http://a.test/'] });
  assert.equal((await client.connect()).node, 'b', 'b is known only through discovery');
  fabric.node('a').discovery = false;
  fabric.fetched.length = 0;
  fabric.openSockets('b')[0].drop(1011);
  await until(() => client.state === 'connected' && fabric.openSockets('b').length === 1, 'back on b');
  assert.deepEqual(fabric.fetched.filter((u) => u.includes('discovery')).map((u) => new URL(u).origin),
    ['http://a.test', 'http://b.test']);
});

test('after a shutting-down close the sticky node that dropped us is tried last', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('b').pings = false;
  const { client } = clientOn(t, fabric);
  await client.connect();
  fabric.node('b').pings = true; // a still answers pings while it stops, and is the sticky node
  fabric.openSockets('a')[0].drop(4001, 'shutting-down');
  await until(() => client.state === 'connected' && client.node !== null, 'reconnected');
  assert.equal(client.node, 'b');
});

test('replies resolve the request with the same id, in any order; error replies reject', async (t) => {
  const fabric = new FakeFabric('a');
  const { client } = clientOn(t, fabric);
  await client.connect();
  fabric.autoReply = false;
  const socket = fabric.openSockets('a')[0];
  const first = client.publish('c', { n: 1 });
  const second = client.presence('c');
  const third = client.publish('secret:x', 1);
  const [p1, p2, p3] = socket.sent.slice(-3);
  socket.deliver({ op: 'presence', id: p2.id, channel: 'c', clients: [{ client: 'x.1', user: 'u', node: 'a' }] });
  socket.deliver({ op: 'error', id: p3.id, code: 110, name: 'permission-denied', reason: 'not secret:x' });
  socket.deliver({ op: 'published', id: p1.id, channel: 'c' });
  assert.deepEqual(await second, [{ client: 'x.1', user: 'u', node: 'a' }]);
  assert.deepEqual(await first, { op: 'published', id: p1.id, channel: 'c' });
  await assert.rejects(third, { code: 110, name: 'permission-denied', reason: 'not secret:x' });
  assert.equal(new Set([p1.id, p2.id, p3.id]).size, 3, 'ids are unique');
  const pending = client.publish('c', 2);
  socket.drop(1006);
  await assert.rejects(pending, { name: 'disconnected' }, 'a drop rejects what is pending');
  client.close();
});

test('messages arrive once and in order; a reconnect resubscribes with since and reports recovery', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('b').pings = false;
  const { client, seen } = clientOn(t, fabric);
  await client.connect();
  assert.deepEqual(await client.subscribe('c', { presence: true }),
    { channel: 'c', epoch: 'e1', seq: 0, origin: 'a', positions: [{ origin: 'a', epoch: 'e1', seq: 0 }], recovered: false });
  const a = fabric.openSockets('a')[0];
  assert.deepEqual(a.ops('subscribe')[0], { op: 'subscribe', channel: 'c', presence: true, id: 2 });
  for (const seq of [1, 2, 2, 3, 1]) {
    a.deliver(message('c', seq));
  }
  assert.deepEqual(seen('message').map((m) => m.seq), [1, 2, 3]);
  assert.deepEqual(client.position('c'), { origin: 'a', epoch: 'e1', seq: 3, ts: 1003 });

  fabric.node('a').pings = false; // a crashed: it no longer answers
  fabric.node('b').pings = true;
  a.drop(1006);
  await until(() => client.state === 'connected' && client.node === 'b', 'failover to b');
  const b = fabric.openSockets('b')[0];
  await until(() => seen('recovered').length === 1, 'recovered');
  assert.deepEqual(b.ops('subscribe')[0].since, { origin: 'a', epoch: 'e1', seq: 3, ts: 1003 });
  assert.equal(b.ops('subscribe')[0].presence, true);
  assert.ok(fabric.fetched.some((u) => u.includes('session=a.123456789abcdef')), 'discovery learns the session');
  b.deliver(message('c', 3));
  b.deliver(message('c', 4));
  assert.deepEqual(seen('message').map((m) => m.seq), [1, 2, 3, 4]);
  assert.deepEqual(seen('state').map((s) => s.to), ['connecting', 'connected', 'reconnecting', 'connected']);
  client.close();
});

test('a resume answered recovered:false emits resync and continues from the new position', async (t) => {
  const fabric = new FakeFabric('a');
  const { client, seen } = clientOn(t, fabric);
  await client.connect();
  await client.subscribe('c');
  fabric.openSockets('a')[0].deliver(message('c', 5));
  fabric.recover = false;
  fabric.openSockets('a')[0].drop(4004, 'slow-consumer');
  await until(() => seen('resync').length === 1, 'resync');
  assert.deepEqual(seen('resync')[0], { e: 'resync', channel: 'c', epoch: 'e2', seq: 100, origin: 'a',
    positions: [{ origin: 'a', epoch: 'e2', seq: 100 }], reason: 'epoch-changed' });
  const socket = fabric.openSockets('a')[0];
  socket.deliver(message('c', 100, 'e2'));
  socket.deliver(message('c', 101, 'e2'));
  socket.deliver(message('c', 6, 'e1'));
  assert.deepEqual(seen('message').map((m) => `${m.epoch}:${m.seq}`), ['e1:5', 'e2:101']);
  client.close();
});

test('4501 with a fixed token closes the client; no reconnect with the same credentials', async (t) => {
  const fabric = new FakeFabric('a');
  const { client, seen } = clientOn(t, fabric);
  await client.connect();
  fabric.openSockets('a')[0].drop(4501, 'invalid-token');
  await until(() => client.state === 'closed', 'closed');
  assert.equal(fabric.sockets.length, 1, 'no second socket');
  assert.equal(seen('error')[0].closeCode, 4501);
});

test('connect() rejects with the refusal when a fixed token is refused at connect', async (t) => {
  const fabric = new FakeFabric('a');
  fabric.node('a').refuse = () => true;
  const { client } = clientOn(t, fabric);
  await assert.rejects(client.connect(), { code: 150, name: 'invalid-token' });
  assert.equal(client.state, 'closed');
  assert.equal(fabric.sockets.length, 1);
});

test('a quiet socket is pinged, and dropped for a new one when no pong comes', async (t) => {
  const fabric = new FakeFabric('a');
  let clock = 0;
  const { client } = clientOn(t, fabric, { pingIntervalMs: 25_000, pongTimeoutMs: 10_000, now: () => clock,
    timers: { setTimeout: (f, ms) => setTimeout(f, ms >= 10_000 ? 1 : ms), clearTimeout } });
  await client.connect();
  const first = fabric.openSockets('a')[0];
  fabric.autoReply = false;
  clock = 30_000;
  await until(() => first.ops('ping').length === 1, 'ping');
  fabric.autoReply = true;
  await until(() => fabric.openSockets('a').length === 1 && fabric.openSockets('a')[0] !== first, 'new socket');
  await until(() => client.state === 'connected', 'connected again');
});

test('4502 with a token function asks it once more; a second refusal closes', async (t) => {
  const fabric = new FakeFabric('a');
  const tokens = ['t1', 't2', 't3'];
  const { client, seen } = clientOn(t, fabric, { token: async () => tokens.shift() });
  await client.connect();
  fabric.node('a').refuse = (token) => token !== 't2';
  fabric.openSockets('a')[0].drop(4502, 'token-expired');
  await until(() => client.state === 'connected' && fabric.sockets.length === 2, 'renewed');
  assert.equal(fabric.sockets[1].ops('connect')[0].token, 't2');
  fabric.openSockets('a')[0].drop(4502, 'token-expired');
  await until(() => client.state === 'closed', 'closed after the renewed token is refused');
  assert.equal(fabric.sockets[2].ops('connect')[0].token, 't3');
  assert.equal(fabric.sockets.length, 3, 'asked once, then stopped');
  assert.equal(seen('error').at(-1).code, 150);
});

test('1006 and 4001 reconnect with backoff; a connect that fails first is retried', async (t) => {
  const fabric = new FakeFabric('a');
  const waits = [];
  const timers = { setTimeout: (f, ms) => { waits.push(ms); return setTimeout(f, 0); }, clearTimeout };
  const { client } = clientOn(t, fabric, { timers, random: () => 0.5, backoff: { baseMs: 100, maxMs: 300 } });
  await client.connect();
  fabric.node('a').accepts = false;
  waits.length = 0;
  fabric.openSockets('a')[0].drop(4001, 'shutting-down');
  await until(() => fabric.sockets.length >= 4, 'three failed attempts');
  fabric.node('a').accepts = true;
  await until(() => client.state === 'connected', 'back');
  const backoffs = waits.filter((ms) => ms < 1000); // the rest are connect and probe timeouts
  assert.deepEqual(backoffs.slice(0, 4), [50, 100, 150, 150]);
  client.close();
});

test('a drain hint opens the new socket, resubscribes with since there, then closes the old one', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('b').pings = false;
  const { client, seen } = clientOn(t, fabric);
  await client.connect();
  await client.subscribe('c');
  const a = fabric.openSockets('a')[0];
  a.deliver(message('c', 1));
  a.deliver(message('c', 2));
  const b = await drainOnto(fabric, a, 'b');
  assert.deepEqual(b.ops('subscribe')[0].since, { origin: 'a', epoch: 'e1', seq: 2, ts: 1002 });
  assert.ok(a.open, 'the old socket stays until the new one is subscribed');
  a.deliver(message('c', 3)); // the old socket still streams meanwhile
  a.deliver({ op: 'join', channel: 'c', client: 'x.1', user: 'u', node: 'x' });
  b.deliver({ op: 'join', channel: 'c', client: 'x.1', user: 'u', node: 'x' }); // heard twice: counted once
  b.deliver({ op: 'subscribed', id: b.ops('subscribe')[0].id, channel: 'c', epoch: 'e1', seq: 2, recovered: true });
  b.deliver(message('c', 3));
  b.deliver(message('c', 4));
  await until(() => !a.open, 'old socket closed');
  assert.equal(a.closedWith.code, 1000);
  assert.equal(client.node, 'b');
  assert.deepEqual(seen('message').map((m) => m.seq), [1, 2, 3, 4]);
  assert.equal(seen('join').length, 1);
  assert.equal(seen('state').at(-1).to, 'connected', 'no reconnecting state in a drain');
  client.close();
});

test('a drain hint that comes while the client resubscribes on its new frontend is followed once there', async (t) => {
  const fabric = new FakeFabric('a', 'b', 'c');
  fabric.node('b').pings = false;
  fabric.node('c').pings = false;
  const { client } = clientOn(t, fabric);
  await client.connect();
  await client.subscribe('c');
  const a = fabric.openSockets('a')[0];
  a.deliver(message('c', 1));
  const b = await drainOnto(fabric, a, 'b');
  // b drains too, before it answers the resubscribe
  b.deliver({ op: 'reconnect', url: fabric.node('c').url, node: 'b', reason: 'draining', within: 10000 });
  b.deliver({ op: 'subscribed', id: b.ops('subscribe')[0].id, channel: 'c', epoch: 'e1', seq: 1, recovered: true });
  await until(() => fabric.openSockets('c').length === 1, 'socket to c');
  const c = fabric.openSockets('c')[0];
  await until(() => c.sent.length === 1, 'connect on c');
  c.deliver({ op: 'connected', id: c.sent[0].id, client: 'c.0000000000000001', node: 'c' });
  await until(() => c.ops('subscribe').length === 1, 'resubscribe on c');
  c.deliver({ op: 'subscribed', id: c.ops('subscribe')[0].id, channel: 'c', epoch: 'e1', seq: 1, recovered: true });
  await until(() => client.node === 'c' && !b.open, 'on c, b closed');
  assert.ok(!a.open, 'a closed');
  client.close();
});

test('a drain hint whose url fails rediscovers another frontend; the old socket closing meanwhile is fine', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.node('b').pings = false;
  const { client, seen } = clientOn(t, fabric);
  await client.connect();
  await client.subscribe('c');
  const a = fabric.openSockets('a')[0];
  a.deliver(message('c', 1));
  fabric.node('b').pings = true;
  a.deliver({ op: 'reconnect', url: 'ws://gone.test/v1/ws', node: 'a', reason: 'draining', within: 10 });
  a.drop(4001, 'shutting-down');
  await until(() => client.node === 'b' && seen('recovered').length === 1, 'on b, recovered');
  assert.equal(fabric.openSockets('b').length, 1);
  assert.deepEqual(fabric.openSockets('b')[0].ops('subscribe')[0].since, { origin: 'a', epoch: 'e1', seq: 1, ts: 1001 });
  client.close();
});

test('presence events pass through; unsubscribe stops delivery and resubscription', async (t) => {
  const fabric = new FakeFabric('a');
  const { client, seen } = clientOn(t, fabric);
  await client.connect();
  await client.subscribe('c', { presence: true });
  const socket = fabric.openSockets('a')[0];
  socket.deliver({ op: 'join', channel: 'c', client: 'a.1', user: 'u1', node: 'a' });
  await client.unsubscribe('c');
  assert.deepEqual(socket.ops('unsubscribe').map((f) => f.channel), ['c']);
  socket.deliver(message('c', 1));
  assert.equal(seen('join').length, 1);
  assert.equal(seen('message').length, 0);
  assert.equal(client.position('c'), null);
  socket.drop(1006);
  await until(() => fabric.openSockets('a').length === 1, 'reconnected');
  await until(() => client.state === 'connected', 'connected');
  assert.equal(fabric.openSockets('a')[0].ops('subscribe').length, 0);
  client.close();
});

test('subscribe before connect resolves once connected; error replies reject and drop the channel', async (t) => {
  const fabric = new FakeFabric('a');
  const { client, seen } = clientOn(t, fabric);
  const early = client.subscribe('early');
  await client.connect();
  assert.equal((await early).channel, 'early');
  fabric.autoReply = false;
  const denied = client.subscribe('secret:x');
  const socket = fabric.openSockets('a')[0];
  const frame = socket.ops('subscribe').at(-1);
  socket.deliver({ op: 'error', id: frame.id, code: 110, name: 'permission-denied', reason: 'no' });
  await assert.rejects(denied, { code: 110 });
  assert.equal(seen('error').length, 1);
  client.close();
  await assert.rejects(client.publish('c', 1), { name: 'not-connected' });
  await assert.rejects(client.connect(), { name: 'closed' });
});

test('a cloud listed after connecting is learned while connected, and is where the client goes when its own goes dark', async (t) => {
  const fabric = new FakeFabric('a1', 'b1');
  const b1 = fabric.node('b1');
  b1.cloud = 'b';
  b1.listed = false; // cloud b's announcement has not reached cloud a yet
  const { client } = clientOn(t, fabric, { seeds: ['http://a1.test'], discoveryRefreshMs: 5 });
  assert.equal((await client.connect()).node, 'a1');
  assert.deepEqual(client.knownClouds, ['a']);
  b1.listed = true;
  await until(() => client.knownClouds.includes('b'), 'cloud b learned', 20_000);
  const a1 = fabric.node('a1');
  Object.assign(a1, { accepts: false, pings: false, discovery: false }); // cloud a goes dark, seed included
  fabric.openSockets('a1')[0].drop(1006);
  await until(() => client.state === 'connected' && client.node === 'b1', 'moved to cloud b', 20_000);
});

test('without a discovery refresh a client knows only what discovery said when it connected', async (t) => {
  const fabric = new FakeFabric('a1', 'b1');
  fabric.node('b1').listed = false;
  const { client } = clientOn(t, fabric, { seeds: ['http://a1.test'], discoveryRefreshMs: 0 });
  await client.connect();
  fabric.node('b1').listed = true;
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual([...new Set(fabric.fetched.filter((u) => u.includes('discovery')))], ['http://a1.test/v1/discovery?']);
});

test('a channel subscribed before any message resumes with from, the time of its first reply', async (t) => {
  const fabric = new FakeFabric('a', 'b');
  fabric.unknownChannels = true;
  const { client, seen } = clientOn(t, fabric);
  await client.connect();
  const first = await client.subscribe('c');
  assert.equal(first.epoch, '', 'no position to resume from');
  const firstAt = SUBSCRIBED_AT + fabric.openSockets()[0].ops('subscribe')[0].id;
  fabric.openSockets()[0].drop(1006);
  await until(() => client.state === 'connected' && seen('subscribed').length === 2, 'resubscribed');
  const resume = fabric.openSockets()[0].ops('subscribe').at(-1);
  assert.equal(resume.from, firstAt);
  assert.equal(resume.since, undefined);
  assert.equal(seen('recovered').length, 1, 'the fabric replayed what it owed since then');
  assert.equal(seen('resync').length, 0);

  fabric.recover = false; // the next resume cannot be recovered: the client resyncs, and its subscription starts anew
  fabric.openSockets()[0].drop(1006);
  await until(() => client.state === 'connected' && seen('subscribed').length === 3, 'resubscribed again');
  assert.equal(seen('resync').length, 1);
  fabric.recover = true;
  const resyncAt = SUBSCRIBED_AT + fabric.openSockets()[0].ops('subscribe').at(-1).id;
  fabric.openSockets()[0].drop(1006);
  await until(() => client.state === 'connected' && seen('subscribed').length === 4, 'and again');
  assert.equal(fabric.openSockets()[0].ops('subscribe').at(-1).from, resyncAt);
});
