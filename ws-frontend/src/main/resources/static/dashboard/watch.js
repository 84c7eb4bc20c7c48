// The "watch a channel" panel: subscribe through the dashboard's client and show what flows,
// newest first. Messages are queued and drawn once per frame, so a busy channel costs one DOM
// update per frame rather than one per message.
import { esc, messageRow } from './view.js';

const MAX_ROWS = 200;

export class WatchPanel {
  #client;
  #el;
  /** channel -> {count, ready} */
  #channels = new Map();
  #queue = [];
  #scheduled = false;

  /** @param {{form, input, error, chips, rows}} el the panel's elements */
  constructor(client, el) {
    this.#client = client;
    this.#el = el;
    el.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.watch(el.input.value.trim());
    });
    el.input.addEventListener('input', () => { el.error.textContent = ''; });
    el.chips.addEventListener('click', (e) => {
      const channel = e.target.closest('button[data-unwatch]')?.dataset.unwatch;
      if (channel != null) {
        this.unwatch(channel);
      }
    });
    client.on('message', (m) => this.#onMessage(m));
  }

  async watch(channel) {
    this.#el.error.textContent = '';
    if (!channel || this.#channels.has(channel)) {
      return;
    }
    const entry = { count: 0, ready: false };
    this.#channels.set(channel, entry);
    this.#el.input.value = '';
    this.#drawChips();
    try {
      await this.#client.subscribe(channel);
      entry.ready = true;
    } catch (err) {
      if (this.#channels.get(channel) === entry) {
        this.#channels.delete(channel);
        this.#el.error.textContent = `${channel}: ${err.reason ?? err.message}`;
      }
    }
    this.#drawChips();
  }

  unwatch(channel) {
    this.#channels.delete(channel);
    this.#client.unsubscribe(channel).catch(() => {}); // gone with the socket anyway
    this.#drawChips();
  }

  #onMessage(m) {
    const entry = this.#channels.get(m.channel);
    if (!entry) {
      return;
    }
    entry.count++;
    this.#queue.push(m);
    if (this.#queue.length > MAX_ROWS) {
      this.#queue.splice(0, this.#queue.length - MAX_ROWS);
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      requestAnimationFrame(() => this.#flush());
    }
  }

  #flush() {
    this.#scheduled = false;
    const rows = this.#el.rows;
    for (const old of rows.querySelectorAll('tr.fresh')) {
      old.classList.remove('fresh');
    }
    const html = this.#queue.reverse().map(messageRow).join('');
    this.#queue = [];
    rows.insertAdjacentHTML('afterbegin', html.replaceAll('<tr ', '<tr class="fresh" '));
    while (rows.rows.length > MAX_ROWS) {
      rows.deleteRow(-1);
    }
    this.#drawChips();
  }

  #drawChips() {
    this.#el.chips.innerHTML = [...this.#channels].map(([channel, e]) =>
      `<span class="chip${e.ready ? '' : ' pending'}" data-channel="${esc(channel)}">${esc(channel)}`
      + `<span class="count">${e.ready ? e.count : 'subscribing…'}</span>`
      + `<button type="button" data-unwatch="${esc(channel)}" title="stop watching"`
      + ` aria-label="stop watching ${esc(channel)}">×</button></span>`)
      .join('');
  }
}
