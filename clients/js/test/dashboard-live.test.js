// The dashboard as a frontend serves it, in headless Chromium, on a real fabric (run by JsClientIT):
// the pool's frontends, live statistics without reloading, a watched channel, an error event.
// With FABRIC_SCREENSHOT=<file.png> it also runs some traffic and saves a 1440x900 screenshot.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FabricClient } from '../fabric.js';
import { SKIP_REAL, ensureFrontends, freshChannel, publishHttp, waitFor, discoveryOnly } from '../testkit/control.js';
import { SKIP_BROWSER, launch, consoleErrors } from '../testkit/chromium.js';
import { DASHBOARD_DIR } from '../testkit/dashboard-stub.js';
import { Traffic } from '../testkit/traffic.js';

/** Where to save the screenshot; a relative path is from the repository root, where Maven runs. */
const SCREENSHOT = process.env.FABRIC_SCREENSHOT
  && resolve(fileURLToPath(new URL('../../..', import.meta.url)), process.env.FABRIC_SCREENSHOT);

/** A client held on the frontend `node` (discovery shows it nothing else). */
async function clientOn(info, node) {
  const client = new FabricClient({ seeds: info.frontends.map((f) => f.http), token: info.token,
    fetch: discoveryOnly(node), pingIntervalMs: 0 });
  await client.connect();
  return client;
}

/** The number in the connections cell of `node`'s row, or null while the row is missing. */
function connections(page, node) {
  return page.evaluate((n) => {
    const text = document.querySelector(`tr[data-node="${n}"] [data-field=connections]`)?.innerText;
    return text == null ? null : Number(text.split('/')[0].replace(/\D/g, ''));
  }, node);
}

describe('the dashboard in headless Chromium on a real fabric', { skip: SKIP_REAL || SKIP_BROWSER }, () => {
  let browser;
  const clients = [];

  before(async () => {
    browser = await launch();
  });

  after(async () => {
    clients.forEach((c) => c.close());
    await browser?.close();
  });

  test('every frontend serves the dashboard from its jar, with the right content types', async () => {
    const info = await ensureFrontends(2);
    for (const f of info.frontends) {
      for (const [path, file, type] of [['/', 'index.html', /^text\/html/], ['/dashboard/app.js', 'app.js', /javascript/],
        ['/dashboard/style.css', 'style.css', /^text\/css/], ['/dashboard/favicon.svg', 'favicon.svg', /^image\/svg\+xml/]]) {
        const res = await fetch(`${f.http}${path}`);
        assert.equal(res.status, 200, `${f.node} ${path}`);
        assert.match(res.headers.get('content-type'), type, `${f.node} ${path}`);
        assert.equal(await res.text(), readFileSync(`${DASHBOARD_DIR}${file}`, 'utf8'),
          `${f.node} serves this checkout's ${file} (a stale ws-frontend build serves an older one: rebuild it)`);
      }
    }
  });

  test('the page lists the pool, updates live, and shows a watched channel\'s messages', async () => {
    const info = await ensureFrontends(2);
    const nodes = info.frontends.map((f) => f.node);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors = consoleErrors(page);
    await page.goto(`${info.frontends[0].http}/#token=${info.token}`);
    await page.waitForFunction((ns) => ns.every((n) => document.querySelector(`tr[data-node="${n}"]`)), nodes,
      { timeout: 20_000 });
    assert.equal(await page.evaluate(() => location.hash), '', 'the token left the address bar');
    assert.equal(await page.evaluate(() => document.body.dataset.state), 'connected');
    const self = await page.locator('tr:has(.you)').getAttribute('data-node');
    assert.ok(nodes.includes(self), `connected to ${self}, one of ${nodes}`);
    await page.evaluate(() => { window.sameDocument = true; });

    // live: three clients join the other frontend; its heartbeat reaches this page through the pool.
    // Earlier tests' sockets may still be closing, so the page must agree with discovery (same pool).
    const other = info.frontends.find((f) => f.node !== self);
    const points = () => page.locator('#chart-messages svg').getAttribute('data-points').then(Number);
    const pointsBefore = await points();
    for (let i = 0; i < 3; i++) {
      clients.push(await clientOn(info, other.node));
    }
    let shown = null;
    let pool = null;
    await waitFor(async () => {
      shown = await connections(page, other.node);
      const res = await fetch(`${other.http}/v1/discovery`);
      pool = (await res.json()).frontends.find((f) => f.node === other.node)?.connections;
      return shown >= 3 && shown === pool;
    }, `${other.node} showing its 3+ connections as discovery does`, 15_000)
      .catch((e) => { throw new Error(`${e.message} (page ${shown}, discovery ${pool})`); });
    assert.ok((await points()) > pointsBefore, 'the charts took new samples');

    // watch a channel and publish to it through the other frontend's HTTP API
    const channel = freshChannel('dash');
    await page.fill('#watch-input', channel);
    await page.press('#watch-input', 'Enter');
    await page.waitForSelector(`.chip[data-channel="${channel}"]:not(.pending)`);
    for (let n = 1; n <= 5; n++) {
      await publishHttp(other, info.apiKey, channel, { n });
    }
    await page.waitForFunction((c) => document.querySelectorAll(`#messages tr[data-channel="${c}"]`).length === 5,
      channel, { timeout: 15_000 });
    const rows = await page.locator('#messages tr').evaluateAll((trs) => trs.map((r) =>
      [r.dataset.seq, r.querySelector('.data').innerText]));
    assert.deepEqual(rows, [5, 4, 3, 2, 1].map((n) => [String(n), `{"n":${n}}`]), 'newest first');

    // a refused subscribe is an error on this frontend: it shows under the watch box and in the events
    await page.fill('#watch-input', 'bad channel!');
    await page.press('#watch-input', 'Enter');
    await page.waitForFunction(() => document.querySelector('#watch-error').innerText.length > 0);
    await page.waitForFunction((n) => [...document.querySelectorAll('#events .event.kind-error')]
      .some((e) => e.querySelector('.node').innerText === n && e.innerText.includes('bad-channel')), self,
    { timeout: 15_000 });

    assert.equal(await page.evaluate(() => window.sameDocument), true, 'all of it without a reload');
    assert.deepEqual(errors, []);
    if (SCREENSHOT) {
      await screenshot(page, info, self, channel);
    }
    await page.close();
  });
});

/** Runs a minute of traffic (a step up halfway), a recovery on the page's frontend, then saves the screenshot. */
async function screenshot(page, info, self, channel) {
  const traffic = new Traffic(info);
  await page.click(`.chip[data-channel="${channel}"] button`);
  await page.fill('#watch-input', traffic.chat);
  await page.press('#watch-input', 'Enter');
  await traffic.subscribers(12, traffic.channels);
  const users = ['ana', 'bo', 'chen', 'dita'];
  traffic.publish(traffic.chat, 4, (n) => ({ user: users[n % users.length], text: `message ${n}` }));
  traffic.publish(traffic.channels[0], 15, (n) => ({ order: 1000 + n, state: 'filled' }));
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  traffic.publish(traffic.channels[2], 30, (n) => ({ pair: 'EURUSD', bid: 1.08 + (n % 50) / 10_000 }));
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  await traffic.recoverOn(info.frontends.find((f) => f.node === self), traffic.channels[0], 12);
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  await page.locator('#watch-input').blur();
  await page.screenshot({ path: SCREENSHOT });
  await traffic.stop();
  console.log(`# dashboard screenshot saved to ${SCREENSHOT}`);
}
