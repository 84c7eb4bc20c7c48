// The pool statistics stream a client may ask for (`stats`): asked again on every socket it adopts.

export class StatsFeed {
  #emit;
  /** {ready, resolve, reject} once wanted; null before, and after an error reply dropped it. */
  #wanted = null;

  /** @param {(event: string, payload: object) => void} emit the client's event emitter */
  constructor(emit) {
    this.#emit = emit;
  }

  /** Wants the stream from now on, asking `conn` at once when given; resolves with the first reply. */
  want(conn) {
    if (this.#wanted) {
      return this.#wanted.ready;
    }
    const stats = this.#wanted = {};
    stats.ready = new Promise((resolve, reject) => Object.assign(stats, { resolve, reject }));
    stats.ready.catch(() => {}); // as for subscribe: unawaited calls must not crash Node
    if (conn) {
      this.askOn(conn);
    }
    return stats.ready;
  }

  /** Asks `conn` (an adopted socket) for the stream when it is wanted; a socket left is closed, so no push repeats. */
  askOn(conn) {
    const stats = this.#wanted;
    if (!stats) {
      return;
    }
    conn.request({ op: 'stats' }, (reply) => {
      conn.statsInterval = reply.interval;
      this.#emitStats(conn, reply.history, reply.events, true);
    }).then((reply) => {
      stats.resolve({ interval: reply.interval, history: reply.history ?? [], events: reply.events ?? [] });
    }, (err) => {
      if (err.name === 'disconnected' || this.#wanted !== stats) {
        return; // kept wanted: the next socket asks again
      }
      this.#wanted = null;
      this.#emit('error', err);
      stats.reject(err);
    });
  }

  /** A `stats` push frame from `conn`. */
  push(conn, frame) {
    if (this.#wanted && frame.sample) {
      this.#emitStats(conn, [frame.sample], frame.events, false);
    }
  }

  /** The client closed: a caller still waiting for the first reply gets `why`. */
  reject(why) {
    this.#wanted?.reject(why);
  }

  #emitStats(conn, samples, events, initial) {
    this.#emit('stats', { node: conn.node, interval: conn.statsInterval ?? null, samples: samples ?? [],
      events: events ?? [], initial });
  }
}
