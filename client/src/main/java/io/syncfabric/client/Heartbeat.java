package io.syncfabric.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Pings the connection when the server has been quiet for a while and drops it when the pong does
 * not come in time, so a frontend that stopped answering without closing its socket (a hung
 * process, a network that lost the peer) is left like one that closed: the client fails over.
 */
final class Heartbeat {
  private final long everyMs;
  private final long pongTimeoutMs;
  private final Rounds rounds;
  /** One ping at a time: a slow pong is waited for, not piled on. */
  private final AtomicBoolean pinging = new AtomicBoolean();

  Heartbeat(ScheduledExecutorService scheduler, Duration every, Duration pongTimeout) {
    this.everyMs = every.toMillis();
    this.pongTimeoutMs = pongTimeout.toMillis();
    // checked twice an interval: a quiet spell is noticed within 1.5 intervals
    this.rounds = new Rounds(scheduler, everyMs <= 0 ? 0 : Math.max(1, everyMs / 2));
  }

  /** Starts the checks once (a zero interval never starts them); {@code current} gives null while not connected. */
  void start(Supplier<LiveConnection> current) {
    rounds.start(() -> check(current.get()));
  }

  void stop() {
    rounds.stop();
  }

  private void check(LiveConnection live) {
    FabricClient c = live == null ? null : live.connection();
    if (c == null || c.quietFor().toMillis() < everyMs || !pinging.compareAndSet(false, true)) {
      return;
    }
    c.ping().orTimeout(pongTimeoutMs, TimeUnit.MILLISECONDS).whenComplete((v, error) -> {
      pinging.set(false);
      if (error instanceof TimeoutException) {
        c.abort(); // heard as a close: the client reconnects
      } // other failures: the socket is closing, which the client hears by itself
    });
  }
}
