// The client's clock work over injectable timers: repeated ticks, wakeable sleeps, timeouts.
import { FabricError } from './policies.js';

export class Timing {
  #timers;
  #sleeps = new Set();

  /** @param {{setTimeout: Function, clearTimeout: Function}} timers */
  constructor(timers) {
    this.#timers = timers;
  }

  /**
   * Runs `tick` every `every` ms, each run after the previous one finished; `every` 0: never.
   * @returns {() => void} stops the ticks
   */
  repeat(every, tick) {
    let timer = null;
    let stopped = false;
    const run = async () => {
      try {
        await tick();
      } finally {
        if (!stopped) {
          timer = this.#timers.setTimeout(run, every);
        }
      }
    };
    if (every) {
      timer = this.#timers.setTimeout(run, every);
    }
    return () => {
      stopped = true;
      if (timer != null) {
        this.#timers.clearTimeout(timer);
      }
    };
  }

  /** Resolves after `ms`, or at once on {@link wakeAll}. */
  sleep(ms) {
    return new Promise((resolve) => {
      const sleep = {
        wake: () => {
          this.#timers.clearTimeout(sleep.timer);
          this.#sleeps.delete(sleep);
          resolve();
        },
      };
      sleep.timer = this.#timers.setTimeout(sleep.wake, ms);
      this.#sleeps.add(sleep);
    });
  }

  wakeAll() {
    for (const sleep of this.#sleeps) {
      sleep.wake();
    }
  }

  /** `promise`, or a `timeout` {@link FabricError} naming `what` after `ms`. */
  withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = this.#timers.setTimeout(() => reject(new FabricError('timeout', `${what}: no answer in ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => this.#timers.clearTimeout(timer));
  }

  /** Runs `fn` soon, outside the caller's stack (a listener's exception is reported there). */
  soon(fn) {
    this.#timers.setTimeout(fn, 0);
  }
}
