package io.syncfabric.frontend.pool;

import java.util.Comparator;
import java.util.List;

/**
 * Orders the frontends a client may use, best first: only serving ones heard from within the TTL;
 * the frontend that holds the client's session (stickiness) first; then those in the caller's
 * region; then the least loaded. Clients then measure RTT among the first few.
 */
public final class DiscoveryRanking {
  private DiscoveryRanking() {}

  /**
   * @param region the caller's region ({@code null}: no preference)
   * @param stickyNode the node the client's session lives on ({@code null}: none)
   */
  public static List<LiveMember> rank(List<LiveMember> live, String region, String stickyNode) {
    Comparator<LiveMember> order = Comparator
        .comparing((LiveMember l) -> !l.member().node().equals(stickyNode))
        .thenComparing(l -> region != null && !l.member().region().equals(region))
        .thenComparingDouble(l -> l.member().load())
        .thenComparing(l -> l.member().node());
    return live.stream().filter(l -> l.member().state() == MemberState.SERVING).sorted(order).toList();
  }

  /** The node a session id names: session ids are {@code <node>.<random hex>}; null when it names none. */
  public static String nodeOfSession(String session) {
    if (session == null) {
      return null;
    }
    int dot = session.lastIndexOf('.');
    return dot <= 0 ? null : session.substring(0, dot);
  }
}
