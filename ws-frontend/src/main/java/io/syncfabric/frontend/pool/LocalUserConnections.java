package io.syncfabric.frontend.pool;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Per-user counts of the frontends in this process (no Hazelcast). */
public final class LocalUserConnections implements UserConnections {
  private final Map<String, Map<String, Integer>> counts = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Boolean> acquire(String user, String node, Set<String> liveNodes, int max) {
    boolean[] counted = new boolean[1];
    counts.compute(user, (u, perNode) -> {
      Map<String, Integer> next = perNode == null ? new HashMap<>() : perNode;
      counted[0] = UserCounts.tryAdd(next, node, liveNodes, max);
      return next.isEmpty() ? null : next;
    });
    return CompletableFuture.completedFuture(counted[0]);
  }

  @Override
  public void release(String user, String node) {
    counts.computeIfPresent(user, (u, perNode) -> {
      UserCounts.remove(perNode, node);
      return perNode.isEmpty() ? null : perNode;
    });
  }

  @Override
  public void removeNode(String node) {
    counts.replaceAll((u, perNode) -> {
      perNode.remove(node);
      return perNode;
    });
    counts.values().removeIf(Map::isEmpty);
  }
}
