// fabric.js in real headless Chromium, loaded cross-origin from a frontend's /fabric.js: it picks
// the nearer of two frontends (the other is behind a relay adding 150 ms each way) and survives the
// crash of the one it is connected to. Needs a real fabric (FABRIC_CONTROL) and
// /usr/bin/chromium; without Chromium it skips, unless FABRIC_REQUIRE_BROWSER=1 (then it fails).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { SKIP_REAL, ensureFrontends, control, startFar, freshChannel, SteadyPublisher, waitFor, gaplessProblem }
  from '../testkit/control.js';
import { SKIP_BROWSER, launch, consoleErrors as collectConsoleErrors } from '../testkit/chromium.js';

const SKIP = SKIP_REAL || SKIP_BROWSER;

/** The page: imports the client from a frontend (another origin) and records what it sees in window.fabric. */
function page({ script, seeds, token, channel }) {
  return `<!doctype html>
<meta charset="utf-8"><title>fabric.js in Chromium</title><link rel="icon" href="data:,">
<script type="module">
import { FabricClient } from ${JSON.stringify(script)};
const seen = window.fabric = { messages: [], nodes: [], states: [], errors: [], ready: false };
const client = window.fabricClient = new FabricClient({ seeds: ${JSON.stringify(seeds)}, token: ${JSON.stringify(token)},
  backoff: { baseMs: 100, maxMs: 2000 } });
client.on('message', (m) => seen.messages.push({ seq: m.seq, n: m.data.n }));
client.on('connected', (c) => seen.nodes.push(c.node));
client.on('state', (s) => seen.states.push(s.to));
client.on('error', (e) => seen.errors.push(e.message));
await client.connect();
await client.subscribe(${JSON.stringify(channel)});
seen.ready = true;
</script>`;
}

/** Serves `html` at / from 127.0.0.1 on an ephemeral port. */
async function serve(html) {
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/' ? html : '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

describe('in headless Chromium', { skip: SKIP }, () => {
  let browser;
  let site;

  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    site?.server.close();
  });

  test('a page importing fabric.js connects to the nearer frontend and fails over without a gap when it crashes', async () => {
    const start = await ensureFrontends(1);
    const [near, ...others] = start.frontends;
    for (const o of others) {
      await control('stop', o.node); // the pool is then one near and one far frontend
    }
    const far = await startFar(150);
    const info = { ...start, frontends: [near, far] };
    const channel = freshChannel('js-browser');
    const seeds = [far.http, near.http]; // the far one first: only the RTT can pick the near one
    const served = await fetch(`${seeds[0]}/fabric.js`);
    assert.equal(served.headers.get('access-control-allow-origin'), '*');
    assert.match(served.headers.get('content-type'), /^text\/javascript/);
    assert.equal(await served.text(), readFileSync(new URL('../fabric.js', import.meta.url), 'utf8'),
      'the frontend serves this fabric.js (a stale ws-frontend build serves an older one: rebuild it)');
    site = await serve(page({ script: `${seeds[0]}/fabric.js`, seeds, token: info.token, channel }));
    const tab = await browser.newPage();
    const consoleErrors = collectConsoleErrors(tab);
    await tab.goto(site.url);
    await tab.waitForFunction(() => window.fabric?.ready, null, { timeout: 30_000 });

    const first = await tab.evaluate(() => window.fabricClient.node);
    assert.equal(first, near.node, 'the page connected to the nearer frontend');
    const victim = near;
    const other = far;
    const publisher = new SteadyPublisher(other, info.apiKey, channel, { perSecond: 40 });
    const received = () => tab.evaluate(() => window.fabric.messages.length);
    await waitFor(async () => (await received()) >= 20, '20 messages in the page');
    await control('halt', victim.node);
    await waitFor(() => tab.evaluate((n) => window.fabricClient.node !== null && window.fabricClient.node !== n,
      victim.node), 'the page on the other frontend');
    const moved = publisher.sent;
    await waitFor(() => publisher.sent >= moved + 20, '20 more messages published');
    const n = await publisher.stop();
    await waitFor(async () => (await received()) >= n, `all ${n} messages in the page`);

    const seen = await tab.evaluate(() => window.fabric);
    assert.equal(gaplessProblem(seen.messages.map((m) => m.seq), n), null);
    assert.deepEqual(seen.messages.map((m) => m.n), seen.messages.map((m) => m.seq));
    assert.deepEqual(seen.nodes, [victim.node, other.node]);
    assert.ok(seen.states.includes('reconnecting'), `states ${seen.states}`);
    // the crash shows as failed requests to the dead frontend; nothing else may complain
    const victimHost = new URL(victim.http).host;
    const unexpected = consoleErrors.filter((e) => !e.url.includes(victimHost) && !e.text.includes(victimHost));
    assert.deepEqual(unexpected, [], `console errors: ${JSON.stringify(consoleErrors)}`);
    await tab.close();
  });
});
