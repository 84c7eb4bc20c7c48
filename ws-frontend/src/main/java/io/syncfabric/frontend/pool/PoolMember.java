package io.syncfabric.frontend.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncfabric.frontend.metrics.LiveStats;

/**
 * One frontend's entry in its cloud's pool, refreshed on every heartbeat. Stored as JSON so that
 * frontends of different versions can read each other's entries.
 *
 * @param node frontend id
 * @param url WebSocket URL clients use
 * @param http HTTP base URL (discovery, ping, publish)
 * @param hazelcastMember the Hazelcast member uuid, to drop the entry as soon as that member leaves
 * @param beat a counter the owner bumps on every heartbeat: observers time out an entry whose
 *     counter stopped moving, on their own clock, so clock skew between hosts does not matter
 * @param live message rates and fan-out latency over the owner's last heartbeat interval
 */
public record PoolMember(
    String node,
    String cloud,
    String region,
    String url,
    String http,
    int connections,
    int capacity,
    MemberState state,
    String hazelcastMember,
    long beat,
    LiveStats.Snapshot live) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The same entry with another heartbeat counter. */
  public PoolMember withBeat(long nextBeat) {
    return new PoolMember(node, cloud, region, url, http, connections, capacity, state, hazelcastMember, nextBeat, live);
  }

  /** Connections over capacity, 0..1 (more when over capacity). */
  public double load() {
    return capacity <= 0 ? 1.0 : (double) connections / capacity;
  }

  public String toJson() {
    return JSON.createObjectNode()
        .put("node", node).put("cloud", cloud).put("region", region).put("url", url).put("http", http)
        .put("connections", connections).put("capacity", capacity).put("state", state.label())
        .put("hazelcastMember", hazelcastMember).put("beat", beat)
        .put("messagesPerSec", live.messagesPerSec()).put("deliveriesPerSec", live.deliveriesPerSec())
        .put("latencyP50Ms", live.latencyP50Ms()).put("latencyP99Ms", live.latencyP99Ms()).toString();
  }

  /** Parses an entry; throws {@link IllegalArgumentException} on anything malformed. */
  public static PoolMember fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      return new PoolMember(text(n, "node"), text(n, "cloud"), text(n, "region"), text(n, "url"), text(n, "http"),
          n.path("connections").asInt(), n.path("capacity").asInt(), MemberState.parse(text(n, "state")),
          n.path("hazelcastMember").asText(""), n.path("beat").asLong(),
          new LiveStats.Snapshot(n.path("messagesPerSec").asDouble(), n.path("deliveriesPerSec").asDouble(),
              n.path("latencyP50Ms").asDouble(), n.path("latencyP99Ms").asDouble()));
    } catch (Exception e) {
      throw new IllegalArgumentException("unreadable pool entry: " + e.getMessage(), e);
    }
  }

  /** The entry as discovery shows it. */
  public ObjectNode toDiscoveryJson(long heartbeatAgeMs) {
    ObjectNode o = JSON.createObjectNode()
        .put("node", node).put("cloud", cloud).put("region", region).put("url", url).put("http", http)
        .put("connections", connections).put("capacity", capacity).put("load", load()).put("state", state.label())
        .put("messagesPerSec", live.messagesPerSec()).put("deliveriesPerSec", live.deliveriesPerSec())
        .put("latencyP50Ms", live.latencyP50Ms()).put("latencyP99Ms", live.latencyP99Ms());
    o.put("heartbeatAgeMs", heartbeatAgeMs);
    return o;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return v.textValue();
  }
}
