// Where to connect: discovery over the seeds and the frontends learned before, RTT probes, ranking.
import { nodeOfClient, rankFrontends } from './policies.js';

export class FrontendFinder {
  #o;
  #learned = new Map();

  /** @param {object} o the client's resolved options (seeds, region, fetch, timers, probes, timeouts, random, now) */
  constructor(o) {
    this.#o = o;
  }

  /** @returns {string[]} the clouds of the frontends the last discovery answer listed */
  get knownClouds() {
    return [...new Set([...this.#learned.values()].map((f) => f.cloud).filter(Boolean))];
  }

  /**
   * The frontends to try, best first: discovered, without `exclude` (node ids), probed, ranked
   * (the node of `clientId`, the last session, first while it answers).
   */
  async find(clientId, exclude) {
    const frontends = (await this.#discover(clientId)).filter((f) => !exclude.has(f.node));
    const probed = await Promise.all(frontends.map(async (f) => ({ frontend: f, rtt: await this.#probe(f) })));
    return rankFrontends(probed, { sticky: nodeOfClient(clientId), random: this.#o.random });
  }

  /**
   * Asks discovery again every `every` ms (0: never) while `current()` names a connection
   * ({ws, clientId}; null while not connected): that frontend first, then the seeds.
   * @returns {() => void} stops the rounds
   */
  refreshEvery(timing, every, current) {
    return timing.repeat(every, async () => {
      const now = current();
      if (now) {
        await this.askFirst([now.ws.replace(/^ws/, 'http').replace(/\/v1\/ws.*$/, ''), ...this.#o.seeds], now.clientId);
      }
    });
  }

  /**
   * Asks `bases`, then the frontends learned before, in turn; the first non-empty answer is
   * learned and returned (null when nobody answered).
   */
  async askFirst(bases, clientId) {
    const query = new URLSearchParams();
    if (this.#o.region) {
      query.set('region', this.#o.region);
    }
    if (clientId) {
      query.set('session', clientId);
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

  /** Asks the seeds, then frontends learned before, for the ranked list of healthy frontends. */
  async #discover(clientId) {
    const frontends = await this.askFirst(this.#o.seeds, clientId);
    if (frontends) {
      return frontends;
    }
    // nobody answered: what we learned before, else the seeds themselves
    return this.#learned.size > 0
      ? [...this.#learned.values()]
      : this.#o.seeds.map((http) => ({ node: null, http, url: `${http.replace(/^http/, 'ws')}/v1/ws` }));
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
}
