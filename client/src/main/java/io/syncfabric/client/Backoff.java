package io.syncfabric.client;

import java.util.function.DoubleSupplier;

/**
 * Full-jitter exponential backoff: attempt n waits a uniformly random time in
 * [0, min(max, base * 2^n)], so a crowd of clients that lost the same frontend spreads out.
 */
public record Backoff(long baseMs, long maxMs) {
  public Backoff {
    if (baseMs <= 0 || maxMs < baseMs) {
      throw new IllegalArgumentException("need 0 < baseMs <= maxMs, got " + baseMs + ", " + maxMs);
    }
  }

  /** The wait before attempt {@code attempt} (0-based), drawn with {@code random} in [0, 1). */
  public long delayMs(int attempt, DoubleSupplier random) {
    long cap = attempt >= 30 ? maxMs : Math.min(maxMs, baseMs << attempt);
    return (long) (random.getAsDouble() * (cap + 1));
  }
}
