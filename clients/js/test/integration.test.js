// fabric.js on a real fabric (two Undertow frontends, Kafka, sequencer), run by JsClientIT.
// Without FABRIC_CONTROL every test here is skipped, saying why.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { FabricClient } from '../fabric.js';
import {
  SKIP_REAL, ensureFrontends, fabric, control, freshChannel, publishHttp, SteadyPublisher, waitFor, gaplessProblem,
  discoveryOnly,
} from '../testkit/control.js';

/** A client of the live frontends that records what it sees; closed after the test. */
function recorder(t, info, options = {}) {
  const client = new FabricClient({
    seeds: info.frontends.map((f) => f.http), token: info.token, backoff: { baseMs: 100, maxMs: 2000 }, ...options,
  });
  t.after(() => client.close());
  const seen = { messages: [], states: [], nodes: [], joins: [], leaves: [], resyncs: [] };
  client.on('message', (m) => seen.messages.push(m));
  client.on('state', (s) => seen.states.push(s.to));
  client.on('connected', (c) => seen.nodes.push(c.node));
  client.on('join', (e) => seen.joins.push(e));
  client.on('leave', (e) => seen.leaves.push(e));
  client.on('resync', (e) => seen.resyncs.push(e));
  return { client, seen, seqs: () => seen.messages.map((m) => m.seq) };
}

/**
 * Connects, subscribes to a fresh channel, publishes steadily through the other frontend, applies
 * `disrupt` to the connected one after some messages, and checks the client ends elsewhere with
 * seqs exactly 1..N.
 */
async function survives(t, disrupt) {
  const info = await ensureFrontends(2);
  const { client, seen, seqs } = recorder(t, info);
  const { node } = await client.connect();
  const channel = freshChannel('js-move');
  await client.subscribe(channel);
  const other = info.frontends.find((f) => f.node !== node);
  const publisher = new SteadyPublisher(other, info.apiKey, channel, { perSecond: 50 });
  await waitFor(() => seen.messages.length >= 25, '25 messages before the disruption');
  await disrupt(node);
  await waitFor(() => client.node && client.node !== node, 'the client on another frontend');
  const moved = publisher.sent;
  await waitFor(() => publisher.sent >= moved + 25, '25 more messages published after the move');
  const n = await publisher.stop();
  await waitFor(() => seen.messages.length >= n, `all ${n} messages`);
  assert.equal(gaplessProblem(seqs(), n), null);
  assert.deepEqual(seen.messages.map((m) => m.data.n), seqs(), 'seq n carries {n}');
  assert.equal(seen.resyncs.length, 0, 'the resume recovered everything');
  assert.equal(client.node, other.node);
  return { client, seen, node };
}

describe('on a real fabric', { skip: SKIP_REAL }, () => {
  before(() => ensureFrontends(2));

  test('connects to a live frontend found by discovery and probing', async (t) => {
    const info = await fabric();
    const { client } = recorder(t, info);
    const connected = await client.connect();
    assert.ok(info.frontends.some((f) => f.node === connected.node && f.ws === connected.url), JSON.stringify(connected));
    assert.ok(connected.client.startsWith(`${connected.node}.`), connected.client);
    assert.equal(client.state, 'connected');
  });

  test('receives what is published over HTTP, once and in order; history and publish work', async (t) => {
    const info = await fabric();
    const { client, seen, seqs } = recorder(t, info);
    await client.connect();
    const channel = freshChannel('js-sub');
    assert.deepEqual(await client.subscribe(channel), { channel, epoch: '', seq: 0, origin: '', positions: [], recovered: false });
    for (let n = 1; n <= 20; n++) {
      await publishHttp(info.frontends[n % 2], info.apiKey, channel, { n });
    }
    await client.publish(channel, { n: 21 });
    await waitFor(() => seen.messages.length >= 21, '21 messages');
    assert.equal(gaplessProblem(seqs(), 21), null);
    assert.deepEqual(client.position(channel), { origin: 'a', epoch: seen.messages[20].epoch, seq: 21, ts: seen.messages[20].ts });
    const history = await client.history(channel, { limit: 5 });
    assert.deepEqual(history.messages.map((m) => m.seq), [17, 18, 19, 20, 21]);
    await assert.rejects(client.subscribe('bad channel!'), { name: 'bad-channel' });
  });

  test('presence: two clients on different frontends see each other join and leave', async (t) => {
    const alice = await fabric('alice');
    const bob = await fabric('bob');
    const [fa, fb] = alice.frontends;
    const a = recorder(t, alice, { fetch: discoveryOnly(fa.node) });
    const b = recorder(t, bob, { fetch: discoveryOnly(fb.node) });
    assert.equal((await a.client.connect()).node, fa.node);
    assert.equal((await b.client.connect()).node, fb.node);
    const channel = freshChannel('js-presence');
    await a.client.subscribe(channel, { presence: true });
    await b.client.subscribe(channel, { presence: true });
    await waitFor(() => a.seen.joins.some((j) => j.client === b.client.clientId), 'alice hears bob join');
    assert.deepEqual(a.seen.joins.find((j) => j.client === b.client.clientId),
      { op: 'join', channel, client: b.client.clientId, user: 'bob', node: fb.node });
    const present = await b.client.presence(channel);
    assert.deepEqual(present.map((p) => p.user).sort(), ['alice', 'bob']);
    assert.ok(present.some((p) => p.client === a.client.clientId && p.node === fa.node), JSON.stringify(present));
    b.client.close();
    await waitFor(() => a.seen.leaves.some((l) => l.client === b.client.clientId), 'alice hears bob leave');
  });

  test('drain: the reconnect hint moves the client without a gap or a duplicate', async (t) => {
    const { seen, node } = await survives(t, (target) => control('drain', target));
    assert.ok(!seen.states.includes('reconnecting'), `make-before-break, states ${seen.states}`);
    await control('stop', node); // the drained frontend leaves; the next test gets a fresh one
  });

  test('failover: a crashed frontend is left for the other one without a gap or a duplicate', async (t) => {
    const { seen } = await survives(t, (target) => control('halt', target));
    assert.ok(seen.states.includes('reconnecting'), `states ${seen.states}`);
  });
});
