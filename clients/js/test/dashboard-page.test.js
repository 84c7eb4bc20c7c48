// The dashboard page in headless Chromium against a scripted frontend (testkit/dashboard-stub.js):
// the token prompt and fragment, live updates from pushes, the events list, the watch panel, a
// refused token. Needs no fabric, only /usr/bin/chromium (skipped without it unless required).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP_BROWSER, launch, consoleErrors } from '../testkit/chromium.js';
import { serveDashboard, StubSocket, stubSample } from '../testkit/dashboard-stub.js';

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN = `${b64({ alg: 'HS256' })}.${b64({ sub: 'ops', channels: ['*'] })}.sig`;
const T0 = Date.now() - 10_000;
const HISTORY = [1, 2, 3].map((k) => stubSample(T0 + k * 1000, [{ node: 'a-1', connections: 3 }, { node: 'a-2' }]));
const EVENTS = [{ ts: T0 + 500, node: 'a-1', kind: 'recovery', detail: 'replayed 12 from cache' },
  { ts: T0 + 900, node: 'a-1', kind: 'error', detail: 'bad-channel' }];

/** Text of the cell `field` (data-field) or of column `n` in the row of `node`. */
const cell = (page, node, n) => page.locator(`tr[data-node="${node}"] td`).nth(n).innerText();

describe('the dashboard page on a scripted frontend', { skip: SKIP_BROWSER }, () => {
  let browser;
  let site;

  before(async () => {
    browser = await launch();
    site = await serveDashboard('a-1');
  });

  after(async () => {
    await browser?.close();
    site?.close();
  });

  /** A fresh tab (own sessionStorage) wired to a new scripted socket; no console error allowed at the end. */
  async function open(t, stubOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    t.after(() => context.close());
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const stub = new StubSocket({ node: 'a-1', history: HISTORY, events: EVENTS, ...stubOptions });
    await stub.attach(page, site.ws);
    return { page, stub, errors };
  }

  test('without a token it asks for one; a pasted token is kept in the tab and used', async (t) => {
    const { page, stub, errors } = await open(t);
    await page.goto(`${site.http}/`);
    await page.locator('#login').waitFor();
    assert.equal(await page.locator('#dash').isVisible(), false);
    assert.equal(stub.sent.length, 0, 'nothing is sent without a token');
    await page.fill('#token-input', ` ${TOKEN}\n`);
    await page.click('#login button[type=submit]');
    await page.waitForSelector('body[data-state="connected"]');
    assert.deepEqual(stub.ops('connect').map((f) => f.token), [TOKEN]);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('syncfabric.dashboard.token')), TOKEN);
    await page.locator('tr[data-node="a-2"]').waitFor();
    assert.match(await page.locator('#who').innerText(), /as ops/);
    assert.deepEqual(errors, []);
  });

  test('a token in the fragment connects, leaves the address bar, and pushes update the view live', async (t) => {
    const { page, stub, errors } = await open(t);
    await page.goto(`${site.http}/#token=${TOKEN}`);
    await page.locator('tr[data-node="a-2"]').waitFor();
    assert.equal(await page.evaluate(() => location.href), `${site.http}/`, 'the token left the address bar');
    assert.equal(stub.ops('stats').length, 1);
    assert.equal(await cell(page, 'a-1', 3), '3 / 100');
    assert.equal(await cell(page, 'a-1', 9), '—', 'no replication lag reported yet');
    assert.match(await page.locator('tr[data-node="a-1"] .you').innerText(), /you/);
    const points = () => page.locator('#chart-messages svg').getAttribute('data-points');
    assert.equal(await points(), '3', 'the history is charted at once');
    assert.deepEqual(await page.locator('#events .kind').allInnerTexts(), ['error', 'recovery'], 'newest first');

    stub.push({ op: 'stats', sample: stubSample(T0 + 4000, [{ node: 'a-1', connections: 7, replicationLagMs: 42 },
      { node: 'a-2', state: 'draining' }, { node: 'b-1', cloud: 'b' }]),
    events: [{ ts: T0 + 3900, node: 'a-1', kind: 'recovery-failed', detail: 'epoch-changed' }] });
    await page.waitForFunction(() => document.querySelector('tr[data-node="a-1"] [data-field=connections]')
      ?.innerText.startsWith('7'));
    assert.equal(await cell(page, 'a-1', 9), '42');
    assert.equal(await cell(page, 'a-2', 2), 'draining');
    assert.equal(await points(), '4');
    assert.deepEqual(await page.locator('section.cloud').evaluateAll((s) => s.map((e) => e.dataset.cloud)), ['a', 'b']);
    assert.deepEqual(await page.locator('#events .kind').allInnerTexts(), ['recovery-failed', 'error', 'recovery']);
    assert.match(await page.locator('#tiles').innerText(), /1 \/ 2/, 'one of cloud a\'s two frontends serves');

    // no push for three intervals while the socket is up: the header says the view is stale
    await page.waitForSelector('#conn.stale', { timeout: 6000 });
    stub.push({ op: 'stats', sample: stubSample(Date.now(), [{ node: 'a-1' }]), events: [] });
    await page.waitForSelector('#conn.connected');
    assert.deepEqual(errors, []);
  });

  test('watching: messages show newest first; a refused channel says why; unwatching stops the flow', async (t) => {
    const { page, stub, errors } = await open(t, { deny: new Set(['secret:x']) });
    await page.goto(`${site.http}/#token=${TOKEN}`);
    await page.waitForSelector('body[data-state="connected"]');
    await page.fill('#watch-input', 'chat:lobby');
    await page.press('#watch-input', 'Enter');
    await page.waitForSelector('.chip[data-channel="chat:lobby"]:not(.pending)');
    for (let seq = 1; seq <= 3; seq++) {
      stub.push({ op: 'message', channel: 'chat:lobby', epoch: 'e1', seq, ts: T0 + seq, origin: 'a',
        data: { text: `<b>${seq}</b>` } });
    }
    stub.push({ op: 'message', channel: 'other', epoch: 'e1', seq: 1, ts: T0, origin: 'a', data: 1 });
    await page.waitForFunction(() => document.querySelectorAll('#messages tr').length === 3);
    assert.deepEqual(await page.locator('#messages tr').evaluateAll((rows) => rows.map((r) => r.dataset.seq)),
      ['3', '2', '1']);
    assert.equal(await page.locator('#messages tr').first().locator('.data').innerText(), '{"text":"<b>3</b>"}');
    assert.match(await page.locator('.chip[data-channel="chat:lobby"]').innerText(), /chat:lobby\s*3/);

    await page.fill('#watch-input', 'secret:x');
    await page.press('#watch-input', 'Enter');
    await page.waitForFunction(() => document.querySelector('#watch-error').innerText.includes('does not allow'));
    assert.equal(await page.locator('.chip[data-channel="secret:x"]').count(), 0);
    await page.fill('#watch-input', 's');
    assert.equal(await page.locator('#watch-error').innerText(), '', 'typing clears the error');

    await page.click('.chip[data-channel="chat:lobby"] button');
    await page.waitForFunction(() => !document.querySelector('.chip'));
    assert.deepEqual(stub.ops('unsubscribe').map((f) => f.channel), ['chat:lobby']);
    assert.deepEqual(errors, []);
  });

  test('a token without sys:stats says why there are no statistics, and can still watch channels', async (t) => {
    const { page, stub } = await open(t, { deny: new Set(['sys:stats']) });
    await page.goto(`${site.http}/#token=${TOKEN}`);
    await page.waitForSelector('#banner:not([hidden])');
    assert.match(await page.locator('#banner').innerText(), /statistics unavailable: token does not allow sys:stats/);
    await page.fill('#watch-input', 'chat:lobby');
    await page.press('#watch-input', 'Enter');
    await page.waitForSelector('.chip[data-channel="chat:lobby"]:not(.pending)');
    assert.equal(stub.ops('stats').length, 1, 'not asked again');
  });

  test('a refused token brings the prompt back with the reason and forgets the token', async (t) => {
    const { page, stub } = await open(t, { refuse: () => true });
    await page.goto(`${site.http}/#token=${TOKEN}`);
    await page.locator('#login').waitFor();
    assert.match(await page.locator('#login-error').innerText(), /invalid-token/);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('syncfabric.dashboard.token')), null);
    assert.equal(stub.ops('connect').length, 1, 'a refused token is not tried again');
  });
});
