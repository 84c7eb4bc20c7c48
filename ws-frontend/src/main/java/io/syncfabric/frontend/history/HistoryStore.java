package io.syncfabric.frontend.history;

import java.util.concurrent.CompletionStage;

/**
 * Per-channel hot history shared by a cloud's frontends. Kafka stays the source of truth: losing
 * everything here loses no message, recovery then reads Kafka.
 */
public interface HistoryStore {
  /** Stores a message (idempotent per seq); fire and forget. */
  void append(String channel, String epoch, HistoryEntry entry);

  /** The channel's whole stored history ({@link HistorySlice#EMPTY} when none). */
  CompletionStage<HistorySlice> read(String channel);

  /** Whether this node should write {@code channel}'s messages (one writer per channel per cloud). */
  boolean isWriterFor(String channel);

  /** "memory", "hazelcast" or "hazelcast-degraded": for health details. */
  String describe();
}
