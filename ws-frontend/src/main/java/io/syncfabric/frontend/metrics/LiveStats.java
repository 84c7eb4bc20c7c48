package io.syncfabric.frontend.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * This frontend's figures over the last interval (one heartbeat): message and delivery rates and
 * fan-out latency percentiles. The pool entry and the live dashboard show them; Prometheus gets the
 * cumulative meters instead. Latencies go to an HdrHistogram {@link Recorder}, which writers update
 * without locks and the ticker swaps out whole.
 */
public final class LiveStats {
  private static final long MAX_MS = 3_600_000L;

  /** Rates per second and latency percentiles (ms) over one interval. */
  public record Snapshot(double messagesPerSec, double deliveriesPerSec, double latencyP50Ms, double latencyP99Ms) {
    public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0);
  }

  private final Recorder latency = new Recorder(MAX_MS, 2);
  private Histogram recycled;
  private long lastIn;
  private long lastOut;
  private long lastAtMs;
  private volatile Snapshot last = Snapshot.EMPTY;

  public void recordLatencyMs(long ms) {
    latency.recordValue(Math.min(Math.max(ms, 0), MAX_MS));
  }

  /** Closes the interval: rates from the counters' totals, percentiles from the latencies since the last tick. */
  public synchronized Snapshot tick(long messagesInTotal, long deliveriesTotal, long nowMs) {
    Histogram h = latency.getIntervalHistogram(recycled);
    recycled = h;
    if (lastAtMs > 0 && nowMs > lastAtMs) {
      double seconds = (nowMs - lastAtMs) / 1000.0;
      last = new Snapshot((messagesInTotal - lastIn) / seconds, (deliveriesTotal - lastOut) / seconds,
          h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50), h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99));
    }
    lastIn = messagesInTotal;
    lastOut = deliveriesTotal;
    lastAtMs = nowMs;
    return last;
  }

  public Snapshot last() {
    return last;
  }
}
