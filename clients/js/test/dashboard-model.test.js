// The dashboard's pure logic (ws-frontend/.../static/dashboard), imported from where the frontend
// serves it: sample windowing, the event log, totals, axis scaling, formatting and token handling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SampleWindow, EventLog, totals, series, clouds, niceStep, axis, linePath, fmtRate, fmtMs, fmtAge, fmtCount,
  fmtClock, fmtTick, loadLevel, heartbeatLevel, fmtData, robustPeak, WINDOW_MS,
} from '../../../ws-frontend/src/main/resources/static/dashboard/model.js';
import { tokenFromHash, hashWithoutToken, claims }
  from '../../../ws-frontend/src/main/resources/static/dashboard/token.js';

const s = (ts, extra = {}) => ({ ts, cloud: 'a', node: 'a-1', frontends: [], ...extra });

test('the sample window keeps 5 minutes, in ts order, one sample per ts, at most 300', () => {
  const w = new SampleWindow();
  assert.equal(w.latest, null);
  w.add([s(3000), s(1000), s(2000), null, { ts: 'x' }]);
  assert.deepEqual(w.samples.map((x) => x.ts), [1000, 2000, 3000], 'sorted; junk ignored');
  w.add([s(2000, { node: 'replaced' })]);
  assert.equal(w.samples.length, 3);
  assert.equal(w.samples[1].node, 'replaced');
  w.add([s(1000 + WINDOW_MS)]);
  assert.deepEqual(w.samples.map((x) => x.ts), [1000, 2000, 3000, 1000 + WINDOW_MS], 'exactly 5 min old stays');
  w.add([s(2500 + WINDOW_MS)]);
  assert.deepEqual(w.samples.map((x) => x.ts), [3000, 1000 + WINDOW_MS, 2500 + WINDOW_MS], 'older ones leave');
  const dense = new SampleWindow();
  dense.add(Array.from({ length: 400 }, (_, i) => s(i * 500)));
  assert.equal(dense.samples.length, 300, 'capped');
  assert.equal(dense.latest.ts, 399 * 500);
  dense.reset([s(7), s(5)]);
  assert.deepEqual(dense.samples.map((x) => x.ts), [5, 7], 'reset starts over from a history');
});

test('the event log is newest first, capped, and keeps an event heard twice once', () => {
  const log = new EventLog(3);
  const e = (ts, detail = 'd') => ({ ts, node: 'a-1', kind: 'recovery', detail });
  log.add([e(1), e(3)]);
  log.add([e(2), e(3), { ts: null }]);
  assert.deepEqual(log.list.map((x) => x.ts), [3, 2, 1]);
  log.add([e(4), e(3, 'other')]);
  assert.deepEqual(log.list.map((x) => [x.ts, x.detail]), [[4, 'd'], [3, 'd'], [3, 'other']]);
  log.add(undefined);
  assert.equal(log.list.length, 3);
});

const fe = (node, o = {}) => ({ node, cloud: 'a', state: 'serving', connections: 0, capacity: 100,
  messagesPerSec: 0, deliveriesPerSec: 0, latencyP50Ms: null, latencyP99Ms: null, ...o });

test('totals: message rate is the highest frontend, deliveries add up, p50 weighted by deliveries, worst p99', () => {
  const t = totals([
    fe('a-1', { connections: 3, messagesPerSec: 10, deliveriesPerSec: 30, latencyP50Ms: 2, latencyP99Ms: 9 }),
    fe('a-2', { connections: 1, messagesPerSec: 12, deliveriesPerSec: 10, latencyP50Ms: 6, latencyP99Ms: 20 }),
    fe('a-3', { state: 'draining', capacity: 50 }),
  ]);
  assert.deepEqual(t, { frontends: 3, serving: 2, connections: 4, capacity: 250, messagesPerSec: 12,
    deliveriesPerSec: 40, latencyP50Ms: 3, latencyP99Ms: 20 });
  const idle = totals([fe('a-1', { latencyP50Ms: 1 }), fe('a-2', { latencyP50Ms: 3 })]);
  assert.equal(idle.latencyP50Ms, 2, 'no deliveries: plain mean');
  assert.equal(totals([]).latencyP50Ms, null);
  assert.equal(totals(undefined).connections, 0);
});

test('series charts the sample\'s own cloud; clouds() groups frontends, own cloud first', () => {
  const sample = s(10, { frontends: [fe('b-1', { cloud: 'b', messagesPerSec: 99 }), fe('a-2', { messagesPerSec: 5 }),
    fe('a-1', { messagesPerSec: 4, deliveriesPerSec: 8, latencyP50Ms: 1, latencyP99Ms: 3 })] });
  assert.deepEqual(series([sample]), [{ ts: 10, messages: 5, deliveries: 8, p50: 1, p99: 3 }]);
  const groups = clouds(sample);
  assert.deepEqual(groups.map((g) => [g.cloud, g.local, g.frontends.map((f) => f.node)]),
    [['a', true, ['a-1', 'a-2']], ['b', false, ['b-1']]]);
  assert.deepEqual(clouds(null), []);
});

test('axes: round steps from zero that hold the peak; a floor for an idle pool', () => {
  assert.deepEqual([0.3, 1, 1.1, 2.4, 2.6, 7, 10, 11, 999].map(niceStep), [0.5, 1, 2, 2.5, 5, 10, 10, 20, 1000]);
  assert.deepEqual(axis(37), { max: 40, step: 10, ticks: [0, 10, 20, 30, 40] });
  assert.deepEqual(axis(0), { max: 1, step: 0.25, ticks: [0, 0.25, 0.5, 0.75, 1] }, 'floor 1: 0..1 when idle');
  assert.deepEqual(axis(0.3, { floor: 0.1 }).ticks, [0, 0.1, 0.2, 0.3, 0.4]);
  assert.deepEqual(axis(null).max, 1);
  assert.equal(axis(8000).max, 8000);
  assert.equal(axis(8001).max, 10000);
  assert.equal(axis(10_001).max, 20_000);
  assert.deepEqual([0, 0.25, 2.5, 40, 7500, 1_250_000].map(fmtTick), ['0', '0.25', '2.5', '40', '7.5k', '1.25M']);
});

test('robustPeak may leave out a share of the highest values, never the newest ones', () => {
  const values = [...Array.from({ length: 98 }, (_, i) => i / 10), 400, 900, null];
  assert.equal(robustPeak(values), 900);
  assert.equal(robustPeak(values, { outliers: 0.02 }), 9.7, 'two spikes of 100 values left out');
  assert.equal(robustPeak(values, { outliers: 0.02, least: 50 }), 50);
  assert.equal(robustPeak([5], { outliers: 0.5 }), 5, 'one value always stays');
  assert.equal(robustPeak([], { least: 3 }), 3);
});

test('linePath joins near samples and breaks at gaps and missing values', () => {
  const pts = [{ ts: 0, v: 1 }, { ts: 1, v: 2 }, { ts: 5, v: 3 }, { ts: 6, v: null }, { ts: 7, v: 4 }, { ts: 8, v: 5 }];
  const d = linePath(pts, { x: (ts) => ts * 10, y: (v) => 100 - v, gapMs: 2 });
  assert.equal(d, 'M0.0,99.0L10.0,98.0M50.0,97.0M70.0,96.0L80.0,95.0');
  assert.equal(linePath([], { x: () => 0, y: () => 0, gapMs: 1 }), '');
});

test('formatting: rates, milliseconds, ages, counts, clock, data; missing values show a dash', () => {
  assert.deepEqual([0, 0.04, 0.4, 9.96, 12.4, 950, 1234, 12_345, 3_400_000].map(fmtRate),
    ['0', '0.0', '0.4', '10.0', '12', '950', '1.2k', '12k', '3.4M']);
  assert.deepEqual([null, undefined, NaN, 'x'].map(fmtRate), ['—', '—', '—', '—']);
  assert.deepEqual([0.42, 8.4, 12.6, 1234.4, null].map(fmtMs), ['0.4', '8.4', '13', '1,234', '—']);
  assert.deepEqual([320, 4210, 59_999, 185_000, undefined].map(fmtAge), ['320 ms', '4.2 s', '60.0 s', '3 min', '—']);
  assert.deepEqual([20000, 3.4, null].map(fmtCount), ['20,000', '3', '—']);
  assert.equal(fmtClock(Date.UTC(2025, 10, 25, 7, 5, 9), true), '07:05:09');
  assert.equal(fmtData({ text: 'hi' }), '{"text":"hi"}');
  assert.equal(fmtData('plain'), 'plain');
  assert.equal(fmtData('x'.repeat(200), 10), `${'x'.repeat(9)}…`);
  assert.equal(fmtData(undefined), 'undefined');
});

test('levels: capacity used and heartbeat age', () => {
  assert.deepEqual([[0, 100], [69, 100], [70, 100], [95, 100], [5, 0]].map(([c, cap]) => loadLevel(c, cap)),
    ['ok', 'ok', 'warn', 'bad', 'ok']);
  assert.deepEqual([0, 1999, 2000, 5000, null].map((a) => heartbeatLevel(a)), ['ok', 'ok', 'warn', 'bad', 'bad']);
});

test('the token comes from the URL fragment, which can then be shown without it', () => {
  assert.equal(tokenFromHash('#token=abc.def.ghi'), 'abc.def.ghi');
  assert.equal(tokenFromHash('#x=1&token=t1'), 't1');
  assert.equal(tokenFromHash(''), null);
  assert.equal(tokenFromHash('#token='), null);
  assert.equal(tokenFromHash(undefined), null);
  assert.equal(hashWithoutToken('#token=t&x=1'), '#x=1');
  assert.equal(hashWithoutToken('#token=t'), '');
});

test('claims are read from a JWT (base64url, UTF-8) without trusting it; junk gives null', () => {
  const b64url = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${b64url({ alg: 'HS256' })}.${b64url({ sub: 'zoë', channels: ['*'], exp: 1764030000 })}.sig`;
  assert.deepEqual(claims(jwt), { sub: 'zoë', channels: ['*'], exp: 1764030000 });
  assert.equal(claims('not a jwt'), null);
  assert.equal(claims('a.!!!.c'), null);
  assert.equal(claims(`a.${b64url([1])}.c`), null);
  assert.equal(claims(null), null);
});
