package io.syncfabric.bench.load;

import io.syncfabric.bench.measure.LoadStats;
import io.syncfabric.bench.ws.ClientFrames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Opens the load connections over a few selector threads: round-robin over the frontends, each
 * frontend's share cycled over the source addresses, at most {@code maxOpening} handshakes in
 * flight (and at most {@code rampRate} new connections a second when set), then keeps them open
 * until {@link #close()}.
 */
public final class LoadDriver implements AutoCloseable {
  private final List<Target> targets;
  private final SourceAddresses sources;
  private final ChannelPlan plan;
  private final IntFunction<String> tokenOf;
  private final LoadStats stats;
  private final List<ConnectionLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Semaphore opening;

  public LoadDriver(List<Target> targets, SourceAddresses sources, ChannelPlan plan, IntFunction<String> tokenOf,
      LoadStats stats, int ioThreads, int maxOpening) {
    this.targets = List.copyOf(targets);
    this.sources = sources;
    this.plan = plan;
    this.tokenOf = tokenOf;
    this.stats = stats;
    this.opening = new Semaphore(maxOpening);
    try {
      for (int i = 0; i < ioThreads; i++) {
        ConnectionLoop loop = new ConnectionLoop(stats);
        Thread t = new Thread(loop, "bench-io-" + i);
        t.setDaemon(true);
        loops.add(loop);
        threads.add(t);
        t.start();
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Opens every connection of the plan, returning when the last one is handed to its loop or
   * {@code deadlineNanos} passes (returns how many were started).
   */
  public int openAll(int rampRate, long deadlineNanos) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < plan.connections(); i++) {
      if (rampRate > 0) {
        long due = start + i * 1_000_000_000L / rampRate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0 || !opening.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        return i;
      }
      Target target = targets.get(i % targets.size());
      LoadConnection c = new LoadConnection(target, sources.forConnection(i, targets.size()), greeting(i),
          channelBytes(i), stats, opening::release);
      loops.get(i % loops.size()).open(c);
    }
    return plan.connections();
  }

  /** The frames sent right after the upgrade: connect with the token, then each subscribe. */
  private byte[] greeting(int i) {
    List<byte[]> frames = new ArrayList<>();
    frames.add(ClientFrames.text("{\"op\":\"connect\",\"token\":\"" + tokenOf.apply(i) + "\"}"));
    for (String channel : plan.channelNamesOf(i)) {
      frames.add(ClientFrames.text("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\"}"));
    }
    int size = frames.stream().mapToInt(f -> f.length).sum();
    byte[] out = new byte[size];
    int at = 0;
    for (byte[] f : frames) {
      System.arraycopy(f, 0, out, at, f.length);
      at += f.length;
    }
    return out;
  }

  private byte[][] channelBytes(int i) {
    return plan.channelNamesOf(i).stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
  }

  /** Closes every connection and stops the threads (waits up to 5 s for them). */
  @Override
  public void close() {
    loops.forEach(ConnectionLoop::stop);
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
