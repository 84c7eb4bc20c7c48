// Where a client is in each channel: the last position per origin cloud's stream, and repeats dropped.

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

