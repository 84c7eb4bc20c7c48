package io.syncfabric.frontend.pool;

import java.util.Map;
import java.util.Set;

/** The arithmetic of one user's per-frontend connection counts, shared by both stores. */
final class UserCounts {
  private UserCounts() {}

  /** Adds one on {@code node} unless the live frontends' total is at {@code max}; drops dead frontends' counts. */
  static boolean tryAdd(Map<String, Integer> perNode, String node, Set<String> liveNodes, int max) {
    perNode.keySet().removeIf(n -> !n.equals(node) && !liveNodes.contains(n));
    int total = perNode.values().stream().mapToInt(Integer::intValue).sum();
    if (total >= max) {
      return false;
    }
    perNode.merge(node, 1, Integer::sum);
    return true;
  }

  static void remove(Map<String, Integer> perNode, String node) {
    perNode.computeIfPresent(node, (n, c) -> c <= 1 ? null : c - 1);
  }
}
