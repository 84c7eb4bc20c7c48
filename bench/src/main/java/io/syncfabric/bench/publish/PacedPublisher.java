package io.syncfabric.bench.publish;

import io.syncfabric.bench.load.ChannelPlan;
import io.syncfabric.bench.measure.LoadStats;
import io.syncfabric.bridge.publish.Publisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes through Kafka, as a backend does (the {@link Publisher} on the ingress topic), at a
 * target rate for a fixed time, round-robin over the plan's channels. Pacing is by schedule, not by
 * sleeping a fixed gap: every millisecond it sends what is due, so a slow send does not lower the rate.
 * Counts the deliveries the acknowledged messages must produce.
 */
public final class PacedPublisher {
  private final Publisher publisher;
  private final ChannelPlan plan;
  private final LoadStats stats;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong expectedDeliveries = new AtomicLong();

  public PacedPublisher(Publisher publisher, ChannelPlan plan, LoadStats stats) {
    this.publisher = publisher;
    this.plan = plan;
    this.stats = stats;
  }

  /** Publishes {@code rate} messages a second for {@code seconds}, then waits (up to 30 s) for the acks. */
  public void run(int rate, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long total = (long) rate * seconds;
    long n = 0;
    while (n < total) {
      long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L + 1);
      for (; n < due; n++) {
        publishOne((int) (n % plan.channels()), n);
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
    publisher.flush();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (acked.get() + failed.get() < sent.get() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }

  private void publishOne(int channel, long n) {
    sent.incrementAndGet();
    String json = "{\"n\":" + n + "}";
    publisher.publishJson(plan.channelName(channel), json).whenComplete((result, error) -> {
      if (error != null) {
        failed.incrementAndGet();
        stats.error("publish-failed");
      } else {
        acked.incrementAndGet();
        expectedDeliveries.addAndGet(plan.subscribers(channel));
      }
    });
  }

  public long sent() {
    return sent.get();
  }

  public long acked() {
    return acked.get();
  }

  /** Deliveries the acknowledged messages must produce: each message times its channel's subscribers. */
  public long expectedDeliveries() {
    return expectedDeliveries.get();
  }
}
