package io.syncfabric.frontend.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syncfabric.frontend.channel.Subscriber;
import io.syncfabric.frontend.metrics.RecentEvents;
import io.syncfabric.frontend.pool.LiveMember;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The live dashboard's feed: once per heartbeat, a sample of every frontend of the pool (state,
 * connections, rates, latency), the other clouds' frontends as their announcements tell (with the
 * replication lag of each cloud's mirrored data), and this frontend's new recoveries and errors, pushed to the
 * connections that asked with the {@code stats} op. Keeps the last {@link #HISTORY} samples so a
 * new dashboard draws its charts at once. One frame per tick, shared by every watcher.
 */
public final class StatsHub {
  static final int HISTORY = 300;
  static final int EVENTS_PER_PUSH = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String cloud;
  private final String node;
  private final Supplier<List<LiveMember>> pool;
  private final OtherClouds others;
  private final RecentEvents events;
  private final long intervalMs;
  private final ArrayDeque<JsonNode> history = new ArrayDeque<>();
  private final Set<Subscriber> watchers = ConcurrentHashMap.newKeySet();
  private long lastEventId;

  public StatsHub(String cloud, String node, Supplier<List<LiveMember>> pool, RecentEvents events, long intervalMs) {
    this(cloud, node, pool, OtherClouds.NONE, events, intervalMs);
  }

  public StatsHub(String cloud, String node, Supplier<List<LiveMember>> pool, OtherClouds others, RecentEvents events,
      long intervalMs) {
    this.cloud = cloud;
    this.node = node;
    this.pool = pool;
    this.others = others;
    this.events = events;
    this.intervalMs = intervalMs;
  }

  /** Takes a sample and pushes it to every watcher; call once per heartbeat. */
  public synchronized void tick(long nowMs) {
    ObjectNode sample = JSON.createObjectNode().put("ts", nowMs).put("cloud", cloud).put("node", node);
    ArrayNode frontends = sample.putArray("frontends");
    for (LiveMember l : pool.get()) {
      frontends.add(l.member().toDiscoveryJson(l.heartbeatAgeMs()));
    }
    for (LiveMember l : others.frontends()) {
      ObjectNode f = l.member().toDiscoveryJson(l.heartbeatAgeMs());
      OptionalLong lag = others.replicationLagMs(l.member().cloud());
      if (lag.isPresent()) {
        f.put("replicationLagMs", lag.getAsLong());
      } else {
        f.putNull("replicationLagMs");
      }
      frontends.add(f);
    }
    history.addLast(sample);
    while (history.size() > HISTORY) {
      history.pollFirst();
    }
    List<RecentEvents.Event> fresh = events.after(lastEventId, EVENTS_PER_PUSH);
    lastEventId = events.lastId();
    if (watchers.isEmpty()) {
      return;
    }
    ObjectNode push = JSON.createObjectNode().put("op", "stats");
    push.set("sample", sample);
    push.set("events", toJson(fresh));
    byte[] frame = push.toString().getBytes(StandardCharsets.UTF_8);
    for (Subscriber w : watchers) {
      w.deliver(frame);
    }
  }

  /** Answers a {@code stats} request with the history and recent events, then pushes every tick. */
  public synchronized void watch(Subscriber watcher, JsonNode requestId) {
    ObjectNode reply = JSON.createObjectNode().put("op", "stats");
    if (requestId != null) {
      reply.set("id", requestId);
    }
    reply.put("interval", intervalMs);
    reply.putArray("history").addAll(history);
    reply.set("events", toJson(events.after(0, EVENTS_PER_PUSH)));
    watcher.deliver(reply.toString().getBytes(StandardCharsets.UTF_8));
    watchers.add(watcher);
  }

  public void unwatch(Subscriber watcher) {
    watchers.remove(watcher);
  }

  public int watchers() {
    return watchers.size();
  }

  private static ArrayNode toJson(List<RecentEvents.Event> list) {
    ArrayNode out = JSON.createArrayNode();
    for (RecentEvents.Event e : list) {
      out.addObject().put("ts", e.ts()).put("node", e.node()).put("kind", e.kind()).put("detail", e.detail());
    }
    return out;
  }
}
