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
 * Records every message published (by id, per channel, in publish order) and every message each
 * client received, and reports per client and channel what was lost, duplicated or out of order.
 * Clients are expected to be subscribed before the first publish, so each should get every message
 * of its channels. Published payloads carry their id as {@code {"id": n}}.
 */
public final class DeliveryChecker {
  private final Map<String, List<Long>> published = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<FabricMessage>>> received = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();

  /** Call before sending, from the one thread that publishes to {@code channel}. */
  public void published(String channel, long id) {
    published.computeIfAbsent(channel, c -> Collections.synchronizedList(new ArrayList<>())).add(id);
  }

  public void subscribed(String client, String channel) {
    subscriptions.computeIfAbsent(client, c -> ConcurrentHashMap.newKeySet()).add(channel);
  }

  public void received(String client, FabricMessage m) {
    received.computeIfAbsent(client, c -> new ConcurrentHashMap<>())
        .computeIfAbsent(m.channel(), c -> Collections.synchronizedList(new ArrayList<>())).add(m);
  }

  public long publishedCount() {
    return published.values().stream().mapToLong(List::size).sum();
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
        int expected = published.getOrDefault(channel, List.of()).size();
        missing += Math.max(0, expected - got.getOrDefault(channel, List.of()).size());
      }
    }
    return missing;
  }

  public Report report() {
    Map<String, Map<Long, Integer>> positions = new HashMap<>();
    long lost = 0;
    long duplicated = 0;
    long reordered = 0;
    List<String> details = new ArrayList<>();
    for (var entry : subscriptions.entrySet()) {
      String client = entry.getKey();
      for (String channel : entry.getValue()) {
        List<Long> expected;
        List<Long> sent = published.getOrDefault(channel, List.of());
        synchronized (sent) {
          expected = List.copyOf(sent);
        }
        List<FabricMessage> got;
        List<FabricMessage> raw = received.getOrDefault(client, Map.of()).getOrDefault(channel, List.of());
        synchronized (raw) {
          got = List.copyOf(raw);
        }
        Map<Long, Integer> position = positions.computeIfAbsent(channel, c -> {
          Map<Long, Integer> index = new HashMap<>();
          for (int i = 0; i < expected.size(); i++) {
            index.put(expected.get(i), i);
          }
          return index;
        });
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
        if (missing + dup + order > 0 && details.size() < 10) {
          details.add(client + "/" + channel + ": lost " + missing + ", duplicated " + dup + ", reordered " + order);
        }
        lost += missing;
        duplicated += dup;
        reordered += order;
      }
    }
    return new Report(lost, duplicated, reordered, details);
  }

  /** Totals over every client and channel, and the first few offenders. */
  public record Report(long lost, long duplicated, long reordered, List<String> details) {
    public boolean clean() {
      return lost == 0 && duplicated == 0 && reordered == 0;
    }
  }
}
