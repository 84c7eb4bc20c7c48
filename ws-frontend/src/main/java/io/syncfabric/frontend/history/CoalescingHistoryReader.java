package io.syncfabric.frontend.history;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads a channel's history at most once at a time: every caller that asks while a read of the
 * same channel is in flight shares its result. When a frontend dies and thousands of its clients
 * recover the same channels together, the store sees one read per channel, not one per client.
 */
public final class CoalescingHistoryReader {
  private final HistoryStore store;
  private final ConcurrentHashMap<String, CompletableFuture<HistorySlice>> inFlight = new ConcurrentHashMap<>();
  private final LongAdder storeReads = new LongAdder();

  public CoalescingHistoryReader(HistoryStore store) {
    this.store = store;
  }

  public CompletionStage<HistorySlice> read(String channel) {
    CompletableFuture<HistorySlice> mine = new CompletableFuture<>();
    CompletableFuture<HistorySlice> existing = inFlight.putIfAbsent(channel, mine);
    if (existing != null) {
      return existing;
    }
    storeReads.increment();
    CompletionStage<HistorySlice> read;
    try {
      read = store.read(channel);
    } catch (RuntimeException e) {
      read = CompletableFuture.failedFuture(e);
    }
    read.whenComplete((slice, error) -> {
      inFlight.remove(channel, mine);
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
}
