package io.syncfabric.frontend.session;

/**
 * A token bucket: {@code perSecond} tokens a second, holding at most twice that, so a client may
 * burst briefly but not sustain more. Used from the connection's I/O thread only.
 */
final class RateLimit {
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long lastNanos;

  RateLimit(int perSecond, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.capacity = perSecond * 2.0;
    this.tokens = capacity;
    this.lastNanos = nowNanos;
  }

  /** Takes one token; false when the bucket is empty. */
  boolean tryTake(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
