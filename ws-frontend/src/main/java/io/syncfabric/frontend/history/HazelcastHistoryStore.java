package io.syncfabric.frontend.history;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * History in the cloud's Hazelcast cluster: one map entry per channel ({@link ChannelHistory},
 * OBJECT in-memory format so appends mutate in place), one backup. Each message is written once per
 * cloud, by the frontend that owns the channel's partition; during a migration two writers may
 * overlap, which the idempotent append absorbs.
 */
public final class HazelcastHistoryStore implements HistoryStore {
  public static final String MAP = "fabric-history";

  private final HazelcastInstance hazelcast;
  private final IMap<String, ChannelHistory> map;
  private final HistoryLimits limits;
  private final Consumer<Throwable> onError;

  public HazelcastHistoryStore(HazelcastInstance hazelcast, HistoryLimits limits, Consumer<Throwable> onError) {
    this.hazelcast = hazelcast;
    this.map = hazelcast.getMap(MAP);
    this.limits = limits;
    this.onError = onError;
  }

  @Override
  public void append(String channel, String epoch, HistoryEntry entry) {
    try {
      // One append per message: its callback only counts failures, so it runs where the future
      // completes instead of being handed to another thread for every message.
      map.submitToKey(channel, new AppendProcessor(epoch, entry, limits.maxEntries(), limits.minStoredAt()))
          .whenCompleteAsync((added, e) -> {
            if (e != null) {
              onError.accept(e);
            }
          }, Runnable::run);
    } catch (RuntimeException e) {
      onError.accept(e); // cluster shutting down or split: Kafka still has the message
    }
  }

  @Override
  public CompletionStage<HistorySlice> read(String channel) {
    try {
      return map.submitToKey(channel, new ReadProcessor()).thenApply(ChannelHistory::slice);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public boolean isWriterFor(String channel) {
    try {
      var owner = hazelcast.getPartitionService().getPartition(channel).getOwner();
      return owner != null && owner.localMember();
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public String describe() {
    return "hazelcast";
  }
}
