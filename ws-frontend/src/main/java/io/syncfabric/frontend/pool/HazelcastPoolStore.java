package io.syncfabric.frontend.pool;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The cloud's pool in a Hazelcast map, so every frontend of the cloud sees every other one. */
public final class HazelcastPoolStore implements PoolStore {
  public static final String MAP = "fabric.pool";

  private final IMap<String, String> map;

  public HazelcastPoolStore(HazelcastInstance hazelcast) {
    this.map = hazelcast.getMap(MAP);
  }

  @Override
  public boolean put(String node, String json, long ttlMs) {
    return map.put(node, json, ttlMs, TimeUnit.MILLISECONDS) != null;
  }

  @Override
  public void remove(String node) {
    map.delete(node);
  }

  @Override
  public boolean removeIfSame(String node, String json) {
    return map.remove(node, json);
  }

  @Override
  public Map<String, String> entries() {
    return new HashMap<>(map);
  }
}
