package io.syncfabric.frontend.pool;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A pool of one process (no Hazelcast): the frontend sees itself and whoever shares this store. */
public final class LocalPoolStore implements PoolStore {
  private final Map<String, String> entries = new ConcurrentHashMap<>();

  @Override
  public boolean put(String node, String json, long ttlMs) {
    return entries.put(node, json) != null;
  }

  @Override
  public void remove(String node) {
    entries.remove(node);
  }

  @Override
  public boolean removeIfSame(String node, String json) {
    return entries.remove(node, json);
  }

  @Override
  public Map<String, String> entries() {
    return Map.copyOf(entries);
  }
}
