package io.syncfabric.frontend.presence;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Presence in a Hazelcast map: channel to (client to user and node). Every change is an entry
 * processor on the channel's partition, so concurrent joins and leaves from several frontends never
 * overwrite each other. The map is kept in object format so a change does not re-serialize the set.
 */
public final class HazelcastPresenceStore implements PresenceStore {
  public static final String MAP = "fabric.presence";

  private final IMap<String, HashMap<String, String>> map;

  public HazelcastPresenceStore(HazelcastInstance hazelcast) {
    this.map = hazelcast.getMap(MAP);
  }

  @Override
  public CompletionStage<Void> join(String channel, PresenceEntry entry) {
    return map.submitToKey(channel, new Join(entry.client(), entry.packed()));
  }

  @Override
  public CompletionStage<PresenceEntry> leave(String channel, String client) {
    return map.submitToKey(channel, new Leave(client))
        .thenApply(packed -> packed == null ? null : PresenceEntry.unpack(client, packed));
  }

  @Override
  public CompletionStage<List<PresenceEntry>> list(String channel) {
    return map.getAsync(channel).thenApply(clients -> clients == null ? List.of()
        : clients.entrySet().stream().map(e -> PresenceEntry.unpack(e.getKey(), e.getValue())).toList());
  }

  @Override
  public Map<String, List<PresenceEntry>> removeNode(String node) {
    Map<String, List<PresenceEntry>> removed = new HashMap<>();
    map.executeOnEntries(new RemoveNode(node)).forEach((channel, packed) -> {
      if (packed != null && !packed.isEmpty()) {
        removed.put(channel, packed.stream().map(p -> {
          int sep = p.indexOf('\u0001');
          return PresenceEntry.unpack(p.substring(0, sep), p.substring(sep + 1));
        }).toList());
      }
    });
    return removed;
  }

  static final class Join implements EntryProcessor<String, HashMap<String, String>, Void>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String client;
    private final String packed;

    Join(String client, String packed) {
      this.client = client;
      this.packed = packed;
    }

    @Override
    public Void process(Map.Entry<String, HashMap<String, String>> entry) {
      HashMap<String, String> clients = entry.getValue() == null ? new HashMap<>() : entry.getValue();
      clients.put(client, packed);
      entry.setValue(clients);
      return null;
    }
  }

  static final class Leave implements EntryProcessor<String, HashMap<String, String>, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final String client;

    Leave(String client) {
      this.client = client;
    }

    @Override
    public String process(Map.Entry<String, HashMap<String, String>> entry) {
      HashMap<String, String> clients = entry.getValue();
      if (clients == null) {
        return null;
      }
      String removed = clients.remove(client);
      entry.setValue(clients.isEmpty() ? null : clients);
      return removed;
    }
  }

  /** Removes a departed node's clients; returns them as {@code client \u0001 packed}. */
  static final class RemoveNode implements EntryProcessor<String, HashMap<String, String>, ArrayList<String>>,
      Serializable {
    private static final long serialVersionUID = 1L;
    private final String node;

    RemoveNode(String node) {
      this.node = node;
    }

    @Override
    public ArrayList<String> process(Map.Entry<String, HashMap<String, String>> entry) {
      HashMap<String, String> clients = entry.getValue();
      ArrayList<String> removed = new ArrayList<>();
      if (clients == null) {
        return removed;
      }
      clients.entrySet().removeIf(e -> {
        boolean gone = PresenceEntry.unpack(e.getKey(), e.getValue()).node().equals(node);
        if (gone) {
          removed.add(e.getKey() + '\u0001' + e.getValue());
        }
        return gone;
      });
      if (!removed.isEmpty()) {
        entry.setValue(clients.isEmpty() ? null : clients);
      }
      return removed;
    }
  }
}
