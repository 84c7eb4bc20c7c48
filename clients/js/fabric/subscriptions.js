// The channels a client wants, kept across sockets: subscribed on each socket it adopts, resumed
// after the last position seen in each origin cloud's stream, each message delivered once.
import { FabricError } from './policies.js';
import { ChannelPositions } from './positions.js';

export class Subscriptions {
  /** channel -> {presence, subscribedOnce, ready, resolve, reject} */
  #subs = new Map();
  #positions = new ChannelPositions();
  #emit;

  /** @param {(event: string, payload: object) => void} emit the client's event emitter */
  constructor(emit) {
    this.#emit = emit;
  }

  /** Wants `channel` from now on, subscribing on `conn` at once when given; resolves with the first reply. */
  want(channel, presence, conn) {
    const existing = this.#subs.get(channel);
    if (existing) {
      return existing.ready;
    }
    const sub = { presence: Boolean(presence), subscribedOnce: false };
    sub.ready = new Promise((resolve, reject) => Object.assign(sub, { resolve, reject }));
    sub.ready.catch(() => {}); // callers who never await must not crash Node with an unhandled rejection
    this.#subs.set(channel, sub);
    if (conn) {
      this.#subscribeOn(conn, channel, sub);
    }
    return sub.ready;
  }

  /** Stops wanting `channel` and forgets its position; unsubscribes on `conn` when it is there. */
  async drop(channel, conn) {
    const sub = this.#subs.get(channel);
    this.#subs.delete(channel);
    this.#positions.forget(channel);
    sub?.reject(new FabricError('unsubscribed', `unsubscribed from ${channel} before it was subscribed`));
    if (conn && conn.channels.delete(channel)) {
      return conn.request({ op: 'unsubscribe', channel });
    }
    return { op: 'unsubscribed', channel };
  }

  /** Subscribes every wanted channel on `conn` (a socket not yet adopted); resolves when all answered. */
  resumeOn(conn) {
    return Promise.all([...this.#subs].map(([channel, sub]) => this.#subscribeOn(conn, channel, sub)));
  }

  has(channel) {
    return this.#subs.has(channel);
  }

  /** True when `message` is on a wanted channel and neither old nor a repeat. */
  accept(message) {
    return this.#subs.has(message.channel) && this.#positions.accept(message);
  }

  get positions() {
    return this.#positions;
  }

  /** The client closed: callers still waiting for a first reply get `why`. */
  rejectAll(why) {
    for (const sub of this.#subs.values()) {
      sub.reject(why);
    }
  }

  /** Subscribes what is wanted and not yet on `conn`; unsubscribes what is there and not wanted. */
  reconcile(conn) {
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
}
