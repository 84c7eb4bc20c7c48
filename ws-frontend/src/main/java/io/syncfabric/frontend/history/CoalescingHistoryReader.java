package io.syncfabric.frontend.history;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads a channel's history at most once at a time: every caller that asks while a read of the
 * same channel is in flight shares its result. When a frontend dies and thousands of its clients
 * recover the same channels together, the store sees one read per channel, not one per client.
 * A read that takes longer than its timeout fails (recovery then reads Kafka) and frees the
 * channel: a Hazelcast call to a member that just died can wait for the cluster to notice, and
 * the clients that come from that member must not wait with it.
 */
public final class CoalescingHistoryReader {
  /** Long enough for a read during a partition migration, short against a client's patience. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

  /**
   * One timer thread for every reader's timeouts. A read that is answered cancels its own, so
   * nothing runs for it later; CompletableFuture's delayed executor would instead start a thread
   * per timeout on a 2-core machine (its async pool there is a thread per task). Waiters hear a
   * timeout on this thread; recovery only queues a Kafka replay from there.
   */
  private static final ScheduledThreadPoolExecutor TIMEOUTS = timer();

  private final HistoryStore store;
  private final ScheduledExecutorService timer;
  private final long timeoutMs;
  private final Runnable onTimeout;
  private final ConcurrentHashMap<String, CompletableFuture<HistorySlice>> inFlight = new ConcurrentHashMap<>();
  private final LongAdder storeReads = new LongAdder();

  public CoalescingHistoryReader(HistoryStore store) {
    this(store, READ_TIMEOUT, () -> { });
  }

  /** @param onTimeout counts a read given up on (the frontend's history error metric) */
  public CoalescingHistoryReader(HistoryStore store, Duration timeout, Runnable onTimeout) {
    this(store, timeout, onTimeout, TIMEOUTS);
  }

  CoalescingHistoryReader(HistoryStore store, Duration timeout, Runnable onTimeout, ScheduledExecutorService timer) {
    this.store = store;
    this.timer = timer;
    this.timeoutMs = timeout.toMillis();
    this.onTimeout = onTimeout;
  }

  public CompletionStage<HistorySlice> read(String channel) {
    CompletableFuture<HistorySlice> mine = new CompletableFuture<>();
    CompletableFuture<HistorySlice> existing = inFlight.putIfAbsent(channel, mine);
    if (existing != null) {
      return existing;
    }
    storeReads.increment();
    // leaves the in-flight map before anyone waiting hears the outcome: a caller that reads again
    // from its callback (the next recovery round) must reach the store, not this finished read
    ScheduledFuture<?> timeout = timer.schedule(() -> {
      if (inFlight.remove(channel, mine)) {
        onTimeout.run();
        mine.completeExceptionally(new TimeoutException("history read of " + channel + " took over " + timeoutMs + " ms"));
      }
    }, timeoutMs, TimeUnit.MILLISECONDS);
    CompletionStage<HistorySlice> read;
    try {
      read = store.read(channel);
    } catch (RuntimeException e) {
      read = CompletableFuture.failedFuture(e);
    }
    read.whenComplete((slice, error) -> {
      timeout.cancel(false);
      inFlight.remove(channel, mine); // false after a timeout: the late answer completes nobody
      if (error != null) {
        mine.completeExceptionally(error);
      } else {
        mine.complete(slice);
      }
    });
    return mine;
  }

  /** Reads that reached the store (the rest were served by one in flight). */
  public long storeReads() {
    return storeReads.sum();
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "history-read-timeouts");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
