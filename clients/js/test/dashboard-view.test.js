// The dashboard's markup (view.js, chart.js), imported from where the frontend serves it: what each
// panel shows, and that text from outside (node names, channel data, event details) is escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { esc, tiles, frontendsTable, eventsList, messageRow }
  from '../../../ws-frontend/src/main/resources/static/dashboard/view.js';
import { chartSvg } from '../../../ws-frontend/src/main/resources/static/dashboard/chart.js';
import { clouds } from '../../../ws-frontend/src/main/resources/static/dashboard/model.js';

const fe = (node, o = {}) => ({ node, cloud: 'a', region: 'local', state: 'serving', url: `ws://${node}/v1/ws`,
  connections: 3, capacity: 20000, messagesPerSec: 12, deliveriesPerSec: 36, latencyP50Ms: 1.9, latencyP99Ms: 8.4,
  heartbeatAgeMs: 320, ...o });

/** The text of each cell of the row of `node`. */
function cells(html, node) {
  const row = html.match(new RegExp(`<tr data-node="${node}"[^>]*>(.*?)</tr>`))?.[1];
  assert.ok(row, `row of ${node} in ${html}`);
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));
}

test('esc makes text safe in content and attributes', () => {
  assert.equal(esc(`<img src=x onerror="a('b')">&`), '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  assert.equal(esc(null), '');
  assert.equal(esc(42), '42');
});

test('the frontends table: one row per frontend with every column; replication lag only when reported', () => {
  const sample = { ts: 1, cloud: 'a', frontends: [fe('a-8081', { state: 'draining', replicationLagMs: 42.4 }),
    fe('a-8080'), fe('b-9090', { cloud: 'b', heartbeatAgeMs: 6000, connections: 19000 })] };
  const html = frontendsTable(clouds(sample), { self: 'a-8080' });
  assert.deepEqual(cells(html, 'a-8080'),
    ['a-8080 you', 'local', 'serving', '3 / 20,000', '12', '36', '1.9', '8.4', '320 ms', '—']);
  assert.deepEqual(cells(html, 'a-8081').slice(2), ['draining', '3 / 20,000', '12', '36', '1.9', '8.4', '320 ms', '42']);
  assert.match(html, /<tr data-node="b-9090"[^>]*>.*class="bar bad".*class="dot bad"/, 'near capacity, stale heartbeat');
  assert.ok(html.indexOf('data-cloud="a"') < html.indexOf('data-cloud="b"'), 'own cloud first');
  assert.equal((html.match(/<table/g) ?? []).length, 2, 'one table per cloud');
  assert.match(frontendsTable([]), /No frontend/);
});

test('names from the pool are escaped in the table', () => {
  const html = frontendsTable(clouds({ cloud: 'a', frontends: [fe('<b>x</b>', { state: '"><script>' })] }));
  assert.ok(!html.includes('<b>x</b>') && !html.includes('<script>'), html);
});

test('tiles sum the cloud and flag frontends not serving', () => {
  const html = tiles([fe('a-1'), fe('a-2', { state: 'starting', connections: 7 })]);
  const values = [...html.matchAll(/class="value">(.*?)</g)].map((m) => m[1]);
  assert.deepEqual(values, ['1 / 2', '10', '12', '72', '1.9 / 8.4']);
  assert.match(html, /tile warn/);
});

test('events: newest first as given, kind as a class, details escaped; an empty list says so', () => {
  const html = eventsList([{ ts: 2000, node: 'a-1', kind: 'recovery-failed', detail: '<x> epoch-changed' },
    { ts: 1000, node: 'a-2', kind: 'recovery', detail: 'chat 1..5' }]);
  assert.ok(html.indexOf('recovery-failed') < html.indexOf('chat 1..5'));
  assert.match(html, /class="event kind-recovery-failed"/);
  assert.match(html, /&lt;x&gt; epoch-changed/);
  assert.match(eventsList([]), /No recoveries or errors/);
});

test('a watched message row shows channel, seq, time and data, escaped', () => {
  const html = messageRow({ channel: 'chat:1', seq: 7, ts: Date.UTC(2025, 0, 1), data: { text: '<hi>' } });
  assert.match(html, /data-channel="chat:1" data-seq="7"/);
  assert.match(html, /\{&quot;text&quot;:&quot;&lt;hi&gt;&quot;\}/);
  assert.match(messageRow({ channel: 'c', seq: 1, data: 'x' }), /<td class="ts" title="">—<\/td>/);
});

test('the chart draws the window ending now, round y ticks, a path per series, and breaks gaps', () => {
  const now = 1_000_000;
  const points = [{ ts: now - 400_000, v: 99 }, { ts: now - 3000, v: 10 }, { ts: now - 2000, v: 37 },
    { ts: now - 1000, v: 20 }, { ts: now, v: null }];
  const svg = chartSvg({ width: 600, height: 200, now, format: String,
    series: [{ key: 'messages', label: 'messages/s', points }, { key: 'p99', label: 'p99', points: [] }] });
  assert.match(svg, /data-points="3"/, 'outside the window and missing values are not drawn');
  assert.match(svg, /data-max="40"/, 'the peak inside the window decides the scale');
  assert.deepEqual([...svg.matchAll(/class="tick"[^>]*>([^<]*)</g)].map((m) => m[1]),
    ['0', '10', '20', '30', '40', 'now', '−1 min', '−2 min', '−3 min', '−4 min', '−5 min']);
  const d = svg.match(/class="line line-messages" d="([^"]+)"/)[1];
  assert.equal((d.match(/M/g) ?? []).length, 1);
  assert.equal((d.match(/L/g) ?? []).length, 2);
  assert.ok(!svg.includes('line-p99'), 'an empty series draws nothing');
  assert.match(svg, /data-clipped="0"/);
  assert.ok(!svg.includes('clipped</text>'));
  const x = Number(d.match(/L([\d.]+),/g).at(-1).slice(1, -1));
  assert.ok(x > 560 && x < 586, `the newest point sits at the right edge (${x})`);
});

test('the chart may clip spikes, saying so, but keeps the newest value in range', () => {
  const now = 200_000;
  const points = Array.from({ length: 100 }, (_, i) => ({ ts: now - (99 - i) * 1000, v: i === 10 ? 500 : 8 }));
  const svg = chartSvg({ width: 600, height: 200, now, format: String, outliers: 0.02,
    series: [{ key: 'p99', label: 'p99', points }] });
  assert.match(svg, /data-max="10"/);
  assert.match(svg, /data-clipped="1"/);
  assert.match(svg, />1 higher value clipped</);
  const spike = chartSvg({ width: 600, height: 200, now, format: String, outliers: 0.02,
    series: [{ key: 'p99', label: 'p99', points: [...points.slice(0, -1), { ts: now, v: 500 }] }] });
  assert.match(spike, /data-max="800" data-clipped="0"/, 'a spike that is the newest value sets the scale');
});
