package io.syncfabric.bench.measure;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Everything the connections count, shared by the I/O threads and read by the progress line and
 * the summary: opened, connected and subscribed connections, delivered messages, sequence gaps,
 * errors by kind, and publish→client latency in an HdrHistogram recorder (milliseconds).
 */
public final class LoadStats {
  /** Latencies above a minute are recorded as a minute: the histogram stays small. */
  static final long MAX_LATENCY_MS = 60_000;

  private final LongAdder connected = new LongAdder();
  private final LongAdder subscribed = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder deliveredBefore = new LongAdder();
  /** Messages published before this (epoch ms, their {@code ts}) are warm-up: counted apart, not timed. */
  private volatile long measuredFromMs = Long.MAX_VALUE;
  private final LongAdder missing = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final AtomicLong lastConnectedNanos = new AtomicLong();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Recorder latency = new Recorder(MAX_LATENCY_MS, 3);

  public void countConnected(long nanos) {
    connected.increment();
    lastConnectedNanos.accumulateAndGet(nanos, Math::max);
  }

  public void countSubscribed() {
    subscribed.increment();
  }

  /** One message frame published at {@code ts} arrived at {@code nowMs} (both epoch ms). */
  public void delivered(long ts, long nowMs) {
    if (ts < measuredFromMs) {
      deliveredBefore.increment();
      return;
    }
    delivered.increment();
    latency.recordValue(Math.min(MAX_LATENCY_MS, Math.max(0, nowMs - ts)));
  }

  /** From now on, messages published at or after {@code fromMs} are the measured ones. */
  public void measureFrom(long fromMs) {
    measuredFromMs = fromMs;
  }

  /** {@code count} seqs were skipped on one subscription: a loss the fabric did not announce. */
  public void gap(long count) {
    missing.add(count);
  }

  /** A seq at or below the last one seen on the subscription: a duplicate or reordering. */
  public void outOfOrder() {
    outOfOrder.increment();
  }

  public void error(String kind) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  public long connected() {
    return connected.sum();
  }

  public long lastConnectedNanos() {
    return lastConnectedNanos.get();
  }

  public long subscribed() {
    return subscribed.sum();
  }

  /** Deliveries of measured messages (all of them before {@link #measureFrom} is called: none). */
  public long delivered() {
    return delivered.sum();
  }

  /** Deliveries of messages published before the measured window (warm-up). */
  public long deliveredBeforeWindow() {
    return deliveredBefore.sum();
  }

  public long missing() {
    return missing.sum();
  }

  public long outOfOrderCount() {
    return outOfOrder.sum();
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public Map<String, Long> errorsByKind() {
    Map<String, Long> out = new TreeMap<>();
    errors.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Latencies recorded since the previous call (one reader: the progress line). */
  public Histogram takeLatencyInterval(Histogram recycle) {
    return latency.getIntervalHistogram(recycle);
  }
}
