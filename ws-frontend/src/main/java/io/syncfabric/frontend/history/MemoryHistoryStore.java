package io.syncfabric.frontend.history;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * History in this JVM only: for a frontend running without Hazelcast (or when it cannot start),
 * where every frontend keeps what it saw. Bounded per channel; idle channels expire with the TTL.
 */
public final class MemoryHistoryStore implements HistoryStore {
  private final ConcurrentHashMap<String, ChannelHistory> channels = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong appends = new java.util.concurrent.atomic.AtomicLong();
  private final HistoryLimits limits;
  private final String description;

  public MemoryHistoryStore(HistoryLimits limits, String description) {
    this.limits = limits;
    this.description = description;
  }

  @Override
  public void append(String channel, String epoch, HistoryEntry entry) {
    channels.compute(channel, (name, history) -> {
      ChannelHistory h = history == null ? new ChannelHistory() : history;
      h.append(epoch, entry, limits.maxEntries(), limits.minStoredAt());
      return h;
    });
    if ((appends.incrementAndGet() & 4095) == 0) {
      evictIdle();
    }
  }

  @Override
  public CompletionStage<HistorySlice> read(String channel) {
    HistorySlice[] slice = {HistorySlice.EMPTY};
    channels.computeIfPresent(channel, (name, h) -> {
      slice[0] = h.slice(); // under the same bin lock as append
      return h;
    });
    return CompletableFuture.completedFuture(slice[0]);
  }

  @Override
  public boolean isWriterFor(String channel) {
    return true;
  }

  @Override
  public String describe() {
    return description;
  }

  /** Drops channels whose newest message is past the TTL (every 4,096 appends, no copies). */
  private void evictIdle() {
    long min = limits.minStoredAt();
    for (String channel : channels.keySet()) {
      channels.computeIfPresent(channel, (name, h) -> h.newestStoredAt() < min ? null : h);
    }
  }
}
