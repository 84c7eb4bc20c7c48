package io.syncfabric.client;

import java.util.HashMap;
import java.util.Map;

/**
 * The last message seen per channel, and the filter that makes delivery exactly-once across
 * reconnects: while a client moves between frontends two connections may deliver the same
 * messages, and a message at or below the last {@code seq} of the same epoch is dropped.
 */
final class ChannelPositions {
  record Position(String epoch, long seq, long ts) {}

  private final Map<String, Position> last = new HashMap<>();
  private long dropped;

  /** True when {@code m} is new for its channel (and records it); false for a repeat. */
  synchronized boolean accept(FabricMessage m) {
    Position p = last.get(m.channel());
    if (p != null && p.epoch().equals(m.epoch()) && m.seq() <= p.seq()) {
      dropped++;
      return false;
    }
    last.put(m.channel(), new Position(m.epoch(), m.seq(), m.ts()));
    return true;
  }

  /** The subscribe reply's position, when nothing newer is known (so a resume has a since). */
  synchronized void subscribedAt(String channel, String epoch, long seq) {
    if (epoch.isEmpty()) {
      return;
    }
    Position p = last.get(channel);
    if (p == null || !p.epoch().equals(epoch) || p.seq() < seq) {
      last.put(channel, new Position(epoch, seq, p == null ? 0 : p.ts()));
    }
  }

  synchronized Position get(String channel) {
    return last.get(channel);
  }

  synchronized void forget(String channel) {
    last.remove(channel);
  }

  synchronized long dropped() {
    return dropped;
  }
}
