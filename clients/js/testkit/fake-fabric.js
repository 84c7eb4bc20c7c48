// A fake fabric for unit tests: WebSocket and fetch stand-ins that answer like frontends, with
// switches to make a node unreachable, refuse tokens, or stay silent so a test answers by hand.
// Nothing here sleeps: sockets open and answer on the next microtask.

const HEX = '0123456789abcdef';

/** One fake frontend. */
export class FakeNode {
  constructor(fabric, name) {
    this.fabric = fabric;
    this.name = name;
    this.http = `http://${name}.test`;
    this.url = `ws://${name}.test/v1/ws`;
    this.pings = true; // answers /v1/ping
    this.discovery = true; // answers /v1/discovery
    this.accepts = true; // opens WebSockets
    this.listed = true; // discovery lists it (false: its cloud's announcement has not arrived yet)
    this.cloud = 'a';
    this.refuse = null; // token => true to answer connect with invalid-token and close 4501
    this.sessions = 0;
  }

  describe() {
    return { node: this.name, cloud: this.cloud, region: 'local', url: this.url, http: this.http, state: 'serving' };
  }
}

/** A socket as the client sees it; the server side is driven through `deliver`, `drop`, `sent`. */
class FakeSocket {
  constructor(fabric, url) {
    this.fabric = fabric;
    this.url = url;
    this.node = fabric.nodes.find((n) => n.url === url) ?? null;
    this.sent = [];
    this.readyState = 0;
    this.closedWith = null;
    this.listeners = new Map();
    fabric.sockets.push(this);
    queueMicrotask(() => (this.node?.accepts ? this.#open() : this.drop(1006, 'refused')));
  }

  addEventListener(type, fn) {
    if (!this.listeners.has(type)) {
      this.listeners.set(type, []);
    }
    this.listeners.get(type).push(fn);
  }

  send(text) {
    if (this.readyState !== 1) {
      throw new Error('send on a socket that is not open');
    }
    const frame = JSON.parse(text);
    this.sent.push(frame);
    if (this.fabric.autoReply) {
      this.fabric.answer(this, frame);
    }
  }

  /** Client-side close: recorded, and the close event follows like a real close handshake. */
  close(code = 1000, reason = '') {
    if (this.readyState === 3) {
      return;
    }
    this.closedWith = { code, reason };
    this.readyState = 3;
    queueMicrotask(() => this.#fire('close', { code, reason }));
  }

  /** Server side: sends a frame to the client. */
  deliver(frame) {
    this.#fire('message', { data: JSON.stringify(frame) });
  }

  /** Server side: the connection ends with `code` (1006: dropped without a close frame). */
  drop(code = 1006, reason = '') {
    if (this.readyState === 3) {
      return;
    }
    this.readyState = 3;
    this.#fire('close', { code, reason });
  }

  get open() {
    return this.readyState === 1;
  }

  ops(op) {
    return this.sent.filter((f) => f.op === op);
  }

  #open() {
    this.readyState = 1;
    this.#fire('open', {});
  }

  #fire(type, event) {
    for (const fn of this.listeners.get(type) ?? []) {
      fn(event);
    }
  }
}

/** A fake cloud of frontends named `names`. */
export class FakeFabric {
  constructor(...names) {
    this.nodes = names.map((n) => new FakeNode(this, n));
    this.sockets = [];
    this.fetched = [];
    this.autoReply = true;
    this.recover = true; // resumes answer recovered: true
    this.unknownChannels = false; // plain subscribes answer epoch "" (no message of the channel seen yet)
    this.statsDenied = false; // stats answers permission-denied
    const fabric = this;
    this.WebSocket = class extends FakeSocket {
      constructor(url) {
        super(fabric, url);
      }
    };
    this.fetch = (url, init) => this.#fetch(url, init);
  }

  node(name) {
    return this.nodes.find((n) => n.name === name);
  }

  /** Sockets the client opened to `name` that are still open. */
  openSockets(name) {
    return this.sockets.filter((s) => s.open && (!name || s.node?.name === name));
  }

  /** The default server behaviour for one client frame. */
  answer(socket, frame) {
    const reply = (f) => queueMicrotask(() => socket.deliver({ ...f, id: frame.id }));
    switch (frame.op) {
      case 'connect':
        if (socket.node.refuse?.(frame.token)) {
          reply({ op: 'error', code: 150, name: 'invalid-token', reason: 'bad signature' });
          queueMicrotask(() => socket.drop(4501, 'invalid-token'));
          return;
        }
        socket.node.sessions++;
        reply({ op: 'connected', client: `${socket.node.name}.${HEX.slice(socket.node.sessions % 16)}`,
          node: socket.node.name });
        return;
      case 'subscribe':
        reply(subscribedReply(frame, this.recover, this.unknownChannels));
        return;
      case 'unsubscribe':
        reply({ op: 'unsubscribed', channel: frame.channel });
        return;
      case 'publish':
        reply({ op: 'published', channel: frame.channel });
        return;
      case 'ping':
        reply({ op: 'pong' });
        return;
      case 'stats':
        reply(this.statsDenied
          ? { op: 'error', code: 110, name: 'permission-denied', reason: 'token does not allow sys:stats' }
          : { op: 'stats', interval: 1000, history: [sample(socket.node.name, 1000), sample(socket.node.name, 2000)],
            events: [{ ts: 1500, node: socket.node.name, kind: 'recovery', detail: 'c 1..3' }] });
        return;
      default:
        reply({ op: 'error', code: 102, name: 'unknown-op', reason: frame.op });
    }
  }

  async #fetch(url, init) {
    this.fetched.push(url);
    await null;
    if (init?.signal?.aborted) {
      throw new Error('aborted');
    }
    const u = new URL(url);
    const node = this.nodes.find((n) => n.http === u.origin);
    if (node && u.pathname === '/v1/ping' && node.pings) {
      return new Response(null, { status: 204 });
    }
    if (node && u.pathname === '/v1/discovery' && node.discovery) {
      const frontends = this.nodes.filter((n) => n.accepts && n.listed).map((n) => n.describe());
      return new Response(JSON.stringify({ cloud: 'a', node: node.name, frontends }),
        { headers: { 'content-type': 'application/json' } });
    }
    throw new TypeError(`fetch failed: ${url}`);
  }
}

/** Lets the event loop turn until `predicate()` holds; fails after `turns` turns. No sleeping. */
export async function until(predicate, what = 'condition', turns = 2000) {
  for (let i = 0; i < turns; i++) {
    if (predicate()) {
      return;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What a frontend answers to `subscribe`: every position is cloud a's stream (see docs/protocol.md). */
function subscribedReply(frame, recover, unknown) {
  const since = Array.isArray(frame.since) ? frame.since[0] : frame.since;
  const resuming = Boolean(since || frame.from);
  const at = SUBSCRIBED_AT + (frame.id ?? 0);
  if (unknown && !since) { // the frontend knows no message of the channel: no position to give
    return { op: 'subscribed', channel: frame.channel, epoch: '', seq: 0, origin: '', at,
      recovered: resuming && recover, positions: [] };
  }
  const [epoch, seq] = since ? (recover ? [since.epoch, since.seq] : ['e2', 100]) : ['e1', 0];
  return { op: 'subscribed', channel: frame.channel, epoch, seq, origin: 'a', at, recovered: resuming && recover,
    ...(resuming && !recover && { reason: 'epoch-changed' }), positions: [{ origin: 'a', epoch, seq }] };
}

/** What subscribed replies give as `at` (plus the request id, so each reply's is its own). */
export const SUBSCRIBED_AT = 1_700_000_000_000;

/** A message frame. */
export function message(channel, seq, epoch = 'e1') {
  return { op: 'message', channel, epoch, seq, ts: 1000 + seq, origin: 'a', data: { n: seq } };
}

/** A stats sample as `node` reports it at `ts`: one frontend, itself. */
export function sample(node, ts, connections = 1) {
  return { ts, cloud: 'a', node, frontends: [{ node, cloud: 'a', region: 'local', state: 'serving',
    connections, capacity: 100, messagesPerSec: 1, deliveriesPerSec: 2, latencyP50Ms: 1, latencyP99Ms: 2,
    heartbeatAgeMs: 10 }] };
}
