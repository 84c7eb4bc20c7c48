// Helpers for tests on a real fabric, steered through the control server JsClientIT runs
// (FABRIC_CONTROL is its base URL). Loopback only; every wait is bounded.

export const CONTROL = process.env.FABRIC_CONTROL;

/** Why the real-fabric tests are skipped, or false when they run. */
export const SKIP_REAL = CONTROL ? false
  : 'FABRIC_CONTROL is not set: tests on a real fabric run from JsClientIT (mvn verify -pl tests -Dit.test=JsClientIT)';

async function call(method, path) {
  const res = await fetch(`${CONTROL}${path}`, { method });
  const body = await res.json();
  if (!res.ok) {
    throw new Error(`control ${method} ${path}: ${res.status} ${JSON.stringify(body)}`);
  }
  return body;
}

/** @returns {Promise<{frontends: Array<{node, http, ws}>, token: string, apiKey: string}>} live frontends */
export function fabric(sub = 'js') {
  return call('GET', `/fabric?sub=${encodeURIComponent(sub)}`);
}

/** `halt` (crash), `stop` (graceful) or `drain` the frontend `node`. */
export function control(action, node) {
  return call('POST', `/${action}?node=${encodeURIComponent(node)}`);
}

/**
 * Starts a frontend that is far away: clients reach it only through a relay on loopback that holds
 * every chunk `delayMs` each way. Returns it as `fabric()` lists frontends.
 */
export function startFar(delayMs) {
  return call('POST', `/start?delayMs=${delayMs}`);
}

/** Starts frontends until `n` are live; returns the fabric's description. */
export async function ensureFrontends(n = 2) {
  for (let i = 0; i < n; i++) {
    const f = await fabric();
    if (f.frontends.length >= n) {
      return f;
    }
    await call('POST', '/start');
  }
  return fabric();
}

/** A channel name no earlier run used: its seqs start at 1. */
export function freshChannel(prefix) {
  return `${prefix}:${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Publishes over the HTTP API of `frontend`; throws unless accepted. */
export async function publishHttp(frontend, apiKey, channel, data) {
  const res = await fetch(`${frontend.http}/v1/publish`, {
    method: 'POST',
    headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel, data }),
  });
  await res.arrayBuffer();
  if (res.status !== 202 && res.status !== 200) {
    throw new Error(`publish to ${frontend.node}: HTTP ${res.status}`);
  }
}

/**
 * Publishes {n: 1}, {n: 2}, ... (or `data(n)`) to `channel` through `frontend` at `perSecond`, one at
 * a time (so seq n carries n), until stopped or `max` are out. `sent` counts the accepted ones.
 */
export class SteadyPublisher {
  sent = 0;
  #stopped = false;
  #done;

  constructor(frontend, apiKey, channel, { perSecond = 50, max = 2000, data = (n) => ({ n }) } = {}) {
    this.#done = this.#run(frontend, apiKey, channel, perSecond, max, data);
  }

  async #run(frontend, apiKey, channel, perSecond, max, data) {
    const start = Date.now();
    while (!this.#stopped && this.sent < max) {
      const due = start + (this.sent * 1000) / perSecond;
      if (due > Date.now()) {
        await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      await publishHttp(frontend, apiKey, channel, data(this.sent + 1));
      this.sent++;
    }
  }

  /** Stops and waits for the last publish; returns how many were accepted. */
  async stop() {
    this.#stopped = true;
    await this.#done;
    return this.sent;
  }
}

/** Polls `predicate` every 20 ms until it holds; throws after `ms`. */
export async function waitFor(predicate, what, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Asserts `seqs` is exactly 1..n: no gap, no duplicate, in order. Returns a problem or null. */
export function gaplessProblem(seqs, n) {
  if (seqs.length !== n) {
    return `expected ${n} messages, got ${seqs.length}`;
  }
  const bad = seqs.findIndex((s, i) => s !== i + 1);
  return bad < 0 ? null : `at index ${bad}: seq ${seqs[bad]} (around ${seqs.slice(Math.max(0, bad - 3), bad + 3)})`;
}

/** A fetch that shows discovery only `node`: pins a client to one frontend without new API. */
export function discoveryOnly(node) {
  return async (url, init) => {
    const res = await fetch(url, init);
    if (!String(url).includes('/v1/discovery') || !res.ok) {
      return res;
    }
    const body = await res.json();
    body.frontends = body.frontends.filter((f) => f.node === node);
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  };
}
