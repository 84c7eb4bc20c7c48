package io.syncfabric.frontend.history;

import java.time.Clock;

/** How much history a channel keeps: at most {@code maxEntries}, none older than {@code ttlMs}. */
public record HistoryLimits(int maxEntries, long ttlMs, Clock clock) {
  long minStoredAt() {
    return clock.millis() - ttlMs;
  }
}
