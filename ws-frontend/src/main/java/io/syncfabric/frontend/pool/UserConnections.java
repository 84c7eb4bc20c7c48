package io.syncfabric.frontend.pool;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Connections per user across the cloud's pool, for the per-user connection limit. Counts are kept
 * per frontend so that a departed frontend's connections stop counting as soon as it leaves the
 * pool.
 */
public interface UserConnections {
  /**
   * Counts one more connection of {@code user} on {@code node} unless the user already holds
   * {@code max} on the frontends in {@code liveNodes}: completes with whether it was counted.
   */
  CompletionStage<Boolean> acquire(String user, String node, Set<String> liveNodes, int max);

  /** One connection of {@code user} on {@code node} closed. */
  void release(String user, String node);

  /** Forgets every count of a departed frontend. */
  void removeNode(String node);
}
