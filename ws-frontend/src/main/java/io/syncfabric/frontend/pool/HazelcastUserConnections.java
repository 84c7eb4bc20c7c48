package io.syncfabric.frontend.pool;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Per-user counts in a Hazelcast map (user to node to count), changed by entry processors on the
 * user's partition: the check and the increment are one atomic step, however many frontends the
 * user connects to at once.
 */
public final class HazelcastUserConnections implements UserConnections {
  public static final String MAP = "fabric.user-connections";

  private final IMap<String, HashMap<String, Integer>> map;

  public HazelcastUserConnections(HazelcastInstance hazelcast) {
    this.map = hazelcast.getMap(MAP);
  }

  @Override
  public CompletionStage<Boolean> acquire(String user, String node, Set<String> liveNodes, int max) {
    return map.submitToKey(user, new Acquire(node, new HashSet<>(liveNodes), max));
  }

  @Override
  public void release(String user, String node) {
    map.submitToKey(user, new Release(node));
  }

  @Override
  public void removeNode(String node) {
    map.executeOnEntries(new RemoveNode(node));
  }

  static final class Acquire implements EntryProcessor<String, HashMap<String, Integer>, Boolean>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String node;
    private final HashSet<String> liveNodes;
    private final int max;

    Acquire(String node, HashSet<String> liveNodes, int max) {
      this.node = node;
      this.liveNodes = liveNodes;
      this.max = max;
    }

    @Override
    public Boolean process(Map.Entry<String, HashMap<String, Integer>> entry) {
      HashMap<String, Integer> perNode = entry.getValue() == null ? new HashMap<>() : entry.getValue();
      boolean counted = UserCounts.tryAdd(perNode, node, liveNodes, max);
      entry.setValue(perNode.isEmpty() ? null : perNode);
      return counted;
    }
  }

  static final class Release implements EntryProcessor<String, HashMap<String, Integer>, Void>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String node;

    Release(String node) {
      this.node = node;
    }

    @Override
    public Void process(Map.Entry<String, HashMap<String, Integer>> entry) {
      HashMap<String, Integer> perNode = entry.getValue();
      if (perNode != null) {
        UserCounts.remove(perNode, node);
        entry.setValue(perNode.isEmpty() ? null : perNode);
      }
      return null;
    }
  }

  static final class RemoveNode implements EntryProcessor<String, HashMap<String, Integer>, Void>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String node;

    RemoveNode(String node) {
      this.node = node;
    }

    @Override
    public Void process(Map.Entry<String, HashMap<String, Integer>> entry) {
      HashMap<String, Integer> perNode = entry.getValue();
      if (perNode != null && perNode.remove(node) != null) {
        entry.setValue(perNode.isEmpty() ? null : perNode);
      }
      return null;
    }
  }
}
