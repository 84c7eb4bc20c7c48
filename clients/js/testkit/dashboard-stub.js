// A scripted frontend for the dashboard's page tests: a real HTTP server on loopback serves the page,
// its assets and fabric.js (with its parts) from this checkout (as a frontend jar would), plus discovery and ping;
// the WebSocket is answered by the test through Playwright's routeWebSocket.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const DASHBOARD_DIR = fileURLToPath(
  new URL('../../../ws-frontend/src/main/resources/static/dashboard/', import.meta.url));
const FABRIC_JS = fileURLToPath(new URL('../fabric.js', import.meta.url));
const FABRIC_DIR = fileURLToPath(new URL('../fabric/', import.meta.url));
const TYPES = { html: 'text/html', css: 'text/css', js: 'text/javascript', svg: 'image/svg+xml', png: 'image/png' };

/** Starts the HTTP side; `node` is the frontend's id in discovery and connect replies. */
export async function serveDashboard(node = 'a-1') {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = path === '/' ? `${DASHBOARD_DIR}index.html`
      : path === '/fabric.js' ? FABRIC_JS
        : /^\/fabric\/[\w-]+\.js$/.test(path) ? FABRIC_DIR + path.slice('/fabric/'.length)
        : /^\/dashboard\/[\w.-]+$/.test(path) ? DASHBOARD_DIR + path.slice('/dashboard/'.length) : null;
    if (path === '/v1/ping') {
      res.writeHead(204).end();
    } else if (path === '/v1/discovery') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ cloud: 'a', node, frontends: [{ node, url: stub.ws, http: stub.http, state: 'serving' }] }));
    } else if (file) {
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': `${TYPES[file.split('.').pop()] ?? 'application/octet-stream'}; charset=utf-8` });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const http = `http://127.0.0.1:${server.address().port}`;
  const stub = { http, ws: `${http.replace('http', 'ws')}/v1/ws`, close: () => server.close() };
  return stub;
}

/**
 * The WebSocket side, for one page: answers connect (or refuses a token), stats, subscribe and
 * unsubscribe like a frontend (refusing the channels in `deny`, `sys:stats` included); `sent` holds
 * what the page sent; `push` sends a frame to every socket.
 */
export class StubSocket {
  sent = [];
  sockets = [];

  constructor({ node = 'a-1', refuse = () => false, history = [], events = [], deny = new Set() } = {}) {
    Object.assign(this, { node, refuse, history, events, deny });
  }

  async attach(page, url) {
    await page.routeWebSocket(url, (ws) => {
      this.sockets.push(ws);
      ws.onMessage((text) => this.#answer(ws, JSON.parse(text)));
    });
  }

  push(frame) {
    for (const ws of this.sockets) {
      ws.send(JSON.stringify(frame));
    }
  }

  ops(op) {
    return this.sent.filter((f) => f.op === op);
  }

  #answer(ws, frame) {
    this.sent.push(frame);
    const reply = (f) => ws.send(JSON.stringify({ ...f, id: frame.id }));
    if (frame.op === 'connect' && this.refuse(frame.token)) {
      reply({ op: 'error', code: 150, name: 'invalid-token', reason: 'bad signature' });
      ws.close({ code: 4501, reason: 'invalid-token' });
    } else if (frame.op === 'connect') {
      reply({ op: 'connected', client: `${this.node}.0123456789abcdef`, node: this.node });
    } else if (frame.op === 'stats' && this.deny.has('sys:stats')) {
      reply({ op: 'error', code: 110, name: 'permission-denied', reason: 'token does not allow sys:stats' });
    } else if (frame.op === 'stats') {
      reply({ op: 'stats', interval: 1000, history: this.history, events: this.events });
    } else if (this.deny.has(frame.channel)) {
      reply({ op: 'error', code: 110, name: 'permission-denied', reason: `token does not allow ${frame.channel}` });
    } else if (frame.op === 'subscribe') {
      reply({ op: 'subscribed', channel: frame.channel, epoch: 'e1', seq: 0, recovered: false });
    } else if (frame.op === 'unsubscribe') {
      reply({ op: 'unsubscribed', channel: frame.channel });
    } else if (frame.op === 'ping') {
      reply({ op: 'pong' });
    }
  }
}

/** A sample of cloud `a` at `ts` with the given frontends (fields default to a quiet serving frontend). */
export function stubSample(ts, frontends) {
  return { ts, cloud: 'a', node: frontends[0]?.node ?? 'a-1', frontends: frontends.map((f) => ({
    cloud: 'a', region: 'local', state: 'serving', url: 'ws://x/v1/ws', http: 'http://x', connections: 1,
    capacity: 100, messagesPerSec: 1, deliveriesPerSec: 1, latencyP50Ms: 1, latencyP99Ms: 2, heartbeatAgeMs: 100, ...f,
  })) };
}
