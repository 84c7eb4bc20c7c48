package io.syncfabric.frontend.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Orders the frontends a client may use, best first: only serving ones heard from within the TTL;
 * the frontend that holds the client's session (stickiness) first; then those in the caller's
 * region; then the least loaded. Frontends of other clouds follow, least loaded first, so a client
 * whose cloud goes dark knows where to go. Clients then measure RTT among the first few.
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

  /**
   * Every cloud's serving frontends: ours ranked by {@link #rank}, then the other clouds' by load
   * (then cloud and node, for a stable order). A remote entry with one of our node ids is left out.
   */
  public static List<LiveMember> rankAcrossClouds(List<LiveMember> own, List<LiveMember> remote, String region,
      String stickyNode) {
    List<LiveMember> result = new ArrayList<>(rank(own, region, stickyNode));
    Set<String> ownNodes = own.stream().map(l -> l.member().node()).collect(Collectors.toSet());
    remote.stream()
        .filter(l -> l.member().state() == MemberState.SERVING && !ownNodes.contains(l.member().node()))
        .sorted(Comparator.comparingDouble((LiveMember l) -> l.member().load())
            .thenComparing(l -> l.member().cloud())
            .thenComparing(l -> l.member().node()))
        .forEach(result::add);
    return result;
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
