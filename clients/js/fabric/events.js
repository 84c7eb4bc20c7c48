// The client's events: listeners per name; a listener that throws never breaks delivery.

export class Events {
  #listeners = new Map();
  #timing;

  /** @param {import('./timing.js').Timing} timing where a listener's exception is rethrown, outside our stack */
  constructor(timing) {
    this.#timing = timing;
  }

  /** @returns {() => void} a function that removes the listener */
  on(event, listener) {
    if (!this.#listeners.has(event)) {
      this.#listeners.set(event, new Set());
    }
    this.#listeners.get(event).add(listener);
    return () => this.off(event, listener);
  }

  off(event, listener) {
    this.#listeners.get(event)?.delete(listener);
  }

  emit(event, payload) {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        // a listener's bug must not break delivery: report it outside our call stack
        this.#timing.soon(() => { throw err; });
      }
    }
  }
}
