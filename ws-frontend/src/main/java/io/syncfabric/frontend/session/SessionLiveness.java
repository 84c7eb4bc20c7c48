package io.syncfabric.frontend.session;

import io.syncfabric.frontend.protocol.ErrorCode;

/**
 * A connection's signs of life: every frame it sends is checked against its rate (a token bucket,
 * {@code ws.max.messages.per.second}), and a keep-alive pings it every {@code ws.ping.interval.ms},
 * closing it when nothing, not even a pong, came for {@code ws.idle.timeout.ms}. Runs on the
 * connection's I/O thread.
 */
final class SessionLiveness {
  private final SessionLimits limits;
  private final FrameTransport transport;
  private final java.util.function.BiConsumer<ErrorCode, String> close;
  private final java.util.function.BooleanSupplier stopping;
  private volatile long lastHeardNanos = System.nanoTime();
  private RateLimit rate;

  /**
   * @param close sends the error and closes the connection with its code
   * @param stopping true once the session ended or is already closing: nothing more to check
   */
  SessionLiveness(SessionLimits limits, FrameTransport transport, java.util.function.BiConsumer<ErrorCode, String> close,
      java.util.function.BooleanSupplier stopping) {
    this.limits = limits;
    this.transport = transport;
    this.close = close;
    this.stopping = stopping;
  }

  void start() {
    lastHeardNanos = System.nanoTime();
    if (limits.maxMessagesPerSecond() > 0) {
      rate = new RateLimit(limits.maxMessagesPerSecond(), lastHeardNanos);
    }
    if (limits.pingIntervalMs() > 0) {
      transport.schedule(this::keepAlive, limits.pingIntervalMs());
    }
  }

  /** Any frame from the client: it is alive; false when over its rate (the connection is then closed once, 4006). */
  boolean admit() {
    lastHeardNanos = System.nanoTime();
    if (rate != null && !rate.tryTake(lastHeardNanos)) {
      if (!stopping.getAsBoolean()) {
        close.accept(ErrorCode.RATE_LIMITED, "more than " + limits.maxMessagesPerSecond() + " frames a second");
      }
      return false;
    }
    return true;
  }

  private void keepAlive() {
    if (stopping.getAsBoolean()) {
      return;
    }
    long idleMs = (System.nanoTime() - lastHeardNanos) / 1_000_000;
    if (limits.idleTimeoutMs() > 0 && idleMs >= limits.idleTimeoutMs()) {
      close.accept(ErrorCode.IDLE_TIMEOUT, "nothing received for " + idleMs + " ms");
      return;
    }
    transport.ping();
    transport.schedule(this::keepAlive, limits.pingIntervalMs());
  }
}
