/**
 * fabric.js: the SyncFabric JavaScript client, an ES module for browsers and Node 20+ (run Node
 * with --experimental-websocket, or pass a WebSocket constructor). Its parts are the modules under
 * fabric/, which every frontend serves next to it (/fabric/<part>.js), so pages import this file alone.
 *
 * It finds the nearest healthy frontend (discovery, then RTT probes), connects, keeps the wanted
 * subscriptions across reconnects and drains (resuming with `since`), and delivers each channel's
 * messages once and in order. The protocol is docs/protocol.md in the SyncFabric repository.
 *
 * @module fabric
 */
import { FabricError, backoffDelay, closeAction, resolveOptions } from './fabric/policies.js';
import { Subscriptions } from './fabric/subscriptions.js';
import { Connection } from './fabric/connection.js';
import { FrontendFinder } from './fabric/finder.js';
import { StatsFeed } from './fabric/stats-feed.js';
import { Events } from './fabric/events.js';
import { Timing } from './fabric/timing.js';

export { DEFAULTS, FabricError, backoffDelay, closeAction, nodeOfClient, rankFrontends } from './fabric/policies.js';
export { ChannelPositions } from './fabric/positions.js';

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
  #events;
  #state = 'idle';
  #conn = null;
  #subs;
  #ids = 0;
  #clientId = null;
  #finder;
  #timing;
  #stats;
  #avoid = new Set();
  #renewed = false;
  #looping = false;
  #switching = false;
  #connectWaiters = [];
  /** Stops the current socket's heartbeat, or null. */
  #heartbeat = null;
  /** Stops the discovery refresh, or null before the first connect. */
  #refresher = null;

  /** @param {import('./fabric/policies.js').FabricOptions} options */
  constructor(options) {
    this.#o = resolveOptions(options);
    this.#finder = new FrontendFinder(this.#o);
    this.#timing = new Timing(this.#o.timers);
    this.#events = new Events(this.#timing);
    const emit = (event, payload) => this.#events.emit(event, payload);
    this.#stats = new StatsFeed(emit);
    this.#subs = new Subscriptions(emit);
  }

  /** @returns {string} the current state */
  get state() { return this.#state; }
  /** @returns {string|null} node id of the frontend this client is connected to */
  get node() { return this.#conn?.node ?? null; }
  /** @returns {string|null} WebSocket URL of the current connection */
  get url() { return this.#conn?.url ?? null; }
  /** @returns {string[]} the clouds of the frontends the last discovery answer listed */
  get knownClouds() { return this.#finder.knownClouds; }
  /** @returns {string|null} the session id the fabric gave the latest connection */
  get clientId() { return this.#clientId; }

  /** Calls `listener(payload)` on each `event`; returns a function that removes the listener. */
  on(event, listener) {
    return this.#events.on(event, listener);
  }

  off(event, listener) {
    this.#events.off(event, listener);
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
      return Promise.resolve(this.#conn.info());
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
    return this.#subs.want(channel, presence, this.#conn);
  }

  /** Stops wanting `channel` and forgets its position. */
  unsubscribe(channel) {
    return this.#subs.drop(channel, this.#conn);
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
    return this.#stats.want(this.#conn);
  }

  /** @returns {{origin?: string, epoch: string, seq: number, ts?: number}|null} the last message seen on `channel` */
  position(channel) {
    return this.#subs.positions.get(channel);
  }

  /** @returns {Array<{origin?: string, epoch: string, seq: number, ts?: number}>} the last position in each origin cloud's stream */
  positions(channel) {
    return this.#subs.positions.all(channel);
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
    this.#heartbeat?.();
    this.#refresher?.();
    this.#timing.wakeAll();
    const conn = this.#conn;
    this.#conn = null;
    conn?.close('client closed');
    this.#connectWaiters.splice(0).forEach((w) => w.reject(why));
    this.#subs.rejectAll(why);
    this.#stats.reject(why);
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
          await this.#timing.sleep(backoffDelay(waitFirst ? attempt : attempt - 1, this.#o.backoff, this.#o.random));
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
          this.#events.emit('error', err);
        }
      }
    } finally {
      this.#looping = false;
    }
  }

  /** Discovery, probes, then the first candidate that accepts the connect. */
  async #establish(exclude) {
    const token = await this.#token();
    const ranked = await this.#finder.find(this.#clientId, exclude);
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
  #open(url, token) {
    return Connection.open(url, token, { WebSocket: this.#o.WebSocket, nextId: () => ++this.#ids, now: this.#o.now,
      onFrame: (c, f) => this.#onFrame(c, f), onClose: (c, e) => this.#onClose(c, e) },
    (opening, what) => this.#timing.withTimeout(opening, this.#o.connectTimeoutMs, what));
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
    this.#heartbeat?.();
    this.#heartbeat = conn.keepAlive(this.#timing, this.#o.pingIntervalMs, this.#o.pongTimeoutMs);
    // keeps what discovery said current while connected, the current frontend asked first
    this.#refresher ??= this.#finder.refreshEvery(this.#timing, this.#o.discoveryRefreshMs,
      () => (this.#state === 'connected' && this.#conn ? { ws: this.#conn.url, clientId: this.#clientId } : null));
    this.#setState('connected');
    const info = conn.info();
    this.#events.emit('connected', info);
    this.#connectWaiters.splice(0).forEach((w) => w.resolve(info));
    this.#subs.reconcile(conn);
    this.#stats.askOn(conn);
    previous?.close('switched to another frontend');
    if (conn.hint) { // the frontend we just moved to is draining too
      this.#switchOver(conn, conn.hint);
    }
  }

  // --- frames and closes --------------------------------------------------------------------

  #onFrame(conn, frame) {
    switch (frame.op) {
      case 'message':
        if (this.#subs.accept(frame)) {
          this.#events.emit('message', frame);
        }
        break;
      case 'join':
      case 'leave':
        // only the current socket's: during a switch-over both sockets hear the same event
        if (conn === this.#conn && this.#subs.has(frame.channel)) {
          this.#events.emit(frame.op, frame);
        }
        break;
      case 'stats':
        this.#stats.push(conn, frame);
        break;
      case 'reconnect':
        if (conn === this.#conn) {
          this.#switchOver(conn, frame);
        } else {
          conn.hint = frame; // a socket still being set up: followed once it is adopted
        }
        break;
      case 'error':
        this.#events.emit('error', new FabricError(frame.name, frame.reason, frame.code, { channel: frame.channel }));
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
    this.#heartbeat?.();
    this.#events.emit('disconnected', { code, reason, node: conn.node });
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
    this.#events.emit('error', err);
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
      await this.#subs.resumeOn(next);
    } catch (err) {
      next?.close('switch-over failed');
      next = null;
      this.#events.emit('error', err);
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

  #setState(to) {
    const from = this.#state;
    if (from !== to) {
      this.#state = to;
      this.#events.emit('state', { from, to });
    }
  }
}
