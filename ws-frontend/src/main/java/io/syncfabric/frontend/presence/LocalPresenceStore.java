package io.syncfabric.frontend.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Presence of one frontend only (runs without Hazelcast). */
public final class LocalPresenceStore implements PresenceStore {
  private final Map<String, Map<String, PresenceEntry>> channels = new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Void> join(String channel, PresenceEntry entry) {
    channels.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).put(entry.client(), entry);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<PresenceEntry> leave(String channel, String client) {
    PresenceEntry[] removed = new PresenceEntry[1];
    channels.computeIfPresent(channel, (c, clients) -> {
      removed[0] = clients.remove(client);
      return clients.isEmpty() ? null : clients;
    });
    return CompletableFuture.completedFuture(removed[0]);
  }

  @Override
  public CompletionStage<List<PresenceEntry>> list(String channel) {
    return CompletableFuture.completedFuture(List.copyOf(channels.getOrDefault(channel, Map.of()).values()));
  }

  @Override
  public Map<String, List<PresenceEntry>> removeNode(String node) {
    Map<String, List<PresenceEntry>> removed = new HashMap<>();
    for (String channel : channels.keySet()) {
      channels.computeIfPresent(channel, (c, clients) -> {
        List<PresenceEntry> gone = new ArrayList<>();
        clients.values().removeIf(e -> e.node().equals(node) && gone.add(e));
        if (!gone.isEmpty()) {
          removed.put(c, gone);
        }
        return clients.isEmpty() ? null : clients;
      });
    }
    return removed;
  }
}
