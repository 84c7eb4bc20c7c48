// Some traffic on a real fabric, so the dashboard has something to show (the screenshot run):
// subscribers spread over the frontends, steady publishers, and a recovery on a chosen frontend.
import { FabricClient } from '../fabric.js';
import { SteadyPublisher, freshChannel, discoveryOnly } from './control.js';

export class Traffic {
  #clients = [];
  #publishers = [];

  /** @param {{frontends: Array<{node, http, ws}>, token: string, apiKey: string}} info from `fabric()` */
  constructor(info) {
    this.info = info;
    this.channels = ['orders', 'chat', 'prices'].map((p) => freshChannel(p));
    this.chat = this.channels[1];
  }

  /** `n` clients, round-robin over the frontends, each subscribed to every one of `channels`. */
  async subscribers(n, channels) {
    const { frontends, token } = this.info;
    for (let i = 0; i < n; i++) {
      const node = frontends[i % frontends.length].node;
      const client = new FabricClient({ seeds: frontends.map((f) => f.http), token, fetch: discoveryOnly(node) });
      this.#clients.push(client);
      await client.connect();
      await Promise.all(channels.map((c) => client.subscribe(c)));
    }
  }

  /** Publishes `data(n)` to `channel` at `perSecond` over HTTP, through the frontends in turn. */
  publish(channel, perSecond, data = (n) => ({ n })) {
    const { frontends, apiKey } = this.info;
    const via = frontends[this.#publishers.length % frontends.length];
    this.#publishers.push(new SteadyPublisher(via, apiKey, channel, { perSecond, max: 100_000, data }));
  }

  /**
   * Makes `frontend` recover `back` messages of `channel` for a new connection (subscribe with
   * `since`), as a client resuming after a drop would.
   */
  async recoverOn(frontend, channel, back) {
    const ws = new WebSocket(frontend.ws);
    const replies = new Map();
    ws.addEventListener('message', (e) => {
      const frame = JSON.parse(e.data);
      replies.get(frame.id)?.(frame);
    });
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve);
      ws.addEventListener('error', reject);
    });
    const ask = (id, frame) => new Promise((resolve) => {
      replies.set(id, resolve);
      ws.send(JSON.stringify({ ...frame, id }));
    });
    await ask(1, { op: 'connect', token: this.info.token });
    const last = await ask(2, { op: 'history', channel, limit: 1 });
    const since = { epoch: last.epoch, seq: Math.max(0, last.seq - back) };
    const reply = await ask(3, { op: 'subscribe', channel, since });
    ws.close();
    return reply;
  }

  async stop() {
    await Promise.all(this.#publishers.map((p) => p.stop()));
    this.#clients.forEach((c) => c.close());
  }
}
