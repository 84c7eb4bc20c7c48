// Pure policies of the client: backoff, close codes, frontend ranking, message dedup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, closeAction, rankFrontends, ChannelPositions, nodeOfClient } from '../fabric.js';

const backoff = { baseMs: 250, maxMs: 10_000 };

test('backoff waits random(0, min(maxMs, baseMs * 2^n)) for attempt n', () => {
  for (let n = 0; n < 40; n++) {
    const cap = Math.min(10_000, 250 * 2 ** n);
    assert.equal(backoffDelay(n, backoff, () => 0), 0);
    assert.equal(backoffDelay(n, backoff, () => 0.5), cap / 2);
    const top = backoffDelay(n, backoff, () => 0.999999);
    assert.ok(top < cap && top > cap * 0.99, `attempt ${n}: ${top} vs cap ${cap}`);
  }
  assert.equal(backoffDelay(3, backoff, () => 0.5), 1000);
  assert.equal(backoffDelay(6, backoff, () => 0.5), 5000, 'capped at maxMs from attempt 6 on');
});

test('close codes 4000-4499 and transport codes reconnect; 4500-4999, 1009, 1007 and 1002 need new credentials', () => {
  for (const code of [4000, 4001, 4004, 4499, 1000, 1001, 1005, 1006, 1011, 1012]) {
    assert.equal(closeAction(code), 'reconnect', `code ${code}`);
  }
  for (const code of [4500, 4501, 4502, 4503, 4999, 1009, 1007, 1002]) {
    assert.equal(closeAction(code), 'renew', `code ${code}`);
  }
});

const fe = (node) => ({ node, url: `ws://${node}/v1/ws`, http: `http://${node}` });

test('ranking picks at random among frontends within 20% or 2 ms of the best, then the rest by RTT', () => {
  const probed = [
    { frontend: fe('far'), rtt: 40 }, { frontend: fe('b'), rtt: 11 }, { frontend: fe('a'), rtt: 10 },
    { frontend: fe('c'), rtt: 11.9 }, { frontend: fe('mid'), rtt: 13 },
  ];
  const firsts = new Set();
  for (const r of [0, 0.34, 0.67, 0.99]) {
    const order = rankFrontends(probed, { random: () => r }).map((f) => f.node);
    firsts.add(order[0]);
    assert.equal(order.length, 5);
    assert.deepEqual(order.slice(-2), ['mid', 'far'], 'slower ones keep their RTT order, after the near ones');
  }
  assert.deepEqual([...firsts].sort(), ['a', 'b', 'c'], 'every near frontend can be chosen');
});

test('ranking uses the 2 ms slack for tiny RTTs, puts the sticky node first when it answered', () => {
  const probed = [{ frontend: fe('a'), rtt: 0.3 }, { frontend: fe('b'), rtt: 2.2 }, { frontend: fe('c'), rtt: 2.4 }];
  assert.equal(rankFrontends(probed, { random: () => 0.99 })[0].node, 'b', '0.3 + 2 ms covers b, not c');
  assert.deepEqual(rankFrontends(probed, { sticky: 'c', random: () => 0 }).map((f) => f.node), ['c', 'a', 'b']);
});

test('ranking leaves out frontends that did not answer, unless none did', () => {
  const probed = [{ frontend: fe('down'), rtt: Infinity }, { frontend: fe('up'), rtt: 30 }];
  assert.deepEqual(rankFrontends(probed, { sticky: 'down', random: () => 0 }).map((f) => f.node), ['up']);
  const none = [{ frontend: fe('x'), rtt: Infinity }, { frontend: fe('y'), rtt: Infinity }];
  assert.deepEqual(rankFrontends(none, { random: () => 0 }).map((f) => f.node), ['x', 'y'], "the server's order");
});

test('positions drop repeats within an epoch, accept a new epoch, and drop late copies of a left one', () => {
  const p = new ChannelPositions();
  const m = (seq, epoch = 'e1', channel = 'c') => ({ channel, epoch, seq, ts: seq * 10 });
  assert.deepEqual([1, 2, 2, 1, 3].map((s) => p.accept(m(s))), [true, true, false, false, true]);
  assert.deepEqual(p.get('c'), { epoch: 'e1', seq: 3, ts: 30 });
  assert.ok(p.accept(m(1, 'e2')), 'a new epoch restarts at 1');
  assert.equal(p.accept(m(4, 'e1')), false, 'e1 is over');
  assert.ok(p.accept(m(1, 'e1', 'other')), 'channels are independent');
  assert.equal(p.get('nothing'), null);
});

test('positions start from a subscribe reply only when there is one, and reset on resync', () => {
  const p = new ChannelPositions();
  p.startAt({ channel: 'c', epoch: '', seq: 0, positions: [] });
  assert.equal(p.get('c'), null, 'epoch "" is no position');
  p.startAt({ channel: 'c', epoch: 'e1', seq: 7 }); // a server that lists no positions
  assert.deepEqual(p.get('c'), { epoch: 'e1', seq: 7 });
  assert.equal(p.accept({ channel: 'c', epoch: 'e1', seq: 7 }), false);
  p.reset({ channel: 'c', epoch: 'e1', seq: 3 });
  assert.ok(p.accept({ channel: 'c', epoch: 'e1', seq: 4 }), 'a resync may move back within the epoch');
  p.forget('c');
  assert.equal(p.get('c'), null);
});

test('every origin cloud has its own position, and a resume names each', () => {
  const p = new ChannelPositions();
  const m = (origin, epoch, seq) => ({ channel: 'c', origin, epoch, seq, ts: seq * 10 });
  assert.deepEqual([m('a', 'ea', 4), m('b', 'eb', 1), m('a', 'ea', 4), m('b', 'eb', 1), m('b', 'eb', 2)].map((x) => p.accept(x)),
    [true, true, false, false, true], "another origin's lower seq is new; a copy mirrored twice is not");
  assert.deepEqual(p.get('c'), { origin: 'b', epoch: 'eb', seq: 2, ts: 20 }, 'the newest message');
  assert.deepEqual(p.since('c'), [{ origin: 'a', epoch: 'ea', seq: 4, ts: 40 }, { origin: 'b', epoch: 'eb', seq: 2, ts: 20 }]);

  const q = new ChannelPositions();
  q.startAt({ channel: 'c', epoch: 'ea', seq: 9, origin: 'a',
    positions: [{ origin: 'a', epoch: 'ea', seq: 9 }, { origin: 'b', epoch: 'eb', seq: 3 }] });
  assert.equal(q.accept(m('b', 'eb', 3)), false);
  assert.ok(q.accept(m('b', 'eb', 4)));
  assert.deepEqual(q.since('c').map((x) => x.origin), ['a', 'b']);
});

test('the node of a client id is what comes before its last dot', () => {
  assert.equal(nodeOfClient('a-8080.0123456789abcdef'), 'a-8080');
  assert.equal(nodeOfClient('eu.a-1.0123456789abcdef'), 'eu.a-1');
  assert.equal(nodeOfClient('nodot'), null);
  assert.equal(nodeOfClient(null), null);
});

test('a position given without its origin joins the stream whose messages share its epoch', () => {
  const p = new ChannelPositions();
  p.startAt({ channel: 'c', epoch: 'e1', seq: 4 }); // a server that names no origin
  assert.equal(p.accept({ channel: 'c', origin: 'a', epoch: 'e1', seq: 4 }), false, 'already seen');
  assert.ok(p.accept({ channel: 'c', origin: 'a', epoch: 'e1', seq: 5 }));
  assert.deepEqual(p.since('c'), { origin: 'a', epoch: 'e1', seq: 5 });
});
