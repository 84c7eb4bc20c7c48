package io.syncfabric.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last message seen per channel and origin cloud, and the filter that makes delivery
 * exactly-once across reconnects and failovers: while a client moves between frontends (or clouds)
 * two connections may deliver the same messages, and a message at or below the last {@code seq}
 * of the same origin and epoch is dropped. Each origin's sequencer numbers its own stream.
 */
final class ChannelPositions {
  /** channel → origin → last position. */
  private final Map<String, Map<String, StreamPosition>> last = new HashMap<>();
  /** Epochs a stream has moved on from: late messages of those (from a retiring connection) are stale. */
  private final Map<String, Set<String>> retired = new HashMap<>();
  /** channel → when its subscription first took effect (the first reply's {@code at}). */
  private final Map<String, Long> subscribedFrom = new HashMap<>();
  private long dropped;

  /** True when {@code m} is new for its channel and origin (and records it); false for a repeat. */
  synchronized boolean accept(FabricMessage m) {
    String origin = m.origin() == null ? "" : m.origin();
    StreamPosition p = streams(m.channel()).get(origin);
    boolean stale = retired.getOrDefault(key(m.channel(), origin), Set.of()).contains(m.epoch());
    if (stale || (p != null && p.epoch().equals(m.epoch()) && m.seq() <= p.seq())) {
      dropped++;
      return false;
    }
    moveTo(m.channel(), origin, p, m.epoch());
    streams(m.channel()).put(origin, new StreamPosition(origin, m.epoch(), m.seq(), m.ts()));
    return true;
  }

  /** The subscribe reply's positions, where nothing newer is known (so a resume has a since). */
  synchronized void subscribedAt(Subscribed reply) {
    // the first reply dates the subscription; a resume that recovered keeps that date, one that
    // did not (the application resyncs now) starts a new one
    if (reply.at() > 0 && (!reply.recovered() || !subscribedFrom.containsKey(reply.channel()))) {
      subscribedFrom.put(reply.channel(), reply.at());
    }
    List<StreamPosition> given = reply.positions();
    if (given.isEmpty() && !reply.epoch().isEmpty()) { // a server that names no origins
      given = List.of(new StreamPosition(reply.origin(), reply.epoch(), reply.seq(), 0));
    }
    for (StreamPosition at : given) {
      if (at.epoch().isEmpty()) {
        continue;
      }
      String origin = at.origin() == null ? "" : at.origin();
      StreamPosition p = streams(reply.channel()).get(origin);
      if (retired.getOrDefault(key(reply.channel(), origin), Set.of()).contains(at.epoch())) {
        continue;
      }
      if (p == null || !p.epoch().equals(at.epoch()) || p.seq() < at.seq()) {
        moveTo(reply.channel(), origin, p, at.epoch());
        streams(reply.channel()).put(origin, new StreamPosition(origin, at.epoch(), at.seq(), p == null ? 0 : p.ts()));
      }
    }
  }

  private Map<String, StreamPosition> streams(String channel) {
    return last.computeIfAbsent(channel, c -> new HashMap<>());
  }

  private void moveTo(String channel, String origin, StreamPosition from, String epoch) {
    if (from != null && !from.epoch().equals(epoch)) {
      retired.computeIfAbsent(key(channel, origin), c -> new HashSet<>()).add(from.epoch());
    }
  }

  private static String key(String channel, String origin) {
    return channel + '\u0000' + origin;
  }

  /** What to resume {@code channel} from: one position per origin seen (empty when none). */
  synchronized List<StreamPosition> since(String channel) {
    List<StreamPosition> since = new ArrayList<>();
    for (StreamPosition p : last.getOrDefault(channel, Map.of()).values()) {
      since.add(p.origin().isEmpty() ? new StreamPosition(null, p.epoch(), p.seq(), p.ts()) : p);
    }
    if (since.size() > 1) {
      since.removeIf(p -> p.origin() == null); // a list needs every entry's origin
    }
    return since;
  }

  /** Since when the client has been subscribed to {@code channel} (epoch ms; 0 when not known): a resume's {@code from}. */
  synchronized long from(String channel) {
    return subscribedFrom.getOrDefault(channel, 0L);
  }

  synchronized void forget(String channel) {
    last.remove(channel);
    subscribedFrom.remove(channel);
    retired.keySet().removeIf(k -> k.startsWith(channel + '\u0000'));
  }

  synchronized long dropped() {
    return dropped;
  }
}
