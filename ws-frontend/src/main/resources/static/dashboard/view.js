// HTML for the dashboard's panels, built as strings from the model: pure, so Node tests check the
// markup (and its escaping: channel data and node names come from outside) without a browser.
import {
  DASH, fmtAge, fmtClock, fmtCount, fmtData, fmtMs, fmtRate, heartbeatLevel, loadLevel, totals,
} from './model.js';

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** The summary tiles of one cloud's frontends. */
export function tiles(frontends) {
  const t = totals(frontends);
  const pct = t.capacity ? Math.round((100 * t.connections) / t.capacity) : null;
  const tile = (label, value, sub = '', cls = '') =>
    `<div class="tile ${cls}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div>`
    + `<div class="sub">${esc(sub)}</div></div>`;
  return [
    tile('Frontends serving', `${t.serving} / ${t.frontends}`,
      t.serving < t.frontends ? 'some not serving' : 'all serving', t.serving < t.frontends ? 'warn' : ''),
    tile('Connections', fmtCount(t.connections), `of ${fmtCount(t.capacity)}${pct == null ? '' : ` · ${pct}%`}`,
      loadLevel(t.connections, t.capacity) === 'ok' ? '' : loadLevel(t.connections, t.capacity)),
    tile('Messages / s', fmtRate(t.messagesPerSec), 'read from the stream'),
    tile('Deliveries / s', fmtRate(t.deliveriesPerSec), 'to sockets, all frontends'),
    tile('Fan-out p50 / p99', `${fmtMs(t.latencyP50Ms)} / ${fmtMs(t.latencyP99Ms)}`, 'ms, worst p99'),
  ].join('');
}

const COLUMNS = ['Node', 'Region', 'State', 'Connections', 'Msgs/s', 'Deliv./s', 'p50 ms', 'p99 ms', 'Heartbeat',
  'Repl. lag'];

/** One table per cloud (from `clouds()`); `self` is the node this page is connected to. */
export function frontendsTable(groups, { self = null } = {}) {
  if (!groups.length) {
    return '<p class="empty">No frontend in the pool has reported yet.</p>';
  }
  return groups.map((g) => `<section class="cloud" data-cloud="${esc(g.cloud)}">
<h3>Cloud <b>${esc(g.cloud)}</b> <span class="muted">${g.frontends.length} frontend${g.frontends.length === 1 ? '' : 's'}`
    + `${g.local ? ' · this cloud' : ''}</span></h3>
<table class="frontends"><thead><tr>${COLUMNS.map((c, i) => `<th${i > 2 ? ' class="num"' : ''}>${c}</th>`).join('')}`
    + `</tr></thead><tbody>${g.frontends.map((f) => row(f, self)).join('')}</tbody></table></section>`).join('');
}

function row(f, self) {
  const share = f.capacity ? Math.min(1, (f.connections ?? 0) / f.capacity) : 0;
  const lag = 'replicationLagMs' in f ? fmtMs(f.replicationLagMs) : DASH;
  const you = f.node === self ? ' <span class="you" title="this page is connected here">you</span>' : '';
  return `<tr data-node="${esc(f.node)}" class="state-${esc(f.state)}">`
    + `<td class="node" title="${esc(f.url ?? '')}">${esc(f.node)}${you}</td>`
    + `<td>${esc(f.region ?? DASH)}</td>`
    + `<td><span class="badge ${esc(f.state)}">${esc(f.state ?? 'unknown')}</span></td>`
    + `<td class="num conn" data-field="connections"><span class="bar ${loadLevel(f.connections, f.capacity)}">`
    + `<i style="width:${(share * 100).toFixed(1)}%"></i></span>${fmtCount(f.connections)}`
    + `<span class="muted"> / ${fmtCount(f.capacity)}</span></td>`
    + `<td class="num" data-field="messagesPerSec">${fmtRate(f.messagesPerSec)}</td>`
    + `<td class="num" data-field="deliveriesPerSec">${fmtRate(f.deliveriesPerSec)}</td>`
    + `<td class="num">${fmtMs(f.latencyP50Ms)}</td>`
    + `<td class="num">${fmtMs(f.latencyP99Ms)}</td>`
    + `<td class="num"><span class="dot ${heartbeatLevel(f.heartbeatAgeMs)}"></span>${fmtAge(f.heartbeatAgeMs)}</td>`
    + `<td class="num lag">${lag}</td></tr>`;
}

/** The recoveries and errors as table rows, newest first (as `EventLog.list` keeps them). */
export function eventsList(events) {
  if (!events.length) {
    return '<tr><td class="empty">No recoveries or errors yet.</td></tr>';
  }
  return events.map((e) => `<tr class="event kind-${esc(e.kind)}"><td class="ts">${fmtClock(e.ts)}</td>`
    + `<td class="kind">${esc(e.kind)}</td><td class="node">${esc(e.node)}</td>`
    + `<td class="detail" title="${esc(e.detail)}">${esc(e.detail)}</td></tr>`).join('');
}

/** One watched message as a table row: channel, seq, time, data. */
export function messageRow(m) {
  const data = fmtData(m.data);
  const when = Number.isFinite(m.ts) ? new Date(m.ts) : null;
  return `<tr data-channel="${esc(m.channel)}" data-seq="${esc(m.seq)}"><td class="ch">${esc(m.channel)}</td>`
    + `<td class="num">${esc(m.seq)}</td><td class="ts" title="${esc(when?.toISOString())}">`
    + `${when ? fmtClock(m.ts) : DASH}</td><td class="data" title="${esc(data)}">${esc(data)}</td></tr>`;
}
