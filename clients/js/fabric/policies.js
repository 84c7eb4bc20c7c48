// Pure policies of the client: defaults, errors, close-code actions, backoff, ranking; no I/O.

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
export const CREDENTIAL_ERRORS = new Set([150, 151, 152]);

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
 * Options of a FabricClient.
 * @typedef {object} FabricOptions
 * @property {string[]} seeds HTTP base URLs of frontends, for discovery
 * @property {string|(() => string|Promise<string>)} token connection JWT, or a function
 *   called on each (re)connect
 * @property {string} [region] the caller's region, a hint for discovery's ranking
 * @property {Function} [WebSocket] WebSocket constructor (default: globalThis.WebSocket)
 * @property {Function} [fetch] fetch function (default: globalThis.fetch)
 * @property {{baseMs: number, maxMs: number}} [backoff] reconnect backoff (full jitter)
 * @property {number} [probes] RTT probes per frontend
 * @property {number} [probeTimeoutMs] a probe slower than this ends the probing of that frontend
 * @property {number} [connectTimeoutMs] limit for opening a socket and its connect reply
 * @property {number} [discoveryRefreshMs] ask discovery again this often while connected, so
 *   frontends of clouds that appeared later are known before this one goes dark (0: never)
 * @property {number} [pingIntervalMs] ping a quiet socket this often (0: never)
 * @property {number} [pongTimeoutMs] drop the socket when a ping gets no pong in this time
 * @property {() => number} [random] uniform in [0, 1), for tests
 * @property {() => number} [now] monotonic milliseconds, for RTT probes
 * @property {{setTimeout: Function, clearTimeout: Function}} [timers] for tests
 */

/** `options` with the defaults filled in and checked; throws TypeError on what cannot work. */
export function resolveOptions(options) {
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
  return o;
}
