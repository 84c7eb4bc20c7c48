package io.syncfabric.tests.support;

import io.syncfabric.client.FabricMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every message published (by id, per channel and origin cloud, in publish order) and every
 * message each client received, and reports per client and channel what was lost, duplicated or
 * out of order. Order is checked per origin: each cloud's sequencer numbers its own stream, and
 * two clouds' messages have no order between them. Clients are expected to be subscribed before the
 * first publish, so each should get every message of its channels. Published payloads carry their
 * id as {@code {"id": n}}.
 */
public final class DeliveryChecker {
  /** channel → origin → ids in publish order. */
  private final Map<String, Map<String, List<Long>>> published = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<FabricMessage>>> received = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();

  /** Call before sending, from the one thread that publishes to {@code channel} in {@code origin}. */
  public void published(String channel, String origin, long id) {
    published.computeIfAbsent(channel, c -> new ConcurrentHashMap<>())
        .computeIfAbsent(origin, o -> Collections.synchronizedList(new ArrayList<>())).add(id);
  }

  public void subscribed(String client, String channel) {
    subscriptions.computeIfAbsent(client, c -> ConcurrentHashMap.newKeySet()).add(channel);
  }

  public void received(String client, FabricMessage m) {
    received.computeIfAbsent(client, c -> new ConcurrentHashMap<>())
        .computeIfAbsent(m.channel(), c -> Collections.synchronizedList(new ArrayList<>())).add(m);
  }

  public long publishedCount() {
    return published.values().stream().flatMap(o -> o.values().stream()).mapToLong(List::size).sum();
  }

  private int publishedOn(String channel) {
    return published.getOrDefault(channel, Map.of()).values().stream().mapToInt(List::size).sum();
  }

  /**
   * Messages not yet received, counted cheaply (expected minus received, per client and channel):
   * for polling until everyone caught up; {@link #report} then checks ids, duplicates and order.
   */
  public long missing() {
    long missing = 0;
    for (var entry : subscriptions.entrySet()) {
      Map<String, List<FabricMessage>> got = received.getOrDefault(entry.getKey(), Map.of());
      for (String channel : entry.getValue()) {
        missing += Math.max(0, publishedOn(channel) - got.getOrDefault(channel, List.of()).size());
      }
    }
    return missing;
  }

  /** True when every client has received at least one message of {@code origin} on each of its channels. */
  public boolean everyClientHasSeen(String origin) {
    for (var entry : subscriptions.entrySet()) {
      Map<String, List<FabricMessage>> got = received.getOrDefault(entry.getKey(), Map.of());
      for (String channel : entry.getValue()) {
        List<FabricMessage> raw = got.getOrDefault(channel, List.of());
        synchronized (raw) {
          if (raw.stream().noneMatch(m -> origin.equals(m.origin()))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  public Report report() {
    long lost = 0;
    long duplicated = 0;
    long reordered = 0;
    List<String> details = new ArrayList<>();
    for (var entry : subscriptions.entrySet()) {
      String client = entry.getKey();
      for (String channel : entry.getValue()) {
        List<FabricMessage> got;
        List<FabricMessage> raw = received.getOrDefault(client, Map.of()).getOrDefault(channel, List.of());
        synchronized (raw) {
          got = List.copyOf(raw);
        }
        Map<String, List<FabricMessage>> byOrigin = new HashMap<>();
        got.forEach(m -> byOrigin.computeIfAbsent(m.origin(), o -> new ArrayList<>()).add(m));
        Set<String> origins = new HashSet<>(byOrigin.keySet());
        origins.addAll(published.getOrDefault(channel, Map.of()).keySet());
        for (String origin : origins) {
          List<Long> sent = published.getOrDefault(channel, Map.of()).getOrDefault(origin, List.of());
          List<Long> expected;
          synchronized (sent) {
            expected = List.copyOf(sent);
          }
          Stream s = check(expected, byOrigin.getOrDefault(origin, List.of()));
          if (s.lost + s.duplicated + s.reordered > 0 && details.size() < 10) {
            details.add(client + "/" + channel + "/" + origin + ": lost " + s.lost + ", duplicated " + s.duplicated
                + ", reordered " + s.reordered);
          }
          lost += s.lost;
          duplicated += s.duplicated;
          reordered += s.reordered;
        }
      }
    }
    return new Report(lost, duplicated, reordered, details);
  }

  private record Stream(long lost, long duplicated, long reordered) {}

  /** One client's copy of one origin's stream of a channel against what was published there. */
  private static Stream check(List<Long> expected, List<FabricMessage> got) {
    Map<Long, Integer> position = new HashMap<>();
    for (int i = 0; i < expected.size(); i++) {
      position.put(expected.get(i), i);
    }
    Set<Long> seen = new HashSet<>();
    long dup = 0;
    long order = 0;
    int lastIndex = -1;
    FabricMessage previous = null;
    for (FabricMessage m : got) {
      long id = m.data().get("id").asLong();
      if (!seen.add(id)) {
        dup++;
        continue;
      }
      int index = position.getOrDefault(id, Integer.MAX_VALUE);
      boolean seqBreak = previous != null && previous.epoch().equals(m.epoch()) && m.seq() != previous.seq() + 1;
      if (index < lastIndex || seqBreak) {
        order++;
      }
      lastIndex = Math.max(lastIndex, index);
      previous = m;
    }
    long missing = expected.stream().filter(id -> !seen.contains(id)).count();
    return new Stream(missing, dup, order);
  }

  /** Totals over every client and channel, and the first few offenders. */
  public record Report(long lost, long duplicated, long reordered, List<String> details) {
    public boolean clean() {
      return lost == 0 && duplicated == 0 && reordered == 0;
    }
  }
}
