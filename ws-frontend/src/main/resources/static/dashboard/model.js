// The dashboard's pure logic: the sample window, the event log, pool totals, axis scaling and
// formatting. No DOM here, so the Node tests (clients/js/test/dashboard-model.test.js) import this
// very file, as the page does.

/** How much history the charts keep: 5 minutes of 1 s samples. */
export const WINDOW_MS = 5 * 60_000;
export const MAX_SAMPLES = 300;
export const MAX_EVENTS = 50;
export const DASH = '—';

/** The newest `windowMs` of samples (at most `max`), oldest first, one per `ts`. */
export class SampleWindow {
  #samples = [];

  constructor({ windowMs = WINDOW_MS, max = MAX_SAMPLES } = {}) {
    this.windowMs = windowMs;
    this.max = max;
  }

  /** Starts over from one frontend's history: after a (re)connect we chart its series, not two interleaved. */
  reset(samples) {
    this.#samples = [];
    this.add(samples);
  }

  /** Adds samples in any order; a sample whose `ts` is already held replaces it. */
  add(samples) {
    for (const s of samples ?? []) {
      if (!s || !Number.isFinite(s.ts)) {
        continue;
      }
      let i = this.#samples.length;
      while (i > 0 && this.#samples[i - 1].ts > s.ts) {
        i--; // pushes arrive in order, so this rarely moves
      }
      if (i > 0 && this.#samples[i - 1].ts === s.ts) {
        this.#samples[i - 1] = s;
      } else {
        this.#samples.splice(i, 0, s);
      }
    }
    const oldest = (this.latest?.ts ?? 0) - this.windowMs;
    const from = Math.max(this.#samples.findIndex((s) => s.ts >= oldest), this.#samples.length - this.max, 0);
    this.#samples = this.#samples.slice(from);
  }

  /** @returns {object[]} oldest first */
  get samples() {
    return this.#samples;
  }

  get latest() {
    return this.#samples.at(-1) ?? null;
  }
}

/** Recoveries and errors, newest first, capped; an event heard twice (from two frontends' replies) counts once. */
export class EventLog {
  #events = [];

  constructor(max = MAX_EVENTS) {
    this.max = max;
  }

  add(events) {
    const seen = new Set(this.#events.map(eventKey));
    for (const e of events ?? []) {
      if (e && Number.isFinite(e.ts) && !seen.has(eventKey(e))) {
        seen.add(eventKey(e));
        this.#events.push(e);
      }
    }
    this.#events.sort((a, b) => b.ts - a.ts);
    this.#events.length = Math.min(this.#events.length, this.max);
  }

  /** @returns {object[]} newest first */
  get list() {
    return this.#events;
  }
}

function eventKey(e) {
  return `${e.ts}|${e.node}|${e.kind}|${e.detail}`;
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Totals of a set of frontends. Each frontend reads the whole event stream, so the pool's message
 * rate is the highest any frontend reports, while deliveries add up. p50 is the deliveries-weighted
 * mean of the frontends' p50s (an estimate: medians do not add), p99 the worst frontend's.
 */
export function totals(frontends) {
  const list = frontends ?? [];
  const sum = (field) => list.reduce((acc, f) => acc + (num(f[field]) ?? 0), 0);
  const p50s = list.filter((f) => num(f.latencyP50Ms) != null);
  const weight = p50s.reduce((acc, f) => acc + (num(f.deliveriesPerSec) ?? 0), 0);
  const p50 = p50s.length === 0 ? null : weight > 0
    ? p50s.reduce((acc, f) => acc + f.latencyP50Ms * (num(f.deliveriesPerSec) ?? 0), 0) / weight
    : p50s.reduce((acc, f) => acc + f.latencyP50Ms, 0) / p50s.length;
  const p99s = list.map((f) => num(f.latencyP99Ms)).filter((v) => v != null);
  return {
    frontends: list.length,
    serving: list.filter((f) => f.state === 'serving').length,
    connections: sum('connections'),
    capacity: sum('capacity'),
    messagesPerSec: list.reduce((acc, f) => Math.max(acc, num(f.messagesPerSec) ?? 0), 0),
    deliveriesPerSec: sum('deliveriesPerSec'),
    latencyP50Ms: p50,
    latencyP99Ms: p99s.length ? Math.max(...p99s) : null,
  };
}

/** The chart series of the sample's own cloud: [{ts, messages, deliveries, p50, p99}], oldest first. */
export function series(samples) {
  return samples.map((s) => {
    const t = totals((s.frontends ?? []).filter((f) => !f.cloud || f.cloud === s.cloud));
    return { ts: s.ts, messages: t.messagesPerSec, deliveries: t.deliveriesPerSec, p50: t.latencyP50Ms,
      p99: t.latencyP99Ms };
  });
}

/** Frontends grouped by cloud, the sample's own cloud first, then by name; nodes sorted within. */
export function clouds(sample) {
  const groups = new Map();
  for (const f of sample?.frontends ?? []) {
    const cloud = f.cloud ?? sample.cloud ?? '?';
    if (!groups.has(cloud)) {
      groups.set(cloud, []);
    }
    groups.get(cloud).push(f);
  }
  return [...groups].map(([cloud, frontends]) => ({
    cloud, local: cloud === sample.cloud, frontends: frontends.sort((a, b) => String(a.node).localeCompare(b.node)),
  })).sort((a, b) => Number(b.local) - Number(a.local) || a.cloud.localeCompare(b.cloud));
}

// --- axes -------------------------------------------------------------------------------------

/** The smallest 1, 2, 2.5 or 5 x 10^k that is >= v (v > 0). */
export function niceStep(v) {
  const mag = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= v * (1 - 1e-9));
}

/** A y axis from 0 holding `peak` in `count` equal, round steps: {max, step, ticks}. `floor` is the least max. */
export function axis(peak, { count = 4, floor = 1 } = {}) {
  const top = Math.max(num(peak) ?? 0, floor);
  const step = niceStep(top / count);
  const ticks = Array.from({ length: count + 1 }, (_, i) => round(i * step));
  return { max: round(step * count), step, ticks };
}

const round = (v) => Math.round(v * 1e6) / 1e6;

/**
 * The value an axis should hold: the largest, or with `outliers` > 0 the largest once that share
 * of the highest values is left out (one warm-up spike must not flatten five minutes of latency),
 * but never below `least` (the newest values stay on the chart).
 */
export function robustPeak(values, { outliers = 0, least = 0 } = {}) {
  const sorted = values.filter((v) => num(v) != null).sort((a, b) => a - b);
  if (sorted.length === 0) {
    return least;
  }
  const keep = Math.max(1, Math.ceil(sorted.length * (1 - outliers)));
  return Math.max(sorted[keep - 1], least);
}

/**
 * An SVG path through `points` ({ts, v}); a gap longer than `gapMs` or a missing value starts a new
 * segment, so an outage shows as a break rather than a straight line across it.
 */
export function linePath(points, { x, y, gapMs }) {
  let d = '';
  let last = null;
  for (const p of points) {
    if (num(p.v) == null) {
      last = null;
      continue;
    }
    const cmd = last != null && p.ts - last <= gapMs ? 'L' : 'M';
    d += `${cmd}${x(p.ts).toFixed(1)},${y(p.v).toFixed(1)}`;
    last = p.ts;
  }
  return d;
}

// --- formatting -------------------------------------------------------------------------------

/** Rates: 0, 0.4, 12, 950, 1.2k, 3.4M. */
export function fmtRate(v) {
  const n = num(v);
  if (n == null) {
    return DASH;
  }
  if (n >= 1e6) {
    return `${trim(n / 1e6)}M`;
  }
  if (n >= 1e3) {
    return `${trim(n / 1e3)}k`;
  }
  return n === 0 ? '0' : n < 10 ? n.toFixed(1) : String(Math.round(n));
}

/** Axis labels: 0, 0.25, 2.5, 40, 7.5k, 1.25M (no more digits than the step needs). */
export function fmtTick(v) {
  const short = (n) => String(Number(n.toFixed(2)));
  return v >= 1e6 ? `${short(v / 1e6)}M` : v >= 1e3 ? `${short(v / 1e3)}k` : short(v);
}

const trim = (v) => (v < 10 ? v.toFixed(1) : String(Math.round(v)));

/** Milliseconds as a bare number: 0.4, 8.4, 12, 1,234. */
export function fmtMs(v) {
  const n = num(v);
  return n == null ? DASH : n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US');
}

/** Ages: 320 ms, 4.2 s, 3 min. */
export function fmtAge(v) {
  const n = num(v);
  if (n == null) {
    return DASH;
  }
  return n < 1000 ? `${Math.round(n)} ms` : n < 60_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.floor(n / 60_000)} min`;
}

export function fmtCount(v) {
  const n = num(v);
  return n == null ? DASH : Math.round(n).toLocaleString('en-US');
}

/** HH:MM:SS, local time unless `utc`. */
export function fmtClock(ts, utc = false) {
  const d = new Date(ts);
  const parts = utc ? [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getHours(), d.getMinutes(), d.getSeconds()];
  return parts.map((p) => String(p).padStart(2, '0')).join(':');
}

/** `ok`, `warn` or `bad` for a share of capacity used. */
export function loadLevel(connections, capacity) {
  const share = num(capacity) ? (num(connections) ?? 0) / capacity : 0;
  return share >= 0.9 ? 'bad' : share >= 0.7 ? 'warn' : 'ok';
}

/** `ok`, `warn` or `bad` for a heartbeat age: a frontend missing heartbeats is about to leave the pool. */
export function heartbeatLevel(ageMs, { warnMs = 2000, badMs = 5000 } = {}) {
  const n = num(ageMs);
  return n == null || n >= badMs ? 'bad' : n >= warnMs ? 'warn' : 'ok';
}

/** A message's data for one line: compact JSON (or the text itself), cut at `max` characters. */
export function fmtData(data, max = 160) {
  const text = typeof data === 'string' ? data : JSON.stringify(data) ?? String(data);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
