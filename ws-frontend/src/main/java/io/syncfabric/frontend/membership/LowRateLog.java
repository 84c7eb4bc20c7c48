package io.syncfabric.frontend.membership;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs a recurring failure at most once per interval, with how many were not logged since: a
 * Kafka outage must not write a warning every few seconds per frontend.
 */
final class LowRateLog {
  private final Logger log;
  private final long intervalMs;
  private final LongSupplier clockMs;
  private long lastMs = Long.MIN_VALUE;
  private long suppressed;

  LowRateLog(Logger log, long intervalMs, LongSupplier clockMs) {
    this.log = log;
    this.intervalMs = intervalMs;
    this.clockMs = clockMs;
  }

  /** Returns whether this one was logged. */
  synchronized boolean warn(String message, Object detail) {
    long now = clockMs.getAsLong();
    if (lastMs != Long.MIN_VALUE && now - lastMs < intervalMs) {
      suppressed++;
      return false;
    }
    log.warn("{}: {}{}", message, detail, suppressed == 0 ? "" : " (" + suppressed + " more since the last report)");
    lastMs = now;
    suppressed = 0;
    return true;
  }
}
