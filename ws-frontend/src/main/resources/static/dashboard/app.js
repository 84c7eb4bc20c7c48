// The pool dashboard: one FabricClient (imported from the frontend that serves this page) streams
// the pool's statistics (`stats` op) and any watched channel; everything is drawn from the model,
// at most once per animation frame.
import { FabricClient } from '/fabric.js';
import { EventLog, SampleWindow, WINDOW_MS, clouds, fmtClock, fmtMs, fmtRate, fmtTick, series } from './model.js';
import { chartSvg } from './chart.js';
import { eventsList, esc, frontendsTable, tiles } from './view.js';
import { STORAGE_KEY, claims, hashWithoutToken, tokenFromHash } from './token.js';
import { WatchPanel } from './watch.js';

const $ = (id) => document.getElementById(id);
const samples = new SampleWindow();
const events = new EventLog();
let client = null;
let interval = 1000;
let lastStatsAt = 0;
let drawing = false;
let lastError = '';

const storage = {
  get: () => { try { return sessionStorage.getItem(STORAGE_KEY); } catch { return null; } },
  set: (t) => { try { sessionStorage.setItem(STORAGE_KEY, t); } catch { /* private mode: this page only */ } },
  clear: () => { try { sessionStorage.removeItem(STORAGE_KEY); } catch { /* nothing kept */ } },
};

function start() {
  const fromUrl = tokenFromHash(location.hash);
  if (fromUrl) {
    storage.set(fromUrl);
    // keep the token out of the address bar, history and screenshots
    history.replaceState(null, '', location.pathname + location.search + hashWithoutToken(location.hash));
  }
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('token-input').value.trim();
    if (token) {
      storage.set(token);
      location.reload(); // a fresh page: one client, one set of listeners
    }
  });
  $('forget').addEventListener('click', () => {
    storage.clear();
    location.reload();
  });
  const token = fromUrl ?? storage.get();
  if (token) {
    connect(token);
  } else {
    showLogin('');
  }
  setInterval(() => client && showConnection(), 1000);
}

function showLogin(error) {
  $('dash').hidden = true;
  $('login').hidden = false;
  $('forget').hidden = true;
  $('login-error').textContent = error;
  $('token-input').focus();
}

function connect(token) {
  $('login').hidden = true;
  $('dash').hidden = false;
  $('forget').hidden = false;
  const c = claims(token);
  $('who').textContent = c?.sub ? `as ${c.sub}${c.exp ? ` · token expires ${fmtClock(c.exp * 1000)}` : ''}` : '';
  client = new FabricClient({ seeds: [location.origin], token, backoff: { baseMs: 250, maxMs: 5000 } });
  client.on('state', ({ to }) => setConnection(to));
  client.on('connected', () => banner(''));
  client.on('stats', onStats);
  client.on('error', (err) => {
    lastError = `${err.name}${err.reason ? `: ${err.reason}` : ''}`;
    if (client.state !== 'connected') {
      banner(`Connection: ${err.reason ?? err.message}`);
    }
  });
  new WatchPanel(client, { form: $('watch-form'), input: $('watch-input'), error: $('watch-error'),
    chips: $('watching'), rows: $('messages') });
  client.stats().catch((err) => {
    if (err.name !== 'closed') {
      banner(`Live statistics unavailable: ${err.reason ?? err.message}`);
    }
  });
  client.connect().catch(() => {}); // a refusal closes the client: see setConnection
}

function setConnection(state) {
  document.body.dataset.state = state;
  if (state === 'closed') {
    storage.clear(); // refused for good (invalid or expired token): ask for a new one
    banner('');
    showLogin(`The fabric closed the connection${lastError ? ` (${lastError})` : ''}. Paste a new token.`);
  }
  showConnection();
  draw();
}

/** The header pill: the client's state, or `stale` when pushes stopped while the socket looks fine. */
function showConnection() {
  const state = client.state;
  const quietMs = Date.now() - lastStatsAt;
  const stale = state === 'connected' && lastStatsAt && quietMs > 3 * interval;
  const pill = $('conn');
  pill.className = `pill ${stale ? 'stale' : state}`;
  pill.textContent = stale ? `no statistics for ${Math.round(quietMs / 1000)} s`
    : state === 'connected' ? `connected to ${client.node}` : state;
}

function banner(text) {
  $('banner').textContent = text;
  $('banner').hidden = !text;
}

function onStats({ interval: every, samples: got, events: happened, initial }) {
  interval = every ?? interval;
  samples.max = Math.min(1200, Math.ceil(WINDOW_MS / interval)); // 5 minutes, whatever the heartbeat
  if (initial) {
    samples.reset(got); // a new frontend's history replaces the old one's
  } else {
    samples.add(got);
  }
  events.add(happened);
  lastStatsAt = Date.now();
  showConnection();
  draw();
}

function draw() {
  if (!drawing) {
    drawing = true;
    requestAnimationFrame(() => {
      drawing = false;
      render();
    });
  }
}

function render() {
  const latest = samples.latest;
  if (!latest) {
    return;
  }
  const groups = clouds(latest);
  const local = groups.find((g) => g.local) ?? groups[0];
  $('cloud').textContent = `cloud ${latest.cloud}`;
  const every = interval % 1000 ? (interval / 1000).toFixed(1) : interval / 1000;
  $('updated').textContent = `updated ${fmtClock(latest.ts)} · every ${every} s`;
  $('tiles').innerHTML = tiles(local?.frontends ?? []);
  $('frontends').innerHTML = frontendsTable(groups, { self: client.node });
  $('events').innerHTML = eventsList(events.list);
  const points = series(samples.samples);
  const last = points.at(-1);
  const chart = (id, keys, labels, outliers = 0) => {
    const el = $(id);
    el.innerHTML = chartSvg({ width: el.clientWidth, height: el.clientHeight, now: latest.ts, format: fmtTick,
      gapMs: 3.5 * interval, outliers, title: labels.join(', '),
      series: keys.map((key, i) => ({ key, label: labels[i], points: points.map((p) => ({ ts: p.ts, v: p[key] })) })),
    });
  };
  // rates apart: deliveries are messages times subscribers, and would flatten the message line
  chart('chart-messages', ['messages'], ['messages/s (the pool\'s stream)']);
  chart('chart-deliveries', ['deliveries'], ['deliveries/s (all frontends)']);
  chart('chart-latency', ['p50', 'p99'], ['p50 ms', 'p99 ms (worst frontend)'], 0.02); // spikes clipped
  $('legend-messages').innerHTML = legend([['messages', 'now', fmtRate(last.messages)]]);
  $('legend-deliveries').innerHTML = legend([['deliveries', 'now', fmtRate(last.deliveries)]]);
  $('legend-latency').innerHTML = legend([['p50', 'p50', fmtMs(last.p50)], ['p99', 'p99', fmtMs(last.p99)]]);
}

function legend(items) {
  return items.map(([key, label, value]) =>
    `<span><i class="swatch sw-${key}"></i>${esc(label)} <b>${esc(value)}</b></span>`).join('');
}

addEventListener('resize', draw);
start();
