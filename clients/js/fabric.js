/**
 * fabric.js: the SyncFabric JavaScript client, one self-contained ES module for browsers and
 * Node 20+ (run Node with --experimental-websocket, or pass a WebSocket constructor).
 *
 * It finds the nearest healthy frontend (discovery, then RTT probes), connects, keeps the wanted
 * subscriptions across reconnects and drains (resuming with `since`), and delivers each channel's
 * messages once and in order. The protocol is docs/protocol.md in the SyncFabric repository.
 *
 * @module fabric
 */

/** Defaults for {@link FabricClient} options. */
export const DEFAULTS = Object.freeze({
  backoff: Object.freeze({ baseMs: 250, maxMs: 10_000 }),
  probes: 2,
  probeTimeoutMs: 1500,
  discoveryTimeoutMs: 3000,
  discoveryRefreshMs: 30_000,
  connectTimeoutMs: 10_000,
  pingIntervalMs: 25_000,
  pongTimeoutMs: 10_000,
});

/** How much slower than the best a frontend may be and still count as "nearest" (spreads load). */
const NEAR_RATIO = 1.2;
const NEAR_MS = 2;
/** Error codes of a connect refused for its token (invalid, expired, connect timeout). */
const CREDENTIAL_ERRORS = new Set([150, 151, 152]);

/**
 * An error from the fabric (an `error` reply: numeric `code`, stable `name`, human `reason`) or
 * from the client itself (`code` 0, e.g. name `disconnected`, `not-connected`, `closed`,
 * `unreachable`, `timeout`).
 */
export class FabricError extends Error {
  /**
   * @param {string} name stable name, e.g. `permission-denied`
   * @param {string} reason for people
   * @param {number} [code] the protocol's error code; 0 for errors raised by the client
   * @param {object} [extra] more fields (e.g. `closeCode`, `channel`)
   */
  constructor(name, reason, code = 0, extra = {}) {
    super(`${name}: ${reason}`);
    this.name = name;
    this.reason = reason;
    this.code = code;
    Object.assign(this, extra);
  }
}

/**
 * What to do after a socket closed with `code`: `reconnect` (4000-4499, 1001, 1006, 1011, any
 * other) or `renew` (4500-4999, and 1009, 1007, 1002 for frames the server refused: the same
 * credentials or the same frames would be refused again; a fresh token is tried once, then it stops).
 * @param {number} code WebSocket close code
 * @returns {'reconnect'|'renew'}
 */
export function closeAction(code) {
  return (code >= 4500 && code <= 4999) || code === 1009 || code === 1007 || code === 1002 ? 'renew' : 'reconnect';
}

/**
 * Full-jitter exponential backoff: attempt n (from 0) waits random(0, min(maxMs, baseMs * 2^n)).
 * @param {number} attempt
 * @param {{baseMs: number, maxMs: number}} backoff
 * @param {() => number} random uniform in [0, 1)
 * @returns {number} milliseconds
 */
export function backoffDelay(attempt, { baseMs, maxMs }, random) {
  return random() * Math.min(maxMs, baseMs * 2 ** attempt);
}

/**
 * Orders probed frontends for connecting: the sticky node first when it answered, then one chosen
 * at random among those within 20% (or 2 ms) of the best RTT, then the rest by RTT. Frontends that
 * did not answer are left out, unless none answered: then the server's order is kept.
 * @param {Array<{frontend: object, rtt: number}>} probed `rtt` is Infinity when unreachable
 * @param {{sticky?: string|null, random: () => number}} options
 * @returns {object[]} frontends, best first
 */
export function rankFrontends(probed, { sticky = null, random }) {
  const reachable = probed.filter((p) => Number.isFinite(p.rtt)).sort((a, b) => a.rtt - b.rtt);
  if (reachable.length === 0) {
    return probed.map((p) => p.frontend);
  }
  const best = reachable[0].rtt;
  const near = reachable.filter((p) => p.rtt <= Math.max(best * NEAR_RATIO, best + NEAR_MS));
  const first = [
    reachable.find((p) => sticky != null && p.frontend.node === sticky),
    near[Math.min(near.length - 1, Math.floor(random() * near.length))],
  ];
  const order = [...first, ...reachable].filter(Boolean).map((p) => p.frontend);
  return [...new Set(order)];
}

/** The node id inside a client id `<nodeId>.<16 hex>`, or null. */
export function nodeOfClient(clientId) {
  const dot = typeof clientId === 'string' ? clientId.lastIndexOf('.') : -1;
  return dot > 0 ? clientId.slice(0, dot) : null;
}

/**
 * The last position seen per channel and origin cloud (each cloud's sequencer numbers its own
 * stream of a channel), and the rule that delivers each message once and in order: a message is
 * dropped when its origin and epoch equal the last one's and its seq is not above the last seq (the
 * overlap of two sockets during a switch-over, or a copy mirrored twice), or when its epoch was
 * already left behind.
 */
export class ChannelPositions {
  /** channel → origin → {epoch, seq, ts, retired} */
  #last = new Map();
  /** channel → origin of the newest message */
  #latest = new Map();
  /** channel → when its subscription took effect (a reply's `at`): a resume's `from` */
  #from = new Map();

  /** @returns {{origin?: string, epoch: string, seq: number, ts?: number}|null} the newest message's position */
  get(channel) {
    const origin = this.#latest.get(channel);
    const p = origin === undefined ? undefined : this.#last.get(channel)?.get(origin);
    return p ? position(origin, p) : null;
  }

  /** @returns {Array<{origin?: string, epoch: string, seq: number, ts?: number}>} one position per origin */
  all(channel) {
    return [...(this.#last.get(channel) ?? new Map())].map(([origin, p]) => position(origin, p));
  }

  /** What `subscribe` resumes from: null, one position, or one per origin (each naming it). */
  since(channel) {
    const all = this.all(channel);
    if (all.length <= 1) {
      return all[0] ?? null;
    }
    return all.filter((p) => p.origin);
  }

  /** Records `message` if it is new; returns false for a duplicate or stale one. */
  accept(message) {
    const origin = message.origin ?? '';
    this.#adoptUnnamed(message.channel, origin, message.epoch);
    const p = this.#last.get(message.channel)?.get(origin);
    if (p && (p.retired.has(message.epoch) || (message.epoch === p.epoch && message.seq <= p.seq))) {
      return false;
    }
    this.#move(message.channel, origin, message.epoch, message.seq, message.ts);
    return true;
  }

  /** Starts every stream of a subscribe reply that has no position yet (`""` is no position). */
  startAt(reply) {
    for (const at of replyPositions(reply)) {
      if (at.epoch && !this.#last.get(reply.channel)?.has(at.origin)) {
        this.#move(reply.channel, at.origin, at.epoch, at.seq, undefined);
      }
    }
  }

  /** Jumps to the reply's positions after a failed recovery: the streams continue from there. */
  reset(reply) {
    const positions = replyPositions(reply);
    if (positions.length === 0) {
      this.forget(reply.channel);
    }
    for (const at of positions) {
      if (at.epoch) {
        this.#move(reply.channel, at.origin, at.epoch, at.seq, undefined, true);
      }
    }
  }

  /** @returns {number} since when the client has been subscribed to `channel` (epoch ms; 0: not known) */
  from(channel) {
    return this.#from.get(channel) ?? 0;
  }

  /**
   * Notes a subscribe reply's `at`: the first one dates the subscription; a resume that recovered
   * keeps that date, one that did not (the application resyncs now) starts a new one.
   */
  noteSubscribed(reply) {
    if (reply.at > 0 && (!reply.recovered || !this.#from.has(reply.channel))) {
      this.#from.set(reply.channel, reply.at);
    }
  }

  forget(channel) {
    this.#last.delete(channel);
    this.#latest.delete(channel);
    this.#from.delete(channel);
  }

  /** A position a server gave without its origin is the stream whose messages share its epoch. */
  #adoptUnnamed(channel, origin, epoch) {
    const streams = this.#last.get(channel);
    const unnamed = streams?.get('');
    if (origin && unnamed && unnamed.epoch === epoch && !streams.has(origin)) {
      streams.set(origin, unnamed);
      streams.delete('');
      if (this.#latest.get(channel) === '') {
        this.#latest.set(channel, origin);
      }
    }
  }

  #move(channel, origin, epoch, seq, ts, force = false) {
    let streams = this.#last.get(channel);
    if (!streams) {
      streams = new Map();
      this.#last.set(channel, streams);
    }
    const p = streams.get(origin);
    const retired = p ? p.retired : new Set();
    if (p && p.epoch !== epoch) {
      retired.add(p.epoch); // an epoch never comes back: late copies of it are stale
      retired.delete(epoch);
    }
    if (!force && p && p.epoch === epoch && seq <= p.seq) {
      return;
    }
    streams.set(origin, { epoch, seq, ts, retired });
    this.#latest.set(channel, origin);
  }
}

function position(origin, p) {
  return { ...(origin && { origin }), epoch: p.epoch, seq: p.seq, ...(p.ts != null ? { ts: p.ts } : {}) };
}

/** A subscribe reply's positions; servers without `positions` give one, maybe without its origin. */
function replyPositions(reply) {
  if (Array.isArray(reply.positions)) {
    return reply.positions.map((p) => ({ origin: p.origin ?? '', epoch: p.epoch, seq: p.seq }));
  }
  return reply.epoch ? [{ origin: reply.origin ?? '', epoch: reply.epoch, seq: reply.seq }] : [];
}

/**
 * One WebSocket to one frontend: request/reply correlation by id and a single close notice.
 * Replies to its requests resolve here; every other frame goes to `onFrame`.
 */
class Connection {
  #ws;
  #pending = new Map();
  #nextId;
  #handlers;
  closed = false;
  /** Channels subscribed (or being subscribed) on this socket. */
  channels = new Set();
  node = null;
  client = null;
  lastFrameAt = 0;
  /** Milliseconds between this socket's stats pushes, once its stats reply came. */
  statsInterval = null;
  /** A drain hint that came before this socket was adopted. */
  hint = null;

  /**
   * @param {string} url
   * @param {Function} WebSocketCtor
   * @param {() => number} nextId request ids, unique across this client's sockets
   * @param {{onFrame: Function, onClose: Function, now: () => number}} handlers
   */
  constructor(url, WebSocketCtor, nextId, handlers) {
    this.url = url;
    this.#nextId = nextId;
    this.#handlers = handlers;
    this.#ws = new WebSocketCtor(url);
    this.#ws.addEventListener('message', (e) => this.#onMessage(e.data));
    this.#ws.addEventListener('close', (e) => this.#finish(e.code, e.reason, false));
  }

  /** Resolves when the socket is open; rejects when it closes first. */
  opened() {
    return new Promise((resolve, reject) => {
      this.#ws.addEventListener('open', () => resolve());
      this.#ws.addEventListener('close', (e) => reject(
        new FabricError('unreachable', `${this.url} closed before opening (${e.code})`, 0, { closeCode: e.code })));
    });
  }

  /** Sends `frame` with a new id; resolves with the reply, rejects on an `error` reply or a drop. */
  request(frame, onReply) {
    if (this.closed) {
      return Promise.reject(new FabricError('disconnected', 'socket closed'));
    }
    const id = this.#nextId();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onReply });
      this.#ws.send(JSON.stringify({ ...frame, id }));
    });
  }

  /** Closes from this side; the client is not told (it chose to). */
  close(reason = '') {
    this.#finish(1000, reason, true);
    try {
      this.#ws.close(1000, reason.slice(0, 100));
    } catch {
      // already closing
    }
  }

  /** Gives up on a silent socket at once: the close handshake of a dead peer would take minutes. */
  abort(reason) {
    this.#finish(1006, reason, false);
    try {
      this.#ws.close();
    } catch {
      // already closing
    }
  }

  #onMessage(data) {
    if (this.closed) {
      return; // a late frame of a socket we left
    }
    this.lastFrameAt = this.#handlers.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return; // the server sends JSON objects only; nothing useful to do with noise
    }
    const waiting = frame.id != null ? this.#pending.get(frame.id) : undefined;
    if (!waiting) {
      this.#handlers.onFrame(this, frame);
      return;
    }
    this.#pending.delete(frame.id);
    if (frame.op === 'error') {
      waiting.reject(new FabricError(frame.name, frame.reason, frame.code, { channel: frame.channel }));
      return;
    }
    waiting.onReply?.(frame); // synchronous: state must change before the next frame is handled
    waiting.resolve(frame);
  }

  #finish(code, reason, local) {
    if (this.closed) {
      return;
    }
    this.closed = true;
    const drop = new FabricError('disconnected', `socket closed (${code}${reason ? ` ${reason}` : ''})`, 0,
      { closeCode: code });
    for (const waiting of this.#pending.values()) {
      waiting.reject(drop);
    }
    this.#pending.clear();
    this.#handlers.onClose(this, { code, reason, local });
  }
}

/**
 * A client of the fabric. Events (`on(name, fn)`): `state` {from, to}; `connected` {node, url,
 * client}; `message` (the message frame); `subscribed` {channel, epoch, seq, origin, positions, recovered};
 * `recovered` and `resync` {channel, epoch, seq, origin, positions} after a resubscribe; `join` and `leave`
 * (presence); `disconnected` {code, reason, node}; `error` (a {@link FabricError}); `stats` (see
 * {@link FabricClient#stats}).
 *
 * States: `idle` -> `connecting` -> `connected` -> `reconnecting` -> `connected` ... -> `closed`.
 */
export class FabricClient {
  #o;
  #listeners = new Map();
  #state = 'idle';
  #conn = null;
  /** channel -> {presence, subscribedOnce, ready, resolve, reject} */
  #subs = new Map();
  #positions = new ChannelPositions();
  #ids = 0;
  #clientId = null;
  #learned = new Map();
  #avoid = new Set();
  #renewed = false;
  #looping = false;
  #switching = false;
  #connectWaiters = [];
  #sleeps = new Set();
  #heartbeat = null;
  #refresher = null;
  /** The pool statistics stream, once {@link stats} was called: {ready, resolve, reject}. */
  #stats = null;

  /**
   * @param {object} options
   * @param {string[]} options.seeds HTTP base URLs of frontends, for discovery
   * @param {string|(() => string|Promise<string>)} options.token connection JWT, or a function
   *   called on each (re)connect
   * @param {string} [options.region] the caller's region, a hint for discovery's ranking
   * @param {Function} [options.WebSocket] WebSocket constructor (default: globalThis.WebSocket)
   * @param {Function} [options.fetch] fetch function (default: globalThis.fetch)
   * @param {{baseMs: number, maxMs: number}} [options.backoff] reconnect backoff (full jitter)
   * @param {number} [options.probes] RTT probes per frontend
   * @param {number} [options.probeTimeoutMs] a probe slower than this marks the frontend unreachable
   * @param {number} [options.connectTimeoutMs] limit for opening a socket and its connect reply
   * @param {number} [options.discoveryRefreshMs] ask discovery again this often while connected, so
   *   frontends of clouds that appeared later are known before this one goes dark (0: never)
   * @param {number} [options.pingIntervalMs] ping a quiet socket this often (0: never)
   * @param {number} [options.pongTimeoutMs] drop the socket when a ping gets no pong in this time
   * @param {() => number} [options.random] uniform in [0, 1), for tests
   * @param {() => number} [options.now] monotonic milliseconds, for RTT probes
   * @param {{setTimeout: Function, clearTimeout: Function}} [options.timers] for tests
   */
  constructor(options) {
    const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined));
    const o = { ...DEFAULTS, ...given };
    if (!Array.isArray(o.seeds) || o.seeds.length === 0) {
      throw new TypeError('seeds: at least one frontend base URL is required');
    }
    o.seeds = o.seeds.map((s) => String(s).replace(/\/+$/, ''));
    o.backoff = { ...DEFAULTS.backoff, ...given.backoff };
    o.WebSocket ??= globalThis.WebSocket;
    o.fetch ??= globalThis.fetch?.bind(globalThis);
    o.random ??= Math.random;
    o.now ??= () => globalThis.performance.now();
    o.timers ??= { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (t) => clearTimeout(t) };
    if (typeof o.WebSocket !== 'function' || typeof o.fetch !== 'function') {
      throw new TypeError('no WebSocket or fetch: pass them in options (Node: --experimental-websocket)');
    }
    this.#o = o;
  }

  /** @returns {string} the current state */
  get state() { return this.#state; }
  /** @returns {string|null} node id of the frontend this client is connected to */
  get node() { return this.#conn?.node ?? null; }
  /** @returns {string|null} WebSocket URL of the current connection */
  get url() { return this.#conn?.url ?? null; }
  /** @returns {string[]} the clouds of the frontends the last discovery answer listed */
  get knownClouds() { return [...new Set([...this.#learned.values()].map((f) => f.cloud).filter(Boolean))]; }
  /** @returns {string|null} the session id the fabric gave the latest connection */
  get clientId() { return this.#clientId; }

  /**
   * Listens to an event.
   * @param {string} event
   * @param {(payload: any) => void} listener
   * @returns {() => void} a function that removes the listener
   */
  on(event, listener) {
    if (!this.#listeners.has(event)) {
      this.#listeners.set(event, new Set());
    }
    this.#listeners.get(event).add(listener);
    return () => this.off(event, listener);
  }

  off(event, listener) {
    this.#listeners.get(event)?.delete(listener);
  }

  /**
   * Connects to the nearest healthy frontend, retrying with backoff until it succeeds.
   * @returns {Promise<{node: string, url: string, client: string}>} rejects when the token is
   *   refused for good or {@link close} is called first
   */
  connect() {
    if (this.#state === 'closed') {
      return Promise.reject(new FabricError('closed', 'client was closed'));
    }
    if (this.#state === 'connected') {
      return Promise.resolve(this.#connectedInfo(this.#conn));
    }
    const done = new Promise((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
    if (this.#state === 'idle') {
      this.#setState('connecting');
      this.#reconnectLoop(false);
    }
    return done;
  }

  /**
   * Subscribes to `channel` now and after every reconnect (resuming after the last message seen).
   * Resolves with the first `subscribed` reply, also when that comes after a reconnect; rejects on
   * an error reply (the channel is then dropped), or on {@link close}.
   * @param {string} channel
   * @param {{presence?: boolean}} [options] presence: also receive `join` and `leave` events
   * @returns {Promise<{channel: string, epoch: string, seq: number, recovered: boolean}>}
   */
  subscribe(channel, { presence = false } = {}) {
    const existing = this.#subs.get(channel);
    if (existing) {
      return existing.ready;
    }
    const sub = { presence: Boolean(presence), subscribedOnce: false };
    sub.ready = new Promise((resolve, reject) => Object.assign(sub, { resolve, reject }));
    sub.ready.catch(() => {}); // callers who never await must not crash Node with an unhandled rejection
    this.#subs.set(channel, sub);
    if (this.#conn) {
      this.#subscribeOn(this.#conn, channel, sub);
    }
    return sub.ready;
  }

  /** Stops wanting `channel` and forgets its position. */
  async unsubscribe(channel) {
    const sub = this.#subs.get(channel);
    this.#subs.delete(channel);
    this.#positions.forget(channel);
    sub?.reject(new FabricError('unsubscribed', `unsubscribed from ${channel} before it was subscribed`));
    const conn = this.#conn;
    if (conn && conn.channels.delete(channel)) {
      return conn.request({ op: 'unsubscribe', channel });
    }
    return { op: 'unsubscribed', channel };
  }

  /** Publishes `data` (any JSON value); resolves once Kafka has it. */
  publish(channel, data) {
    return this.#request({ op: 'publish', channel, data });
  }

  /**
   * Reads the channel's hot history.
   * @param {{limit?: number, since?: {epoch: string, seq: number}}} [options]
   * @returns {Promise<{channel, epoch, seq, messages: object[]}>}
   */
  history(channel, { limit, since } = {}) {
    return this.#request({ op: 'history', channel, ...(limit != null && { limit }), ...(since && { since }) });
  }

  /** @returns {Promise<Array<{client: string, user: string, node: string}>>} who is on `channel` */
  async presence(channel) {
    const reply = await this.#request({ op: 'presence', channel });
    return reply.clients ?? [];
  }

  /**
   * Streams the pool's statistics (the token must allow `sys:stats`), now and after every
   * reconnect: each `stats` reply and push is emitted as a `stats` event {node, interval, samples,
   * events, initial}; `initial` marks a reply, whose `samples` are the answering frontend's history.
   * Resolves with the first reply {interval, history, events}; rejects on an error reply (the
   * stream is then dropped), or on {@link close}.
   * @returns {Promise<{interval: number, history: object[], events: object[]}>}
   */
  stats() {
    if (this.#stats) {
      return this.#stats.ready;
    }
    const stats = this.#stats = {};
    stats.ready = new Promise((resolve, reject) => Object.assign(stats, { resolve, reject }));
    stats.ready.catch(() => {}); // as for subscribe: unawaited calls must not crash Node
    if (this.#conn) {
      this.#statsOn(this.#conn);
    }
    return stats.ready;
  }

  /** @returns {{origin?: string, epoch: string, seq: number, ts?: number}|null} the last message seen on `channel` */
  position(channel) {
    return this.#positions.get(channel);
  }

  /** @returns {Array<{origin?: string, epoch: string, seq: number, ts?: number}>} the last position in each origin cloud's stream */
  positions(channel) {
    return this.#positions.all(channel);
  }

  /** Closes for good: no reconnect; pending requests and waiters reject. */
  close() {
    this.#shutdown(new FabricError('closed', 'client was closed'));
  }

  /** Ends the client; `why` is what waiting callers (connect, subscribe) are rejected with. */
  #shutdown(why) {
    if (this.#state === 'closed') {
      return;
    }
    this.#setState('closed');
    this.#stopHeartbeat();
    this.#stopRefresher();
    for (const sleep of this.#sleeps) {
      sleep.wake();
    }
    const conn = this.#conn;
    this.#conn = null;
    conn?.close('client closed');
    this.#connectWaiters.splice(0).forEach((w) => w.reject(why));
    for (const sub of this.#subs.values()) {
      sub.reject(why);
    }
    this.#stats?.reject(why);
  }

  // --- connecting ---------------------------------------------------------------------------

  /** Tries until connected, closed, or refused for good; one loop at a time. */
  async #reconnectLoop(waitFirst) {
    if (this.#looping) {
      return;
    }
    this.#looping = true;
    try {
      for (let attempt = 0, wait = waitFirst; this.#state !== 'closed'; attempt++, wait = true) {
        if (wait) {
          await this.#sleep(backoffDelay(waitFirst ? attempt : attempt - 1, this.#o.backoff, this.#o.random));
        }
        if (this.#state === 'closed') {
          return;
        }
        try {
          const conn = await this.#establish(new Set());
          if (!conn.closed) { // it may have dropped between its connect reply and now
            this.#adopt(conn);
            return;
          }
        } catch (err) {
          if (err.credentials && !this.#mayRenew(err)) {
            return;
          }
          this.#emit('error', err);
        }
      }
    } finally {
      this.#looping = false;
    }
  }

  /** Discovery, probes, then the first candidate that accepts the connect. */
  async #establish(exclude) {
    const token = await this.#token();
    const frontends = (await this.#discover()).filter((f) => !exclude.has(f.node));
    const probed = await Promise.all(frontends.map(async (f) => ({ frontend: f, rtt: await this.#probe(f) })));
    const ranked = rankFrontends(probed, { sticky: nodeOfClient(this.#clientId), random: this.#o.random });
    // a frontend that just dropped us goes last: it may still answer pings while it stops
    ranked.sort((a, b) => Number(this.#avoid.has(a.node)) - Number(this.#avoid.has(b.node)));
    let last = new FabricError('unreachable', 'no frontend to connect to');
    for (const frontend of ranked) {
      if (this.#state === 'closed') {
        break;
      }
      try {
        return await this.#open(frontend.url, token);
      } catch (err) {
        if (err.credentials) {
          throw err;
        }
        last = err;
      }
    }
    throw last;
  }

  /** Opens a socket to `url` and sends connect; rejects with `credentials` set when the token is refused. */
  async #open(url, token) {
    const conn = new Connection(url, this.#o.WebSocket, () => ++this.#ids, {
      onFrame: (c, f) => this.#onFrame(c, f),
      onClose: (c, e) => this.#onClose(c, e),
      now: this.#o.now,
    });
    try {
      const reply = await this.#withTimeout(conn.opened().then(() => conn.request({ op: 'connect', token })),
        this.#o.connectTimeoutMs, `connect to ${url}`);
      conn.client = reply.client ?? null;
      conn.node = reply.node ?? nodeOfClient(reply.client);
      return conn;
    } catch (err) {
      conn.close('connect failed');
      if (CREDENTIAL_ERRORS.has(err.code) || (err.closeCode && closeAction(err.closeCode) === 'renew')) {
        err.credentials = true;
      }
      throw err;
    }
  }

  /** Makes `conn` the current socket and replays the wanted subscriptions on it. */
  #adopt(conn) {
    if (this.#state === 'closed') {
      conn.close('client closed');
      return;
    }
    const previous = this.#conn;
    this.#conn = conn;
    this.#clientId = conn.client ?? this.#clientId;
    this.#renewed = false;
    this.#avoid.clear();
    this.#startHeartbeat(conn);
    this.#startRefresher();
    this.#setState('connected');
    const info = this.#connectedInfo(conn);
    this.#emit('connected', info);
    this.#connectWaiters.splice(0).forEach((w) => w.resolve(info));
    this.#reconcile(conn);
    if (this.#stats) {
      this.#statsOn(conn);
    }
    previous?.close('switched to another frontend');
    if (conn.hint) { // the frontend we just moved to is draining too
      this.#switchOver(conn, conn.hint);
    }
  }

  /** Subscribes what is wanted and not yet on `conn`; unsubscribes what is there and not wanted. */
  #reconcile(conn) {
    for (const [channel, sub] of this.#subs) {
      if (!conn.channels.has(channel)) {
        this.#subscribeOn(conn, channel, sub);
      }
    }
    for (const channel of conn.channels) {
      if (!this.#subs.has(channel)) {
        conn.channels.delete(channel);
        conn.request({ op: 'unsubscribe', channel }).catch(() => {});
      }
    }
  }

  /**
   * Sends subscribe (with `since` when a position is known, and `from`, since when the channel has
   * been subscribed, so streams it never saw are replayed from then); resolves when answered, never rejects.
   */
  #subscribeOn(conn, channel, sub) {
    const since = this.#positions.since(channel);
    const from = this.#positions.from(channel);
    const frame = { op: 'subscribe', channel, ...(sub.presence && { presence: true }), ...(since && { since }),
      ...(from > 0 && { from }) };
    conn.channels.add(channel);
    return conn.request(frame, (reply) => this.#onSubscribed(reply, sub, Boolean(since) || from > 0))
      .catch((err) => {
        if (err.name === 'disconnected') {
          return; // kept wanted: the next socket subscribes again
        }
        conn.channels.delete(channel);
        if (this.#subs.get(channel) === sub) {
          this.#subs.delete(channel);
          this.#emit('error', err);
        }
        sub.reject(err);
      });
  }

  #onSubscribed(reply, sub, resumed) {
    const { channel, epoch, seq, recovered } = reply;
    if (this.#subs.get(channel) !== sub) {
      return; // unsubscribed while the request was on its way
    }
    const position = { channel, epoch, seq, origin: reply.origin ?? '', positions: reply.positions ?? [] };
    if (resumed && !recovered) {
      this.#positions.reset(reply);
      this.#emit('resync', { ...position, reason: reply.reason ?? 'not-recovered' });
    } else if (resumed) {
      this.#emit('recovered', position);
    } else {
      this.#positions.startAt(reply);
      if (sub.subscribedOnce) {
        // subscribed before but never had a position: messages may have been missed
        this.#emit('resync', { ...position, reason: 'no-position' });
      }
    }
    this.#positions.noteSubscribed(reply);
    sub.subscribedOnce = true;
    this.#emit('subscribed', { ...position, recovered: Boolean(recovered) });
    sub.resolve({ ...position, recovered: Boolean(recovered) });
  }

  /** Asks `conn` (an adopted socket) for the stats stream; a socket left is closed, so no push repeats. */
  #statsOn(conn) {
    const stats = this.#stats;
    conn.request({ op: 'stats' }, (reply) => {
      conn.statsInterval = reply.interval;
      this.#emitStats(conn, reply.history, reply.events, true);
    }).then((reply) => {
      stats.resolve({ interval: reply.interval, history: reply.history ?? [], events: reply.events ?? [] });
    }, (err) => {
      if (err.name === 'disconnected' || this.#stats !== stats) {
        return; // kept wanted: the next socket asks again
      }
      this.#stats = null;
      this.#emit('error', err);
      stats.reject(err);
    });
  }

  #emitStats(conn, samples, events, initial) {
    this.#emit('stats', { node: conn.node, interval: conn.statsInterval ?? null, samples: samples ?? [],
      events: events ?? [], initial });
  }

  // --- discovery and probes -----------------------------------------------------------------

  /** Asks the seeds, then frontends learned before, for the ranked list of healthy frontends. */
  async #discover() {
    const frontends = await this.#askFirst(this.#o.seeds);
    if (frontends) {
      return frontends;
    }
    // nobody answered: what we learned before, else the seeds themselves
    return this.#learned.size > 0
      ? [...this.#learned.values()]
      : this.#o.seeds.map((http) => ({ node: null, http, url: `${http.replace(/^http/, 'ws')}/v1/ws` }));
  }

  /**
   * Asks `bases`, then the frontends learned before, in turn; the first non-empty answer is
   * learned and returned (null when nobody answered).
   */
  async #askFirst(bases) {
    const query = new URLSearchParams();
    if (this.#o.region) {
      query.set('region', this.#o.region);
    }
    if (this.#clientId) {
      query.set('session', this.#clientId);
    }
    const learnedHttp = [...this.#learned.values()].map((f) => f.http).filter(Boolean);
    for (const base of new Set([...bases, ...learnedHttp])) {
      const frontends = await this.#askDiscovery(`${base}/v1/discovery?${query}`);
      if (frontends?.length) {
        this.#learned = new Map(frontends.map((f) => [f.node, f]));
        return frontends;
      }
    }
    return null;
  }

  /** Keeps what discovery said current while connected; the current frontend is asked first. */
  #startRefresher() {
    const every = this.#o.discoveryRefreshMs;
    if (!every || this.#refresher != null) {
      return;
    }
    const tick = async () => {
      const conn = this.#conn;
      if (this.#state === 'connected' && conn) {
        await this.#askFirst([conn.url.replace(/^ws/, 'http').replace(/\/v1\/ws.*$/, ''), ...this.#o.seeds]);
      }
      if (this.#refresher != null) {
        this.#refresher = this.#o.timers.setTimeout(tick, every);
      }
    };
    this.#refresher = this.#o.timers.setTimeout(tick, every);
  }

  #stopRefresher() {
    if (this.#refresher != null) {
      this.#o.timers.clearTimeout(this.#refresher);
      this.#refresher = null;
    }
  }

  async #askDiscovery(url) {
    try {
      const res = await this.#fetch(url, this.#o.discoveryTimeoutMs);
      if (!res.ok) {
        return null;
      }
      const body = await res.json();
      return Array.isArray(body.frontends) ? body.frontends.filter((f) => f && f.url) : null;
    } catch {
      return null; // this source is down: the next one may answer
    }
  }

  /**
   * Minimum RTT of the `probes` pings that answered, Infinity when none did. A failed ping only
   * loses its sample (one refused connection on a busy host must not rule the nearest frontend
   * out); a timed-out one ends the measuring, so a frontend that stopped answering costs one timeout.
   */
  async #probe(frontend) {
    if (!frontend.http) {
      return Infinity;
    }
    let best = Infinity;
    for (let i = 0; i < this.#o.probes; i++) {
      const start = this.#o.now();
      try {
        const res = await this.#fetch(`${frontend.http}/v1/ping`, this.#o.probeTimeoutMs);
        await res.body?.cancel?.();
        if (res.ok) {
          best = Math.min(best, this.#o.now() - start);
        }
      } catch (err) {
        if (err?.name === 'AbortError') {
          break;
        }
      }
    }
    return best;
  }

  async #fetch(url, timeoutMs) {
    const abort = new AbortController();
    const timer = this.#o.timers.setTimeout(() => abort.abort(), timeoutMs);
    try {
      return await this.#o.fetch(url, { signal: abort.signal, cache: 'no-store' });
    } finally {
      this.#o.timers.clearTimeout(timer);
    }
  }

  // --- frames and closes --------------------------------------------------------------------

  #onFrame(conn, frame) {
    switch (frame.op) {
      case 'message':
        if (this.#subs.has(frame.channel) && this.#positions.accept(frame)) {
          this.#emit('message', frame);
        }
        break;
      case 'join':
      case 'leave':
        // only the current socket's: during a switch-over both sockets hear the same event
        if (conn === this.#conn && this.#subs.has(frame.channel)) {
          this.#emit(frame.op, frame);
        }
        break;
      case 'stats':
        if (this.#stats && frame.sample) {
          this.#emitStats(conn, [frame.sample], frame.events, false);
        }
        break;
      case 'reconnect':
        if (conn === this.#conn) {
          this.#switchOver(conn, frame);
        } else {
          conn.hint = frame; // a socket still being set up: followed once it is adopted
        }
        break;
      case 'error':
        this.#emit('error', new FabricError(frame.name, frame.reason, frame.code, { channel: frame.channel }));
        break;
      default:
        break; // pong and late replies need nothing
    }
  }

  #onClose(conn, { code, reason, local }) {
    if (local || conn !== this.#conn) {
      return; // a socket we closed, or one replaced by a switch-over
    }
    this.#conn = null;
    this.#stopHeartbeat();
    this.#emit('disconnected', { code, reason, node: conn.node });
    if (this.#state === 'closed' || this.#switching) {
      return; // the switch-over adopts its new socket, or reconnects if it fails
    }
    this.#avoid = new Set([conn.node]);
    const renew = closeAction(code) === 'renew';
    if (renew && !this.#mayRenew(new FabricError('disconnected', `closed with ${code} ${reason ?? ''}`.trim(), 0,
      { closeCode: code }))) {
      return;
    }
    this.#setState('reconnecting');
    this.#reconnectLoop(!renew); // a renewed token is tried at once
  }

  /** After a credential refusal: true when a token function may be asked once more; else closes. */
  #mayRenew(err) {
    if (typeof this.#o.token === 'function' && !this.#renewed) {
      this.#renewed = true;
      return true;
    }
    this.#emit('error', err);
    this.#shutdown(err);
    return false;
  }

  /**
   * Drain hint, make-before-break: connect to the hinted frontend (or the nearest other one),
   * resubscribe everything with `since` there, and only then leave the old socket. Messages both
   * sockets deliver meanwhile are deduplicated by position.
   */
  async #switchOver(old, hint) {
    if (this.#switching) {
      return;
    }
    this.#switching = true;
    let next = null;
    try {
      if (hint.url) {
        next = await this.#open(hint.url, await this.#token()).catch((err) => {
          if (err.credentials) {
            throw err;
          }
          return null;
        });
      }
      next ??= await this.#establish(new Set([old.node, hint.node].filter(Boolean)));
      await Promise.all([...this.#subs].map(([channel, sub]) => this.#subscribeOn(next, channel, sub)));
    } catch (err) {
      next?.close('switch-over failed');
      next = null;
      this.#emit('error', err);
    } finally {
      this.#switching = false;
    }
    if (next && !next.closed) {
      this.#adopt(next);
    } else if (!this.#conn && this.#state !== 'closed') {
      this.#setState('reconnecting'); // the old socket closed while we switched
      this.#reconnectLoop(true);
    }
  }

  // --- small helpers ------------------------------------------------------------------------

  #request(frame) {
    if (!this.#conn) {
      return Promise.reject(new FabricError('not-connected', `not connected (state ${this.#state})`));
    }
    return this.#conn.request(frame);
  }

  async #token() {
    const { token } = this.#o;
    return typeof token === 'function' ? token() : token;
  }

  #connectedInfo(conn) {
    return { node: conn.node, url: conn.url, client: conn.client };
  }

  #setState(to) {
    const from = this.#state;
    if (from !== to) {
      this.#state = to;
      this.#emit('state', { from, to });
    }
  }

  #emit(event, payload) {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        // a listener's bug must not break delivery: report it outside our call stack
        this.#o.timers.setTimeout(() => { throw err; }, 0);
      }
    }
  }

  #sleep(ms) {
    return new Promise((resolve) => {
      const sleep = {
        wake: () => {
          this.#o.timers.clearTimeout(sleep.timer);
          this.#sleeps.delete(sleep);
          resolve();
        },
      };
      sleep.timer = this.#o.timers.setTimeout(sleep.wake, ms);
      this.#sleeps.add(sleep);
    });
  }

  #withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = this.#o.timers.setTimeout(() => reject(new FabricError('timeout', `${what}: no answer in ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => this.#o.timers.clearTimeout(timer));
  }

  /** Pings a quiet socket; one that does not answer is dropped (and the client reconnects). */
  #startHeartbeat(conn) {
    this.#stopHeartbeat();
    const every = this.#o.pingIntervalMs;
    if (!every) {
      return;
    }
    conn.lastFrameAt = this.#o.now();
    const tick = () => {
      if (conn !== this.#conn) {
        return;
      }
      if (this.#o.now() - conn.lastFrameAt >= every) {
        this.#withTimeout(conn.request({ op: 'ping' }), this.#o.pongTimeoutMs, 'ping')
          .catch((err) => err.name === 'timeout' && conn.abort('no pong'));
      }
      this.#heartbeat = this.#o.timers.setTimeout(tick, every);
    };
    this.#heartbeat = this.#o.timers.setTimeout(tick, every);
  }

  #stopHeartbeat() {
    if (this.#heartbeat != null) {
      this.#o.timers.clearTimeout(this.#heartbeat);
      this.#heartbeat = null;
    }
  }
}
