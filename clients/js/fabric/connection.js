// One WebSocket to one frontend.
import { CREDENTIAL_ERRORS, FabricError, closeAction, nodeOfClient } from './policies.js';

/**
 * One WebSocket to one frontend: request/reply correlation by id and a single close notice.
 * Replies to its requests resolve here; every other frame goes to `onFrame`.
 */
export class Connection {
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

  /**
   * Opens a socket to `url` and sends connect, within what `bounded` allows (it wraps the opening
   * promise, e.g. in a timeout); rejects with `credentials` set when the token is refused.
   * @param {{WebSocket: Function, nextId: () => number, onFrame: Function, onClose: Function, now: () => number}} with
   */
  static async open(url, token, { WebSocket, nextId, ...handlers }, bounded) {
    const conn = new Connection(url, WebSocket, nextId, handlers);
    try {
      const reply = await bounded(conn.opened().then(() => conn.request({ op: 'connect', token })), `connect to ${url}`);
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

  /**
   * Pings this socket whenever it has been quiet for `every` ms (0: never) and drops it when no
   * pong comes within `pongTimeoutMs` (its close then reconnects the client).
   * @returns {() => void} stops the pings
   */
  keepAlive(timing, every, pongTimeoutMs) {
    this.lastFrameAt = this.#handlers.now();
    return timing.repeat(every, () => {
      if (this.#handlers.now() - this.lastFrameAt >= every) {
        timing.withTimeout(this.request({ op: 'ping' }), pongTimeoutMs, 'ping')
          .catch((err) => err.name === 'timeout' && this.abort('no pong'));
      }
    });
  }

  /** What the `connected` event and {@link FabricClient#connect} tell about this socket. */
  info() {
    return { node: this.node, url: this.url, client: this.client };
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

