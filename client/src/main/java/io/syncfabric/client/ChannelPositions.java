package io.syncfabric.client;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The last message seen per channel, and the filter that makes delivery exactly-once across
 * reconnects: while a client moves between frontends two connections may deliver the same
 * messages, and a message at or below the last {@code seq} of the same epoch is dropped.
 */
final class ChannelPositions {
  record Position(String epoch, long seq, long ts) {}

  private final Map<String, Position> last = new HashMap<>();
  /** Epochs a channel has moved on from: late messages of those (from a retiring connection) are stale. */
  private final Map<String, Set<String>> retired = new HashMap<>();
  private long dropped;

  /** True when {@code m} is new for its channel (and records it); false for a repeat. */
  synchronized boolean accept(FabricMessage m) {
    Position p = last.get(m.channel());
    boolean stale = retired.getOrDefault(m.channel(), Set.of()).contains(m.epoch());
    if (stale || (p != null && p.epoch().equals(m.epoch()) && m.seq() <= p.seq())) {
      dropped++;
      return false;
    }
    moveTo(m.channel(), p, m.epoch());
    last.put(m.channel(), new Position(m.epoch(), m.seq(), m.ts()));
    return true;
  }

  /** The subscribe reply's position, when nothing newer is known (so a resume has a since). */
  synchronized void subscribedAt(String channel, String epoch, long seq) {
    if (epoch.isEmpty()) {
      return;
    }
    Position p = last.get(channel);
    if (retired.getOrDefault(channel, Set.of()).contains(epoch)) {
      return;
    }
    if (p == null || !p.epoch().equals(epoch) || p.seq() < seq) {
      moveTo(channel, p, epoch);
      last.put(channel, new Position(epoch, seq, p == null ? 0 : p.ts()));
    }
  }

  private void moveTo(String channel, Position from, String epoch) {
    if (from != null && !from.epoch().equals(epoch)) {
      retired.computeIfAbsent(channel, c -> new HashSet<>()).add(from.epoch());
    }
  }

  synchronized Position get(String channel) {
    return last.get(channel);
  }

  synchronized void forget(String channel) {
    last.remove(channel);
    retired.remove(channel);
  }

  synchronized long dropped() {
    return dropped;
  }
}
