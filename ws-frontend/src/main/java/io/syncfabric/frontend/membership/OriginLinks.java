package io.syncfabric.frontend.membership;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * How fresh each other cloud's replication link looks from here, one entry per origin cloud (the
 * prefix of a mirrored members topic). Lag is this frontend's receive time minus the record's
 * timestamp (set by the announcer, kept by MirrorMaker 2), so it includes the clock skew between
 * the clouds; age is how long ago the last record from that origin arrived, on our clock only, so a
 * dead link shows as a growing age even when the lag was small.
 */
public final class OriginLinks {
  /**
   * @param lagMs lag of the last record received ({@code -1} before the first one)
   * @param ageMs time since the last record arrived, or since we started reading the origin
   */
  public record Link(long lagMs, long ageMs) {}

  private record State(long lagMs, long lastArrivalMs) {}

  private final LongSupplier clockMs;
  private final Map<String, State> links = new ConcurrentHashMap<>();

  public OriginLinks(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  /** We started reading {@code origin}'s mirrored topic: its age counts from now until a record comes. */
  public void watching(String origin) {
    links.putIfAbsent(origin, new State(-1, clockMs.getAsLong()));
  }

  /** A live (not start-up backlog) record from {@code origin} with timestamp {@code recordTimestampMs} arrived now. */
  public void arrived(String origin, long recordTimestampMs) {
    long now = clockMs.getAsLong();
    links.put(origin, new State(Math.max(0, now - recordTimestampMs), now));
  }

  public boolean knows(String origin) {
    return links.containsKey(origin);
  }

  /** The link of {@code origin}, or null when it is not read. */
  public Link link(String origin) {
    State s = links.get(origin);
    return s == null ? null : new Link(s.lagMs(), clockMs.getAsLong() - s.lastArrivalMs());
  }

  /** Every origin's link, sorted by origin. */
  public Map<String, Link> all() {
    Map<String, Link> result = new TreeMap<>();
    links.keySet().forEach(origin -> result.put(origin, link(origin)));
    return result;
  }
}
