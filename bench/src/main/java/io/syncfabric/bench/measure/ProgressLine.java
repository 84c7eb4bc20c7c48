package io.syncfabric.bench.measure;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Once a second: a line with the phase, connections, publish and delivery rates, the interval's
 * latency percentiles and the error count. It is also the one reader of the latency recorder, and
 * adds each interval into the run's total while {@link #measuring} is on.
 */
public final class ProgressLine implements Runnable, AutoCloseable {
  private final LoadStats stats;
  private final LongSupplier published;
  private final PrintStream out;
  private final Histogram total = new Histogram(LoadStats.MAX_LATENCY_MS, 3);
  private final Thread thread;
  private final long start = System.nanoTime();
  private volatile String phase = "start";
  private volatile boolean measuring;
  private volatile boolean running = true;
  private Histogram interval;

  public ProgressLine(LoadStats stats, LongSupplier published, PrintStream out) {
    this.stats = stats;
    this.published = published;
    this.out = out;
    this.thread = new Thread(this, "bench-progress");
    thread.setDaemon(true);
    thread.start();
  }

  public void phase(String name) {
    phase = name;
  }

  /** Latencies seen from now on count in the total (until {@link #stopMeasuring}). */
  public synchronized void startMeasuring() {
    interval = stats.takeLatencyInterval(interval); // drop what came before
    measuring = true;
  }

  /** Stops adding to the total and returns it. */
  public synchronized Histogram stopMeasuring() {
    take();
    measuring = false;
    return total.copy();
  }

  @Override
  public void run() {
    long lastDelivered = stats.delivered() + stats.deliveredBeforeWindow();
    long lastPublished = published.getAsLong();
    while (running) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
      long p50;
      long p99;
      long max;
      synchronized (this) {
        Histogram h = take();
        p50 = h.getValueAtPercentile(50);
        p99 = h.getValueAtPercentile(99);
        max = h.getMaxValue();
      }
      long delivered = stats.delivered() + stats.deliveredBeforeWindow();
      long pub = published.getAsLong();
      out.printf(Locale.ROOT, "[%4ds] %-8s conns %d subs %d | pub %d/s | deliv %d/s | p50 %d p99 %d max %d ms | errors %d%n",
          (System.nanoTime() - start) / 1_000_000_000L, phase, stats.connected(), stats.subscribed(),
          pub - lastPublished, delivered - lastDelivered, p50, p99, max, stats.errorCount());
      lastDelivered = delivered;
      lastPublished = pub;
    }
  }

  private Histogram take() {
    interval = stats.takeLatencyInterval(interval);
    if (measuring) {
      total.add(interval);
    }
    return interval;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
