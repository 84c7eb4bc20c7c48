package io.syncfabric.frontend.channel;

import io.syncfabric.schema.StreamPosition;
import java.util.Map;

/**
 * A channel's last positions, one per origin cloud: each cloud's sequencer numbers its own stream
 * of the channel, so order, gaps and duplicates are defined per origin. {@code latestOrigin} is the
 * origin of the newest message ({@code null} when none), the one single-position replies report.
 */
public record Positions(Map<String, StreamPosition> byOrigin, String latestOrigin) {
  public static final Positions NONE = new Positions(Map.of(), null);

  public Positions {
    byOrigin = Map.copyOf(byOrigin);
  }

  public static Positions single(String origin, StreamPosition position) {
    return new Positions(Map.of(origin, position), origin);
  }

  /** These positions with {@code origin}'s replaced by {@code position} (which is then the latest). */
  public Positions with(String origin, StreamPosition position) {
    if (byOrigin.isEmpty() || byOrigin.size() == 1 && byOrigin.containsKey(origin)) {
      return single(origin, position); // the common case, one origin: no map copy
    }
    Map<String, StreamPosition> updated = new java.util.HashMap<>(byOrigin);
    updated.put(origin, position);
    return new Positions(updated, origin);
  }

  /** The position in {@code origin}'s stream, {@code null} when none is known. */
  public StreamPosition of(String origin) {
    return byOrigin.get(origin);
  }

  /** The position of the newest message, {@code null} when none is known. */
  public StreamPosition latest() {
    return latestOrigin == null ? null : byOrigin.get(latestOrigin);
  }

  /** The origin whose current stream has {@code epoch}, {@code null} when none. */
  public String originOfEpoch(String epoch) {
    for (Map.Entry<String, StreamPosition> e : byOrigin.entrySet()) {
      if (e.getValue().epoch().equals(epoch)) {
        return e.getKey();
      }
    }
    return null;
  }
}
